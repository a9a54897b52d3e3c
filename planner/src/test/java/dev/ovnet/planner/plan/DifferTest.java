package dev.ovnet.planner.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ovnet.planner.config.BackendType;
import dev.ovnet.planner.config.NetworkConfig;
import dev.ovnet.planner.desired.DesiredHost;
import dev.ovnet.planner.desired.DesiredState;
import dev.ovnet.planner.desired.HostFacts;
import dev.ovnet.planner.desired.HostSpec;
import dev.ovnet.planner.desired.NetworkSpec;
import dev.ovnet.planner.desired.PeerEntry;
import dev.ovnet.planner.model.Address;
import dev.ovnet.planner.model.FileObject;
import dev.ovnet.planner.model.KernelObject;
import dev.ovnet.planner.model.Link;
import dev.ovnet.planner.model.Neighbour;
import dev.ovnet.planner.model.Route;
import dev.ovnet.planner.model.Sysctl;
import dev.ovnet.planner.net.Cidr;
import dev.ovnet.planner.net.Ipv4;
import dev.ovnet.planner.net.Mac;
import dev.ovnet.planner.testing.Fixtures;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class DifferTest {

    private static final Mac MAC = Mac.parse("72:45:d3:56:86:48");
    private static final Ipv4 LOCAL = Ipv4.parse("172.16.112.133");
    private static final Link LINK = Link.vxlan("flannel.1", 1, LOCAL, "ens33", 8472, 1450, MAC);
    private static final Address ADDRESS = new Address("flannel.1", Cidr.parse("10.100.50.0/32"));
    private static final FileObject ENV = new FileObject("/run/flannel/subnet.env", "FLANNEL_MTU=1450\n", 0644);

    @Test
    void everyKindOfChange() {
        FileObject oldEnv = new FileObject("/run/flannel/subnet.env", "FLANNEL_MTU=1400\n", 0644);
        Link smaller = Link.vxlan("flannel.1", 1, LOCAL, "ens33", 8472, 1400, MAC);
        Route stale = new Route(Cidr.parse("10.100.9.0/24"), Ipv4.parse("10.100.9.0"), "flannel.1", true);
        HostPlan plan = Differ.diff("node-2", new ObjectSet.Listed(List.of(stale, oldEnv, smaller)),
                new ObjectSet.Listed(List.of(LINK, ENV, ADDRESS)), "a note");
        assertEquals(List.of(new Change.Update(smaller, LINK), new Change.Create(ADDRESS),
                new Change.Delete(stale), new Change.Update(oldEnv, ENV)), plan.changes());
        assertEquals("a note", plan.note());
        assertEquals(new Summary(1, 2, 1), plan.summary());
    }

    @Test
    void aReplacementCarriesItsReasonAndRecreatesWhatLivesOnTheDevice() {
        Link moved = Link.vxlan("flannel.1", 1, Ipv4.parse("172.16.112.140"), "ens33", 8472, 1450, MAC);
        Neighbour peer = new Neighbour(Ipv4.parse("10.100.83.0"), Mac.parse("d6:1a:65:fc:48:77"), "flannel.1");
        Route underlay = new Route(Cidr.parse("10.100.84.0/24"), Ipv4.parse("172.16.112.130"), "ens33", false);
        HostPlan plan = Differ.diff("node-2", new ObjectSet.Listed(List.of(LINK, ADDRESS, peer, underlay, ENV)),
                new ObjectSet.Listed(List.of(moved, ADDRESS, peer, underlay, ENV)), null);
        assertEquals(List.of(new Change.Replace(LINK, moved, "local 172.16.112.133 -> 172.16.112.140"),
                new Change.Delete(ADDRESS), new Change.Create(ADDRESS),
                new Change.Delete(peer), new Change.Create(peer)), plan.changes());
        assertEquals(new Summary(3, 0, 3), plan.summary());
    }

    @Test
    void ipForwardingIsNeverTurnedOffAgain() {
        Sysctl forwarding = new Sysctl("net.ipv4.ip_forward", "1");
        HostPlan plan = Differ.diff("h", new ObjectSet.Listed(List.of(forwarding, ENV)), ObjectSet.NONE, null);
        assertEquals(List.of(new Change.Delete(ENV)), plan.changes());
    }

    @Test
    void identicalSidesGiveNoChanges() {
        HostPlan plan = Differ.diff("h", new ObjectSet.Listed(List.of(LINK, ADDRESS)),
                new ObjectSet.Listed(List.of(ADDRESS, LINK)), null);
        assertTrue(plan.isEmpty());
        assertEquals(Summary.ZERO, plan.summary());
    }

    /**
     * The fast path (peer entries merged by subnet) and the slow path (every object materialised and merged by
     * key) must plan the same changes, for random peer sets on each side.
     */
    @Test
    void peerEntryPathAndMaterialisedPathAgree() {
        Random random = new Random(1234);
        for (int n = 0; n < 600; n++) {
            BackendType type = BackendType.values()[random.nextInt(3)];
            NetworkConfig config = Fixtures.builder(type).hosts(1).directRouting(random.nextBoolean()).build();
            NetworkSpec network = NetworkSpec.of(config);
            HostSpec self = self(type, random);
            List<PeerEntry> universe = universe(type, random);
            List<PeerEntry> before = subset(universe, random);
            List<PeerEntry> after = subset(mutate(universe, type, random), random);
            DesiredHost b = DesiredState.forHost(network, self, before);
            DesiredHost a = DesiredState.forHost(network, self, after);
            String where = "iteration " + n + " " + type;
            assertSameChanges(Differ.diff("h", new ObjectSet.Derived(b), new ObjectSet.Derived(a), null),
                    b.allObjects(), a.allObjects(), where);
            assertSameChanges(Differ.diff("h", new ObjectSet.Derived(b), ObjectSet.NONE, null),
                    b.allObjects(), List.of(), where + " to nothing");
            assertSameChanges(Differ.diff("h", ObjectSet.NONE, new ObjectSet.Derived(a), null),
                    List.of(), a.allObjects(), where + " from nothing");
        }
    }

    @Test
    void aHostWhoseDeviceIsRecreatedIsPlannedObjectByObjectOnBothPaths() {
        NetworkSpec network = NetworkSpec.of(Fixtures.network(BackendType.VXLAN, 1));
        Random random = new Random(8);
        HostSpec self = self(BackendType.VXLAN, random);
        HostSpec elsewhere = new HostSpec(self.name(), Ipv4.parse("192.0.2.250"), "/", self.lease(), self.mac(),
                self.facts());
        List<PeerEntry> peers = universe(BackendType.VXLAN, random);
        DesiredHost b = DesiredState.forHost(network, self, peers);
        DesiredHost a = DesiredState.forHost(network, elsewhere, peers);
        HostPlan plan = Differ.diff("h", new ObjectSet.Derived(b), new ObjectSet.Derived(a), null);
        assertSameChanges(plan, b.allObjects(), a.allObjects(), "recreated device");
        // the link is replaced; the address and every peer's neighbour, fdb entry and route go and come back
        assertEquals(new Summary(2 + 3L * peers.size(), 0, 2 + 3L * peers.size()), plan.summary());
        assertEquals(Action.REPLACE, plan.changes().get(0).action());
    }

    static void assertSameChanges(HostPlan fast, List<KernelObject> before, List<KernelObject> after, String where) {
        List<Change> slow = new ArrayList<>();
        Differ.diffObjects(before, after, slow);
        Map<Change, Integer> expected = multiset(slow);
        List<Change> walked = new ArrayList<>();
        fast.forEachChange(walked::add);
        assertEquals(expected, multiset(walked), where);
        long add = 0;
        long change = 0;
        long destroy = 0;
        for (Change c : walked) {
            switch (c.action()) {
                case CREATE -> add++;
                case UPDATE -> change++;
                case REPLACE -> {
                    add++;
                    destroy++;
                }
                case DELETE -> destroy++;
            }
        }
        assertEquals(new Summary(add, change, destroy), fast.summary(), where + ": summary");
        List<Change> ordered = new ArrayList<>();
        fast.forEachInApplyOrder(ordered::add);
        assertEquals(expected, multiset(ordered), where + ": apply order walks the same changes");
    }

    private static Map<Change, Integer> multiset(List<Change> changes) {
        Map<Change, Integer> out = new HashMap<>();
        changes.forEach(c -> out.merge(c, 1, Integer::sum));
        return out;
    }

    private static HostSpec self(BackendType type, Random random) {
        Cidr lease = Cidr.parse("10.100.200.0/24");
        HostFacts facts = new HostFacts("eth0", 1500, Cidr.parse("192.0.2.0/24"), random.nextBoolean(), false);
        return new HostSpec("self", Ipv4.parse("192.0.2.200"), "/", lease,
                type == BackendType.VXLAN ? Mac.forLease("default", 1, lease) : null, facts);
    }

    /** Up to 40 peers sorted by subnet, half of them on the host's segment 192.0.2.0/24. */
    private static List<PeerEntry> universe(BackendType type, Random random) {
        List<PeerEntry> out = new ArrayList<>();
        for (int i = 1; i <= 1 + random.nextInt(40); i++) {
            Cidr lease = Cidr.parse("10.100." + i + ".0/24");
            Ipv4 address = random.nextBoolean() ? Ipv4.parse("192.0.2." + i) : Ipv4.parse("198.51.100." + i);
            out.add(new PeerEntry("p" + i, lease, address,
                    type == BackendType.VXLAN ? Mac.forLease("default", 1, lease) : null));
        }
        return out;
    }

    /** Some peers change address, MAC or name, as after a reboot, a renumbering or a swap. */
    private static List<PeerEntry> mutate(List<PeerEntry> peers, BackendType type, Random random) {
        List<PeerEntry> out = new ArrayList<>();
        for (PeerEntry p : peers) {
            switch (random.nextInt(6)) {
                case 0 -> out.add(new PeerEntry(p.host(), p.subnet(), Ipv4.parse("198.51.100.200").plus(out.size()),
                        p.mac()));
                case 1 -> out.add(new PeerEntry(p.host(), p.subnet(), p.address(),
                        type == BackendType.VXLAN ? Mac.forLease("other", 1, p.subnet()) : null));
                case 2 -> out.add(new PeerEntry(p.host() + "-renamed", p.subnet(), p.address(), p.mac()));
                default -> out.add(p);
            }
        }
        return out;
    }

    private static List<PeerEntry> subset(List<PeerEntry> peers, Random random) {
        int keep = random.nextInt(4);
        return peers.stream().filter(p -> keep == 0 || random.nextInt(keep + 1) != 0).toList();
    }
}
