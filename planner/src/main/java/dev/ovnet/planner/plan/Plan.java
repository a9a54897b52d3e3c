package dev.ovnet.planner.plan;

import dev.ovnet.planner.state.State;
import java.util.List;
import java.util.Map;

/**
 * A plan is a value: what will change on every host, the drift refresh found, warnings, and the state that
 * results when every host succeeds ({@code next}, whose serial is the one the write will get).
 * {@code basedOnSerial} and {@code lineage} identify the state the plan was made against, so a saved plan
 * can be refused when the state moved. {@code complete} is false when targets limited the plan.
 * {@code baseline} is, per host, the objects the plan starts from (what refresh read, else what the state
 * records): after a partial apply, the state records the baseline with the changes that were done.
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
        Map<String, ObjectSet> baseline) {

    public Plan {
        hosts = List.copyOf(hosts);
        drift = List.copyOf(drift);
        warnings = List.copyOf(warnings);
        baseline = Map.copyOf(baseline);
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
