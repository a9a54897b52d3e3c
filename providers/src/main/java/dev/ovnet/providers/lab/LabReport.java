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

    /** One ping from a container to a container of another host, over IPv6 when {@code ipv6}. */
    public record Probe(LabContainer from, LabContainer to, PingResult result, boolean ipv6) {

        public Probe(LabContainer from, LabContainer to, PingResult result) {
            this(from, to, result, false);
        }

        public String pair() {
            return from.label() + " -> " + to.label() + (ipv6 ? " (IPv6)" : "");
        }

        /** The address pinged. */
        public String target() {
            return ipv6 ? to.address6().toString() : to.address().toString();
        }
    }

    /** True when some probes went over IPv6: the lab is dual-stack and the report has a matrix per family. */
    public boolean dualStack() {
        return probes.stream().anyMatch(Probe::ipv6) && probes.stream().anyMatch(p -> !p.ipv6());
    }

    /** True when every probe went over IPv6: the lab of an IPv6-only network. */
    public boolean ipv6Only() {
        return !probes.isEmpty() && probes.stream().allMatch(Probe::ipv6);
    }

    /** The probes of one family. */
    public List<Probe> probes(boolean ipv6) {
        return probes.stream().filter(p -> p.ipv6() == ipv6).toList();
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

    /** The cell of the (IPv4) matrix; empty for a container and itself or two containers of one host. */
    public Optional<PingResult> result(String fromLabel, String toLabel) {
        return result(fromLabel, toLabel, false);
    }

    /** The cell of one family's matrix. */
    public Optional<PingResult> result(String fromLabel, String toLabel, boolean ipv6) {
        return probes.stream().filter(p -> p.ipv6() == ipv6 && p.from().label().equals(fromLabel)
                && p.to().label().equals(toLabel)).map(Probe::result).findFirst();
    }
}
