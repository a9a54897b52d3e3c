package dev.ovnet.planner.plan;

import static dev.ovnet.planner.plan.Plans.host;
import static dev.ovnet.planner.plan.Plans.lines;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ovnet.planner.config.BackendType;
import dev.ovnet.planner.config.NetworkConfig;
import dev.ovnet.planner.model.FileObject;
import dev.ovnet.planner.model.Link;
import dev.ovnet.planner.model.Route;
import dev.ovnet.planner.model.Sysctl;
import dev.ovnet.planner.net.Cidr;
import dev.ovnet.planner.net.Ipv4;
import dev.ovnet.planner.net.Mac;
import dev.ovnet.planner.state.HostState;
import dev.ovnet.planner.state.HostStatus;
import dev.ovnet.planner.state.State;
import dev.ovnet.planner.testing.Fixtures;
import dev.ovnet.planner.testing.KernelModel;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Planner.plan on the everyday changes: bootstrap, no-op, hosts added and removed, settings changed. */
class PlannerTest {

    private static final Mac MAC_2 = Mac.forLease("default", 1, Cidr.parse("10.100.2.0/24"));
    private static final Mac MAC_4 = Mac.forLease("default", 1, Cidr.parse("10.100.4.0/24"));

    @ParameterizedTest
    @EnumSource(BackendType.class)
    void bootstrapCreatesEverythingAndRecordsIt(BackendType type) {
        NetworkConfig config = Fixtures.network(type, 3);
        Plan plan = Fixtures.bootstrap(config);
        int own = switch (type) {
            case VXLAN -> 7;
            case HOST_GW -> 5;
            case UDP -> 10;
            case WIREGUARD -> 9;
        };
        int perPeer = switch (type) {
            case VXLAN -> 3;
            case HOST_GW, WIREGUARD -> 1;
            case UDP -> 0;
        };
        assertEquals(new Summary(3L * own + 3 * 2 * perPeer, 0, 0), plan.summary());
        assertTrue(plan.hasChanges());
        assertEquals(List.of(), plan.warnings());
        assertEquals(Fixtures.LINEAGE, plan.lineage());
        assertEquals(0, plan.basedOnSerial());
        State next = plan.next();
        assertEquals(1, next.serial());
        assertEquals(Fixtures.LINEAGE, next.lineage());
        assertEquals(List.of("node-1", "node-2", "node-3"), next.hosts().stream().map(HostState::name).toList());
        for (HostState h : next.hosts()) {
            assertEquals(HostStatus.APPLIED, h.status());
            assertTrue(h.derived());
            assertEquals(type == BackendType.VXLAN, h.mac() != null);
        }
        assertEquals(Cidr.parse("10.100.2.0/24"), next.host("node-2").orElseThrow().lease());
        for (HostPlan hp : plan.hosts()) {
            assertEquals("underlay not read yet: assumed eth0, MTU 1500", hp.note());
            hp.forEachChange(c -> assertEquals(Action.CREATE, c.action()));
        }
        Plans.applyAndCheck(plan, Plans.kernels(State.empty(Fixtures.LINEAGE)), type + " bootstrap");
    }

    @ParameterizedTest
    @EnumSource(BackendType.class)
    void planningAgainstTheAppliedStateChangesNothing(BackendType type) {
        for (NetworkConfig config : List.of(Fixtures.network(type, 4), Fixtures.specExample(type),
                Fixtures.builder(type).hosts(3).directRouting(true).mtu(1400).ipMasq(false).build(),
                Fixtures.builder(type).hosts(2).every(h -> Fixtures.inNetns(h, "tst-" + h.name())).build())) {
            State applied = Fixtures.applied(config);
            Plan again = Fixtures.plan(config, applied);
            assertFalse(again.hasChanges(), () -> "changes: " + again.hosts().stream().map(Plans::lines).toList());
            assertEquals(Summary.ZERO, again.summary());
            assertEquals(List.of(), again.warnings());
            again.hosts().forEach(hp -> assertTrue(hp.isEmpty()));
            assertEquals(applied.serial() + 1, again.next().serial());
            assertEquals(applied.hosts().stream().map(HostState::lease).toList(),
                    again.next().hosts().stream().map(HostState::lease).toList());
        }
    }

