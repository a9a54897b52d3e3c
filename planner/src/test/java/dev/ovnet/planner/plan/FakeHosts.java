package dev.ovnet.planner.plan;

import dev.ovnet.planner.config.ConfigParser;
import dev.ovnet.planner.config.NetworkConfig;
import dev.ovnet.planner.desired.HostFacts;
import dev.ovnet.planner.engine.StateUpdate;
import dev.ovnet.planner.model.KernelObject;
import dev.ovnet.planner.net.Cidr;
import dev.ovnet.planner.spi.ApplyResult;
import dev.ovnet.planner.state.State;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Hosts held in memory, for planner tests: each is a list of objects that refresh reads and apply changes, so a
 * test can run plan, apply and record in a loop without a kernel. Every host is reachable and every change works.
 */
public final class FakeHosts {

    static final HostFacts FACTS = new HostFacts("eth0", 1500, Cidr.parse("192.0.2.0/24"), true, false);

    final Map<String, List<KernelObject>> objects = new TreeMap<>();
    State state = State.empty("lineage-1");

    public static NetworkConfig config(String backend, String... hosts) {
        StringBuilder yaml = new StringBuilder("network:\n  name: t\n  pool: 10.100.0.0/16\n  backend:\n    type: "
                + backend + "\nhosts:\n");
        int i = 11;
        for (String h : hosts) {
            yaml.append("  - {name: ").append(h).append(", address: 192.0.2.").append(i++).append("}\n");
        }
        return ConfigParser.parse("ovnet.yaml", yaml.toString());
    }

    Map<String, HostReading> read(NetworkConfig config) {
        Map<String, HostReading> readings = new TreeMap<>();
        config.hosts().forEach(h -> readings.put(h.name(), new HostReading(FACTS,
                objects.getOrDefault(h.name(), List.of()))));
        state.hosts().forEach(h -> readings.putIfAbsent(h.name(), new HostReading(FACTS,
                objects.getOrDefault(h.name(), List.of()))));
        return readings;
    }

    Plan plan(NetworkConfig config) {
        return Planner.plan(config, new Planner.Inputs(state, read(config), true, "sha"));
    }

    /** A plan by an ovnet whose forwarder build is {@code build}, with or without refresh. */
    Plan plan(NetworkConfig config, String build, boolean refresh) {
        return Planner.plan(config, new Planner.Inputs(state, refresh ? read(config) : Map.of(), refresh, "sha",
                false, build));
    }

    Plan destroyPlan(NetworkConfig config) {
        return Planner.plan(config, new Planner.Inputs(state, read(config), true, "sha", true));
    }

    /** Does every change of the plan on the hosts and records the outcome, as apply does. */
    void apply(Plan plan) {
        Map<String, ApplyResult> results = new LinkedHashMap<>();
        for (HostPlan hp : plan.hosts()) {
            if (hp.isEmpty()) {
                continue;
            }
            List<Change> done = new ArrayList<>();
            hp.forEachInApplyOrder(done::add);
            ObjectSet now = new ObjectSet.Listed(objects.getOrDefault(hp.host(), List.of()));
            objects.put(hp.host(), ObjectsAfter.of(now, done));
            results.put(hp.host(), new ApplyResult(done, null));
        }
        state = StateUpdate.after(state, plan, results, "2026-01-01T00:00:00Z");
    }
}
