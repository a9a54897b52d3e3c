package dev.ovnet.planner.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ovnet.planner.config.NetworkConfig;
import dev.ovnet.planner.desired.HostFacts;
import dev.ovnet.planner.model.KernelObject;
import dev.ovnet.planner.model.Sysctl;
import dev.ovnet.planner.net.Cidr;
import dev.ovnet.planner.net.Ipv4;
import dev.ovnet.planner.plan.FakeHosts;
import dev.ovnet.planner.plan.HostPlan;
import dev.ovnet.planner.plan.HostReading;
import dev.ovnet.planner.plan.Plan;
import dev.ovnet.planner.plan.Planner;
import dev.ovnet.planner.spi.ApplyListener;
import dev.ovnet.planner.spi.ApplyResult;
import dev.ovnet.planner.spi.Host;
import dev.ovnet.planner.spi.HostTarget;
import dev.ovnet.planner.spi.Probe;
import dev.ovnet.planner.spi.ReadRequest;
import dev.ovnet.planner.state.HostState;
import dev.ovnet.planner.state.HostStatus;
import dev.ovnet.planner.state.State;
import dev.ovnet.planner.testing.FakeNetwork;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class EngineTest {

    private static final HostFacts FACTS = new HostFacts("eth0", 1500, Cidr.parse("192.0.2.0/24"), true, false);
    private static final Function<HostTarget, ReadRequest> READS = t -> new ReadRequest(t.address(), null, Set.of(),
            Set.of(), Cidr.parse("10.100.0.0/16"), null);

    /** The shared hosts in memory ({@link FakeNetwork}), with the state the tests' applies record. */
    private static final class Hosts {
        final FakeNetwork net = new FakeNetwork();
        final Map<String, List<KernelObject>> objects = net.objects;
        final Map<String, Integer> failAfter = net.failAfter;
        final Set<String> refuseUndo = net.refuseUndo;
        final Set<String> silent = net.silent;
        final List<Probe> probes = net.probes;
        final Set<String> probedFrom = net.probedFrom;
        State state = State.empty("lineage-1");

        Hosts(String... names) {
            for (String n : names) {
                objects.put(n, List.of(new Sysctl("net.ipv4.ip_forward", "0")));
            }
        }

        Host connect(HostTarget target) {
            return net.connect(target);
        }

        /** The hosts that were read. */
        Set<String> read() {
            return Set.copyOf(net.reads);
        }

        Plan plan(NetworkConfig config) {
            Map<String, HostReading> readings = new TreeMap<>();
            objects.forEach((n, o) -> readings.put(n, new HostReading(FACTS, o)));
            return Planner.plan(config, new Planner.Inputs(state, readings, true, "sha"));
        }

        Map<String, ApplyResult> apply(NetworkConfig config, boolean rollback, boolean verify) {
            Plan plan = plan(config);
            Map<String, HostTarget> targets = new TreeMap<>();
            config.hosts().forEach(h -> targets.put(h.name(), HostTarget.of(h)));
            try (Engine engine = new Engine(this::connect, 4)) {
                Map<String, ApplyResult> results = engine.apply(plan, targets, ApplyListener.NONE, () -> false,
                        new Engine.Transactions(rollback, verify, READS));
                state = StateUpdate.after(state, plan, results, "2026-12-07T00:00:00Z");
                return results;
            }
        }
    }

    private static NetworkConfig config(String backend, String... hosts) {
        return FakeHosts.config(backend, hosts);
    }

    @Test
    void aNewHostThatFailsPartWayIsPutBackToWhatItHeldAndTheStateSaysRolledBack() {
        Hosts hosts = new Hosts("a", "b", "c");
        hosts.failAfter.put("b", 4);
        Map<String, ApplyResult> results = hosts.apply(config("vxlan", "a", "b", "c"), true, false);

        ApplyResult b = results.get("b");
        assertFalse(b.ok());
        assertEquals(4, b.applied().size(), "the changes done before the failure are still reported");
        assertTrue(b.rolledBack(), () -> String.valueOf(b.rollback()));
        assertEquals(4, b.rollback().undone().size());
        assertEquals(List.of(new Sysctl("net.ipv4.ip_forward", "0")), hosts.objects.get("b"));
        assertEquals(HostStatus.ROLLED_BACK, hosts.state.host("b").orElseThrow().status());
        assertEquals(hosts.objects.get("b"), hosts.state.host("b").orElseThrow().objects());
        assertEquals(0, hosts.state.host("b").orElseThrow().appliedSerial(), "nothing of this apply stayed on b");
        assertEquals(HostStatus.APPLIED, hosts.state.host("a").orElseThrow().status());

        hosts.failAfter.clear();
        Map<String, ApplyResult> again = hosts.apply(config("vxlan", "a", "b", "c"), true, false);
        assertTrue(again.get("b").ok());
        assertEquals(HostStatus.APPLIED, hosts.state.host("b").orElseThrow().status());
        assertTrue(hosts.plan(config("vxlan", "a", "b", "c")).hosts().stream().allMatch(HostPlan::isEmpty),
                "the next plan has nothing left to do");
    }

    @Test
    void aChangedHostIsPutBackToItsOldObjectsIpForwardIncluded() {
        Hosts hosts = new Hosts("a", "b");
        hosts.apply(config("vxlan", "a", "b"), true, false);
        List<KernelObject> before = hosts.objects.get("a");
        hosts.objects.put("c", List.of(new Sysctl("net.ipv4.ip_forward", "0")));
        hosts.failAfter.put("a", 2);
        hosts.failAfter.put("c", 5);

        Map<String, ApplyResult> results = hosts.apply(config("host-gw", "a", "b", "c"), true, false);

        assertTrue(results.get("a").rolledBack());
        assertEquals(before, hosts.objects.get("a"), "a holds its vxlan objects again");
        assertTrue(results.get("c").rolledBack());
        assertEquals(List.of(new Sysctl("net.ipv4.ip_forward", "0")), hosts.objects.get("c"),
                "ip_forward is set back to 0 on a host that had it off");
        assertEquals(HostStatus.ROLLED_BACK, hosts.state.host("c").orElseThrow().status());
    }

    @Test
    void aTargetedApplyReadsAndProbesOnlyTheTargetedHosts() {
        Hosts hosts = new Hosts("a", "b", "c");
        hosts.failAfter.put("b", 1);
        NetworkConfig config = config("vxlan", "a", "b", "c");
        Plan plan = hosts.plan(config);
        Map<String, HostTarget> targets = new TreeMap<>();
        config.hosts().forEach(h -> targets.put(h.name(), HostTarget.of(h)));
        Map<String, ApplyResult> results;
        try (Engine engine = new Engine(hosts::connect, 4)) {
            results = engine.apply(plan, targets, ApplyListener.NONE, () -> false,
                    new Engine.Transactions(true, true, READS).limitedTo(Set.of("a")));
        }
        assertEquals(Set.of("a"), hosts.read(), "only the targeted host was read (its checkpoint)");
        assertEquals(Set.of("a"), hosts.probedFrom, "and only it probes its peers");
        assertTrue(results.get("a").ok());
        assertFalse(results.get("b").ok());
        assertNull(results.get("b").rollback(), "an untargeted host has no checkpoint to go back to");
        assertEquals(1, results.get("b").applied().size());
    }

    @Test
    void aHostWhoseRootMovedAndWhoseApplyWasRolledBackKeepsTheRootItsFilesAreUnder() {
        Hosts hosts = new Hosts("a", "b");
        hosts.apply(config("vxlan", "a", "b"), true, false);
        String root = hosts.state.host("a").orElseThrow().root();
        NetworkConfig moved = dev.ovnet.planner.config.ConfigParser.parse("ovnet.yaml", "network:\n  name: t\n"
                + "  pool: 10.100.0.0/16\n  backend:\n    type: vxlan\nhosts:\n"
                + "  - {name: a, address: 192.0.2.11, root: /srv/moved}\n  - {name: b, address: 192.0.2.12}\n");
        hosts.failAfter.put("a", 1);

        assertTrue(hosts.apply(moved, true, false).get("a").rolledBack());

        HostState a = hosts.state.host("a").orElseThrow();
        assertEquals(HostStatus.ROLLED_BACK, a.status());
        assertEquals(root, a.root(), "its files are still under the old root");
        assertEquals(java.util.Optional.empty(), dev.ovnet.planner.desired.OwnedObjects.firstForeign("a",
                a.objects(), List.of(a.root())), "the state reader accepts the record");
    }

    @Test
    void withoutRollbackAFailedHostKeepsWhatWasDoneAndIsPartial() {
        Hosts hosts = new Hosts("a", "b");
        hosts.failAfter.put("b", 3);
        Map<String, ApplyResult> results = hosts.apply(config("vxlan", "a", "b"), false, false);

        assertNull(results.get("b").rollback());
        assertEquals(HostStatus.PARTIAL, hosts.state.host("b").orElseThrow().status());
        assertEquals(hosts.objects.get("b"), hosts.state.host("b").orElseThrow().objects());
        assertNotEquals(1, hosts.objects.get("b").size(), "three changes stayed");
    }

    @Test
    void aRollbackTheHostRefusesIsRecordedAsPartialWithWhatTheHostReallyHolds() {
        Hosts hosts = new Hosts("a", "b");
        hosts.failAfter.put("b", 3);
        hosts.refuseUndo.add("b");
        Map<String, ApplyResult> results = hosts.apply(config("vxlan", "a", "b"), true, false);

        ApplyResult b = results.get("b");
        assertFalse(b.rolledBack());
        assertTrue(b.rollback().problem().contains("File exists"), b.rollback().problem());
        assertEquals(HostStatus.PARTIAL, hosts.state.host("b").orElseThrow().status());
        assertEquals(hosts.objects.get("b"), hosts.state.host("b").orElseThrow().objects());
    }

    @Test
    void verifyRollsBackAHostNoneOfWhosePeersAnswersAndKeepsTheOthers() {
        Hosts hosts = new Hosts("a", "b", "c");
        hosts.silent.add("c"); // c's overlay does not work: nobody reaches it, it reaches nobody
        Map<String, ApplyResult> results = hosts.apply(config("vxlan", "a", "b", "c"), true, true);

        assertTrue(results.get("a").ok(), "a reaches b");
        assertTrue(results.get("b").ok(), "b reaches a");
        ApplyResult c = results.get("c");
        assertTrue(c.rolledBack());
        assertTrue(c.failure().detail().startsWith("verify: no peer answered"), c.failure().detail());
        assertEquals(List.of(new Sysctl("net.ipv4.ip_forward", "0")), hosts.objects.get("c"));
        assertEquals(HostStatus.ROLLED_BACK, hosts.state.host("c").orElseThrow().status());
        Set<String> from = new HashSet<>();
        hosts.probes.forEach(p -> from.add(p.peer()));
        assertEquals(Set.of("a", "b", "c"), from);
    }

    @Test
    void probesGoFromTheVtepToUpToThreeHealthyPeersAfterTheHostAndWrapAround() {
        Hosts hosts = new Hosts("a", "b", "c", "d", "e");
        hosts.apply(config("vxlan", "a", "b", "c", "d", "e"), false, false);
        State s = hosts.state;
        List<Probe> fromD = Probes.forHost(s, "d", Set.of("a", "b", "c", "d", "e"));
        assertEquals(List.of("e", "a", "b"), fromD.stream().map(Probe::peer).toList());
        assertEquals(s.host("d").orElseThrow().lease().network(), fromD.get(0).source());
        assertEquals(s.host("e").orElseThrow().lease().network(), fromD.get(0).target());
        assertEquals(List.of("a"), Probes.forHost(s, "d", Set.of("a", "d")).stream().map(Probe::peer).toList());
        assertEquals(List.of(), Probes.forHost(s, "d", Set.of("d")));

        Hosts gw = new Hosts("a", "b");
        gw.apply(config("host-gw", "a", "b"), false, false);
        Probe p = Probes.forHost(gw.state, "a", Set.of("a", "b")).get(0);
        assertNull(p.source());
        assertEquals(Ipv4.parse("192.0.2.12"), p.target(), "host-gw pings the peer's underlay address");
    }

    @Test
    void applyRecordsNewHostsAsPendingBeforeTouchingThemAndOnlyThen() {
        Hosts hosts = new Hosts("a", "b", "c");
        hosts.apply(config("vxlan", "a", "b"), true, false);
        State before = hosts.state;
        Plan plan = hosts.plan(config("vxlan", "a", "b", "c"));

        State intent = StateUpdate.intent(before, plan).orElseThrow();
        assertEquals(before.serial() + 1, intent.serial());
        assertEquals(before.network(), intent.network(), "the network is recorded only once hosts hold it");
        assertEquals(before.host("a"), intent.host("a"));
        var c = intent.host("c").orElseThrow();
        assertEquals(HostStatus.PENDING, c.status());
        assertEquals(List.of(), c.objects());
        assertEquals(plan.next().host("c").orElseThrow().lease(), c.lease());

        State after = StateUpdate.after(intent, plan, Map.of(), "2026-12-07T00:00:00Z");
        assertEquals(before.serial() + 2, after.serial());
        assertTrue(StateUpdate.intent(after, hosts.plan(config("vxlan", "a", "b", "c"))).isEmpty(),
                "nothing to record when the plan adds no host");
    }
}