    @Test
    void removingAHostDeletesItsObjectsAndItsPeerEntriesEverywhere() {
        NetworkConfig three = Fixtures.network(BackendType.VXLAN, 3);
        State applied = Fixtures.applied(three);
        NetworkConfig two = Fixtures.builder(three).remove("node-2").build();
        Plan plan = Fixtures.plan(two, applied);

        HostPlan removed = host(plan, "node-2");
        assertEquals("removed from the file", removed.note());
        // everything but net.ipv4.ip_forward, which ovnet never resets (other software may rely on it)
        assertEquals(new Summary(0, 0, 6 + 2 * 3), removed.summary());
        removed.forEachChange(c -> assertEquals(Action.DELETE, c.action()));
        removed.forEachChange(c -> assertFalse(c.before() instanceof Sysctl, c.key().toString()));
        List<String> expectedPeerDeletes = List.of(
                "- neighbour 10.100.2.0 lladdr " + MAC_2 + " dev flannel.1 permanent",
                "- fdb " + MAC_2 + " dev flannel.1 dst 192.0.2.12 self permanent",
                "- route 10.100.2.0/24 via 10.100.2.0 dev flannel.1 onlink");
        assertEquals(expectedPeerDeletes, lines(host(plan, "node-1")));
        assertEquals(expectedPeerDeletes, lines(host(plan, "node-3")));
        assertEquals(new Summary(0, 0, 18), plan.summary());
        assertTrue(plan.next().host("node-2").isEmpty());
        Plans.applyAndCheck(plan, Plans.kernels(applied), "remove node-2");
        assertFalse(Fixtures.plan(two, plan.next()).hasChanges());
    }

    @Test
    void removingAHostGwHostDeletesOneRouteOnEveryOtherHost() {
        NetworkConfig three = Fixtures.network(BackendType.HOST_GW, 3);
        State applied = Fixtures.applied(three);
        Plan plan = Fixtures.plan(Fixtures.builder(three).remove("node-3").build(), applied);
        assertEquals(List.of("- route 10.100.3.0/24 via 192.0.2.13 dev eth0"), lines(host(plan, "node-1")));
        assertEquals(List.of("- route 10.100.3.0/24 via 192.0.2.13 dev eth0"), lines(host(plan, "node-2")));
        Plans.applyAndCheck(plan, Plans.kernels(applied), "remove node-3");
    }

    @Test
    void removingAUdpHostReloadsEveryOtherForwarder() {
        NetworkConfig three = Fixtures.network(BackendType.UDP, 3);
        State applied = Fixtures.applied(three);
        Plan plan = Fixtures.plan(Fixtures.builder(three).remove("node-3").build(), applied);
        HostPlan node1 = host(plan, "node-1");
        assertEquals(List.of(Action.UPDATE, Action.UPDATE), node1.changes().stream().map(Change::action).toList());
        assertEquals("/run/ovnet/flannel0.peers", ((FileObject) node1.changes().get(0).after()).path());
        assertEquals("forwarder flannel0 \u2192 1 peer", node1.changes().get(1).after().describe());
        Plans.applyAndCheck(plan, Plans.kernels(applied), "remove udp node-3");
    }

    @Test
    void addingAHostCreatesItsObjectsAndOnePeersEntriesEverywhere() {
        NetworkConfig three = Fixtures.network(BackendType.VXLAN, 3);
        State applied = Fixtures.applied(three);
        NetworkConfig four = Fixtures.builder(three).host(Fixtures.host("node-4", "192.0.2.14")).build();
        Plan plan = Fixtures.plan(four, applied);
        assertEquals(new Summary(7 + 3 * 3, 0, 0), host(plan, "node-4").summary());
        List<String> expected = List.of(
                "+ neighbour 10.100.4.0 lladdr " + MAC_4 + " dev flannel.1 permanent",
                "+ fdb " + MAC_4 + " dev flannel.1 dst 192.0.2.14 self permanent",
                "+ route 10.100.4.0/24 via 10.100.4.0 dev flannel.1 onlink");
        for (String other : List.of("node-1", "node-2", "node-3")) {
            assertEquals(expected, lines(host(plan, other)), other);
        }
        assertEquals(new Summary(16 + 9, 0, 0), plan.summary());
        assertEquals(List.of(), plan.warnings());
        Plans.applyAndCheck(plan, Plans.kernels(applied), "add node-4");
    }

