package dev.ovnet.planner.plan;

import dev.ovnet.planner.state.State;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A plan is a value: what will change on every host, the drift refresh found, warnings, and the state that
 * results when every host succeeds ({@code next}, whose serial is the one the write will get).
 * {@code basedOnSerial} and {@code lineage} identify the state the plan was made against, so a saved plan
 * can be refused when the state moved. {@code complete} is false when targets limited the plan.
 * {@code baseline} is, per host, the objects the plan starts from (what refresh read, else what the state
 * records): after a partial apply, the state records the baseline with the changes that were done.
 * {@code problems} are the hosts this plan cannot vouch for (not read) or must not be applied to (a clash found
 * by {@link Preflight}): a plan with problems is an error, never "no changes".
 */
public record Plan(
        String lineage,
        long basedOnSerial,
        String configHash,
        boolean refreshed,
        boolean complete,
        List<HostPlan> hosts,
        List<HostPlan> drift,
        List<String> warnings,
        State next,
        Map<String, ObjectSet> baseline,
        List<HostProblem> problems) {

    public Plan {
        hosts = List.copyOf(hosts);
        drift = List.copyOf(drift);
        warnings = List.copyOf(warnings);
        baseline = Map.copyOf(baseline);
        problems = List.copyOf(problems);
    }

    public Plan(String lineage, long basedOnSerial, String configHash, boolean refreshed, boolean complete,
            List<HostPlan> hosts, List<HostPlan> drift, List<String> warnings, State next,
            Map<String, ObjectSet> baseline) {
        this(lineage, basedOnSerial, configHash, refreshed, complete, hosts, drift, warnings, next, baseline,
                List.of());
    }

    /** This plan with {@code more} problems. */
    public Plan withProblems(List<HostProblem> more) {
        List<HostProblem> all = new ArrayList<>(problems);
        all.addAll(more);
        return new Plan(lineage, basedOnSerial, configHash, refreshed, complete, hosts, drift, warnings, next,
                baseline, all);
    }

    /** The problems of one kind. */
    public List<HostProblem> problems(HostProblem.Kind kind) {
        return problems.stream().filter(p -> p.kind() == kind).toList();
    }

    /** The hosts refresh could not read, by name. */
    public Set<String> unread() {
        Set<String> out = new TreeSet<>();
        problems(HostProblem.Kind.UNREAD).forEach(p -> out.add(p.host()));
        return out;
    }

    public Summary summary() {
        Summary total = Summary.ZERO;
        for (HostPlan host : hosts) {
            total = total.plus(host.summary());
        }
        return total;
    }

    public boolean hasChanges() {
        return hosts.stream().anyMatch(h -> !h.isEmpty());
    }

    public boolean hasDrift() {
        return drift.stream().anyMatch(h -> !h.isEmpty());
    }
}
