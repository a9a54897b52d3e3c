package dev.ovnet.providers.lab;

import java.util.List;
import java.util.Optional;

/**
 * The outcome of {@code ovnet lab check}: every container, one probe per ordered pair of containers on different
 * hosts (row: source, column: target), and problems found while preparing the containers (e.g. a failed CNI
 * CHECK). The CLI renders it with {@link LabReportRenderer}; tests read the probes.
 */
public record LabReport(List<LabContainer> containers, List<Probe> probes, List<String> problems) {

    public LabReport {
        containers = List.copyOf(containers);
        probes = List.copyOf(probes);
        problems = List.copyOf(problems);
    }

    /** One ping from a container to a container of another host. */
    public record Probe(LabContainer from, LabContainer to, PingResult result) {
        public String pair() {
            return from.label() + " -> " + to.label();
        }
    }

    public boolean allReachable() {
        return probes.stream().allMatch(p -> p.result().reachable());
    }

    /** Every pair answered and no container had a problem: what makes {@code lab check} exit 0. */
    public boolean ok() {
        return allReachable() && problems.isEmpty();
    }

    public long reachableCount() {
        return probes.stream().filter(p -> p.result().reachable()).count();
    }

    public List<Probe> unreachable() {
        return probes.stream().filter(p -> !p.result().reachable()).toList();
    }

    /** The cell of the matrix; empty for a container and itself or two containers of one host. */
    public Optional<PingResult> result(String fromLabel, String toLabel) {
        return probes.stream().filter(p -> p.from().label().equals(fromLabel) && p.to().label().equals(toLabel))
                .map(Probe::result).findFirst();
    }
}