    @Test
    void anMtuChangeUpdatesTheLinkInPlace() {
        NetworkConfig config = Fixtures.network(BackendType.VXLAN, 2);
        State applied = Fixtures.applied(config);
        Plan plan = Fixtures.plan(Fixtures.builder(config).mtu(1400).build(), applied);
        HostPlan node1 = host(plan, "node-1");
        Change link = node1.changes().get(0);
        assertEquals(Action.UPDATE, link.action());
        assertEquals(1450, ((Link) link.before()).mtu());
        assertEquals(1400, ((Link) link.after()).mtu());
        assertEquals(List.of(Action.UPDATE, Action.UPDATE, Action.UPDATE),
                node1.changes().stream().map(Change::action).toList());
        assertEquals(new Summary(0, 3, 0), node1.summary());
        Plans.applyAndCheck(plan, Plans.kernels(applied), "mtu 1400");
    }

    @Test
    void aNewUnderlayAddressReplacesTheVxlanDeviceAndSaysWhy() {
        NetworkConfig config = Fixtures.network(BackendType.VXLAN, 3);
        State applied = Fixtures.applied(config);
        NetworkConfig moved = Fixtures.builder(config)
                .change("node-2", h -> Fixtures.withAddress(h, Ipv4.parse("192.0.2.99"))).build();
        Plan plan = Fixtures.plan(moved, applied);
        Change link = host(plan, "node-2").changes().stream().filter(c -> c.after() instanceof Link).findFirst()
                .orElseThrow();
        assertEquals(Action.REPLACE, link.action());
        assertEquals("local 192.0.2.12 -> 192.0.2.99", ((Change.Replace) link).reason());
        assertEquals(List.of("~ fdb " + MAC_2 + " dev flannel.1 dst 192.0.2.99 self permanent"),
                lines(host(plan, "node-1")));
        Plans.applyAndCheck(plan, Plans.kernels(applied), "node-2 moved to 192.0.2.99");
        assertFalse(Fixtures.plan(moved, plan.next()).hasChanges());
    }

    @Test
    void aNewUnderlayInterfaceFoundByRefreshReplacesTheVxlanDevice() {
        NetworkConfig config = Fixtures.network(BackendType.VXLAN, 2);
        State applied = Fixtures.applied(config);
        Map<String, KernelModel> kernels = Plans.kernels(applied);
        HostReading reading = new HostReading(Fixtures.facts("ens4", 9000, "192.0.2.0/24"),
                kernels.get("node-1").objects());
        Plan plan = Planner.plan(config, new Planner.Inputs(applied, Map.of("node-1", reading), true, "h"));
        assertFalse(plan.hasDrift());
        Change link = host(plan, "node-1").changes().stream().filter(c -> c.after() instanceof Link).findFirst()
                .orElseThrow();
        assertEquals(Action.REPLACE, link.action());
        assertEquals("dev eth0 -> ens4", ((Change.Replace) link).reason());
        assertEquals(8950, ((Link) link.after()).mtu());
        assertNull(host(plan, "node-1").note());
        assertEquals("underlay not read yet: assumed eth0, MTU 1500", host(plan, "node-2").note());
        Plans.applyAndCheck(plan, kernels, "node-1 on ens4");
    }

    @Test
    void changingTheBackendWarnsAndTearsTheOldOverlayDown() {
        NetworkConfig vxlan = Fixtures.network(BackendType.VXLAN, 3);
        State applied = Fixtures.applied(vxlan);
        Plan plan = Fixtures.plan(Fixtures.builder(vxlan).backend(BackendType.HOST_GW).build(), applied);
        assertEquals(1, plan.warnings().size());
        assertTrue(plan.warnings().get(0).startsWith("the backend changes from vxlan to host-gw"),
                plan.warnings().get(0));
        List<String> node1 = lines(host(plan, "node-1"));
        assertTrue(node1.contains("- link flannel.1 type vxlan id 1 local 192.0.2.11 dev eth0 dstport 8472 nolearning"
                + " mtu 1450 address " + Mac.forLease("default", 1, Cidr.parse("10.100.1.0/24"))), node1::toString);
        assertTrue(node1.contains("- address 10.100.1.0/32 dev flannel.1"), node1::toString);
        assertTrue(node1.stream().anyMatch(l -> l.startsWith("- neighbour 10.100.2.0")), node1::toString);
        assertTrue(node1.stream().anyMatch(l -> l.startsWith("- fdb ")), node1::toString);
        assertTrue(node1.stream().anyMatch(l -> l.startsWith("+ route 10.100.2.0/24 via 192.0.2.12 dev eth0")
                || l.startsWith("~ route 10.100.2.0/24 via 192.0.2.12 dev eth0")), node1::toString);
        assertTrue(node1.stream().noneMatch(l -> l.startsWith("+ link")), node1::toString);
        Plans.applyAndCheck(plan, Plans.kernels(applied), "vxlan -> host-gw");
    }

