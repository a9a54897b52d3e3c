package dev.ovnet.planner.testing;

import dev.ovnet.planner.desired.HostFacts;
import dev.ovnet.planner.model.KernelObject;
import dev.ovnet.planner.model.Sysctl;
import dev.ovnet.planner.net.Cidr;
import dev.ovnet.planner.plan.Change;
import dev.ovnet.planner.plan.HostPlan;
import dev.ovnet.planner.plan.HostReading;
import dev.ovnet.planner.plan.ObjectSet;
import dev.ovnet.planner.plan.ObjectsAfter;
import dev.ovnet.planner.spi.ApplyListener;
import dev.ovnet.planner.spi.ApplyResult;
import dev.ovnet.planner.spi.Host;
import dev.ovnet.planner.spi.HostConnector;
import dev.ovnet.planner.spi.HostException;
import dev.ovnet.planner.spi.HostFailure;
import dev.ovnet.planner.spi.HostTarget;
import dev.ovnet.planner.spi.Probe;
import dev.ovnet.planner.spi.ReadRequest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Hosts in memory behind a {@link HostConnector}: each holds a list of objects that a read returns and an apply
 * changes, on eth0 192.0.2.0/24 with MTU 1500. A test can make a host unreachable, make its apply fail after some
 * changes (the undo of a rollback then works, unless refused), and make it or its peers deaf to probes; every
 * connect, read and probe is recorded.
 */
public final class FakeNetwork implements HostConnector {

    public static final HostFacts FACTS = new HostFacts("eth0", 1500, Cidr.parse("192.0.2.0/24"), true, false);

    /** What each host holds; a host not listed holds only ip_forward=0. */
    public final Map<String, List<KernelObject>> objects = new ConcurrentHashMap<>();
    /** Hosts that cannot be reached. */
    public final Set<String> unreachable = ConcurrentHashMap.newKeySet();
    /** Per host: how many changes its next apply makes before it fails. */
    public final Map<String, Integer> failAfter = new ConcurrentHashMap<>();
    /** Hosts that refuse the changes of a rollback. */
    public final Set<String> refuseUndo = ConcurrentHashMap.newKeySet();
    /** Hosts that never answer a probe, and whose probes no one answers. */
    public final Set<String> silent = ConcurrentHashMap.newKeySet();
    /** The hosts that were read, in order (one entry per read). */
    public final List<String> reads = Collections.synchronizedList(new ArrayList<>());
    /** Every probe sent. */
    public final List<Probe> probes = Collections.synchronizedList(new ArrayList<>());
    /** The hosts that sent probes. */
    public final Set<String> probedFrom = ConcurrentHashMap.newKeySet();

    private List<KernelObject> holds(String host) {
        return objects.computeIfAbsent(host, h -> List.of(new Sysctl("net.ipv4.ip_forward", "0")));
    }

    @Override
    public Host connect(HostTarget target) {
        String name = target.name();
        if (unreachable.contains(name)) {
            throw new HostException(name, null, "connection refused", true);
        }
        return new Host() {
            private boolean applied;

            @Override
            public String name() {
                return name;
            }

            @Override
            public HostReading read(ReadRequest request) {
                if (unreachable.contains(name)) {
                    throw new HostException(name, null, "connection refused", true);
                }
                reads.add(name);
                return new HostReading(FACTS, holds(name));
            }

            @Override
            public ApplyResult apply(HostPlan plan, ApplyListener listener) {
                List<Change> all = new ArrayList<>();
                plan.forEachInApplyOrder(all::add);
                boolean undo = applied;
                applied = true;
                int limit = undo ? (refuseUndo.contains(name) ? 0 : all.size())
                        : failAfter.getOrDefault(name, all.size());
                List<Change> done = all.subList(0, Math.min(limit, all.size()));
                objects.put(name, ObjectsAfter.of(new ObjectSet.Listed(holds(name)), done));
                HostFailure failure = done.size() < all.size()
                        ? new HostFailure(name, "ip -batch -", "RTNETLINK answers: File exists", false) : null;
                return new ApplyResult(done, failure);
            }

            @Override
            public boolean probe(Probe probe) {
                probes.add(probe);
                probedFrom.add(name);
                return !silent.contains(probe.peer()) && !silent.contains(name);
            }

            @Override
            public void close() {
            }
        };
    }
}