    @ParameterizedTest
    @EnumSource(BackendType.class)
    void everyBackendChangeConverges(BackendType from) {
        for (BackendType to : BackendType.values()) {
            NetworkConfig before = Fixtures.network(from, 3);
            State applied = Fixtures.applied(before);
            NetworkConfig after = Fixtures.builder(before).backend(to).build();
            Plan plan = Fixtures.plan(after, applied);
            assertEquals(from != to, !plan.warnings().isEmpty(), from + " -> " + to);
            Plans.applyAndCheck(plan, Plans.kernels(applied), from + " -> " + to);
            assertFalse(Fixtures.plan(after, plan.next()).hasChanges(), from + " -> " + to + " then again");
        }
    }

    @Test
    void changingThePoolWarnsThatContainersAreRenumbered() {
        NetworkConfig before = Fixtures.network(BackendType.VXLAN, 3);
        State applied = Fixtures.applied(before);
        NetworkConfig after = Fixtures.builder(before).pool("10.200.0.0/16").build();
        Plan plan = Fixtures.plan(after, applied);
        assertEquals(List.of("the pool changes from 10.100.0.0/16 to 10.200.0.0/16",
                "3 hosts get a new subnet, so their containers will be renumbered: node-1 10.100.1.0/24 ->"
                        + " 10.200.1.0/24, node-2 10.100.2.0/24 -> 10.200.2.0/24, node-3 10.100.3.0/24 ->"
                        + " 10.200.3.0/24"), plan.warnings());
        assertEquals(Cidr.parse("10.200.2.0/24"), plan.next().host("node-2").orElseThrow().lease());
        Plans.applyAndCheck(plan, Plans.kernels(applied), "pool 10.200.0.0/16");
        assertFalse(Fixtures.plan(after, plan.next()).hasChanges());
    }

    @Test
    void pinningAHostElsewhereMovesItAndItsPeerEntries() {
        NetworkConfig before = Fixtures.network(BackendType.VXLAN, 3);
        State applied = Fixtures.applied(before);
        NetworkConfig after = Fixtures.builder(before).pin("node-2", "10.100.77.0/24").build();
        Plan plan = Fixtures.plan(after, applied);
        assertEquals(List.of("1 host gets a new subnet, so their containers will be renumbered: node-2"
                + " 10.100.2.0/24 -> 10.100.77.0/24"), plan.warnings());
        List<String> node1 = lines(host(plan, "node-1"));
        assertTrue(node1.contains("- route 10.100.2.0/24 via 10.100.2.0 dev flannel.1 onlink"), node1::toString);
        assertTrue(node1.contains("+ route 10.100.77.0/24 via 10.100.77.0 dev flannel.1 onlink"), node1::toString);
        Plans.applyAndCheck(plan, Plans.kernels(applied), "node-2 pinned to 10.100.77.0/24");
    }

    @Test
    void driftFoundByRefreshIsShownAndPlannedBack() {
        NetworkConfig config = Fixtures.network(BackendType.HOST_GW, 3);
        State applied = Fixtures.applied(config);
        Map<String, KernelModel> kernels = Plans.kernels(applied);
        Route lost = new Route(Cidr.parse("10.100.3.0/24"), Ipv4.parse("192.0.2.13"), "eth0", false);
        kernels.get("node-1").apply(new Change.Delete(lost));
        HostReading reading = new HostReading(Fixtures.facts("eth0", 1500, null), kernels.get("node-1").objects());
        Plan plan = Planner.plan(config, new Planner.Inputs(applied, Map.of("node-1", reading), true, "h"));
        assertTrue(plan.hasDrift());
        assertEquals(List.of("- " + lost.describe()), lines(plan.drift().get(0)));
        assertEquals(List.of("+ " + lost.describe()), lines(host(plan, "node-1")));
        assertNull(host(plan, "node-1").note());
        Plans.applyAndCheck(plan, kernels, "route put back");
    }
}
