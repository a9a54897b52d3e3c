package dev.ovnet.planner.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ovnet.planner.config.BackendType;
import dev.ovnet.planner.desired.PeerContext;
import dev.ovnet.planner.desired.PeerEntry;
import dev.ovnet.planner.model.Address;
import dev.ovnet.planner.model.FileObject;
import dev.ovnet.planner.model.Forwarder;
import dev.ovnet.planner.model.KernelObject;
import dev.ovnet.planner.model.Link;
import dev.ovnet.planner.model.Route;
import dev.ovnet.planner.model.Sysctl;
import dev.ovnet.planner.net.Cidr;
import dev.ovnet.planner.net.Ipv4;
import dev.ovnet.planner.net.Mac;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class HostPlanTest {

    private static final PeerContext VXLAN = new PeerContext(BackendType.VXLAN, "flannel.1", "eth0", null);
    private static final PeerContext HOST_GW = new PeerContext(BackendType.HOST_GW, null, "eth0", null);
    private static final Cidr LEASE_7 = Cidr.parse("10.100.7.0/24");
    private static final PeerEntry PEER_7 = new PeerEntry("node-7", LEASE_7, Ipv4.parse("192.0.2.17"),
            Mac.forLease("default", 1, LEASE_7));
    private static final Cidr LEASE_8 = Cidr.parse("10.100.8.0/24");
    private static final PeerEntry PEER_8 = new PeerEntry("node-8", LEASE_8, Ipv4.parse("192.0.2.18"), null);

    private static final Link OLD_LINK = Link.vxlan("flannel.1", 1, Ipv4.parse("192.0.2.11"), "eth0", 8472, 1450,
            Mac.parse("0a:00:00:00:00:01"));
    private static final Address OLD_ADDRESS = new Address("flannel.1", Cidr.parse("10.100.1.0/32"));
    private static final Route OLD_ROUTE = new Route(Cidr.parse("10.100.3.0/24"), Ipv4.parse("10.100.3.0"),
            "flannel.1", true);
    private static final Route NEW_ROUTE = new Route(Cidr.parse("10.100.3.0/24"), Ipv4.parse("192.0.2.13"), "eth0",
            false);
    private static final FileObject OLD_ENV = new FileObject("/run/flannel/subnet.env", "FLANNEL_MTU=1450\n", 0644);
    private static final FileObject NEW_ENV = new FileObject("/run/flannel/subnet.env", "FLANNEL_MTU=1500\n", 0644);
    private static final Forwarder OLD_FWD = new Forwarder("flannel0", Ipv4.parse("192.0.2.11"), 8285,
            Cidr.parse("10.100.0.0/16"), Cidr.parse("10.100.1.0/24"), "/run/ovnet/flannel0.peers", 1);
    private static final Forwarder NEW_FWD = new Forwarder("flannel0", Ipv4.parse("192.0.2.11"), 8286,
            Cidr.parse("10.100.0.0/16"), Cidr.parse("10.100.1.0/24"), "/run/ovnet/flannel0.peers", 1);
    private static final Sysctl FORWARDING = new Sysctl("net.ipv4.ip_forward", "1");

    private static HostPlan sample() {
        List<Change> changes = List.of(
                new Change.Create(FORWARDING),
                new Change.Delete(OLD_LINK),
                new Change.Delete(OLD_ADDRESS),
                new Change.Update(OLD_ROUTE, NEW_ROUTE),
                new Change.Update(OLD_ENV, NEW_ENV),
                new Change.Replace(OLD_FWD, NEW_FWD, "settings changed, restart"));
        return new HostPlan("node-1", changes, new PeerDelta(VXLAN, List.of(PEER_7), HOST_GW, List.of(PEER_8)), null);
    }

    @Test
    void applyOrderDeletesLatestPhaseFirstThenCreatesEarliestPhaseFirst() {
        List<String> order = new ArrayList<>();
        sample().forEachInApplyOrder(c -> order.add(c.action().symbol() + " " + c.key()));
        assertEquals(List.of(
                "- route 10.100.7.0/24",
                "- fdb flannel.1 " + PEER_7.mac(),
                "- neighbour flannel.1 10.100.7.0",
                "- address flannel.1 10.100.1.0/32",
                "- link flannel.1",
                "+ sysctl net.ipv4.ip_forward",
                "~ route 10.100.3.0/24",
                "+ route 10.100.8.0/24",
                "~ file /run/flannel/subnet.env",
                "-/+ forwarder flannel0"), order);
    }

    @Test
    void applyOrderPhasesAreMonotonic() {
        assertApplyOrder(sample());
    }

    /** Every delete before every other change; deletes from late phases to early; the rest from early to late. */
    static void assertApplyOrder(HostPlan plan) {
        List<Change> walked = new ArrayList<>();
        plan.forEachInApplyOrder(walked::add);
        int deletes = 0;
        while (deletes < walked.size() && walked.get(deletes).action() == Action.DELETE) {
            deletes++;
        }
        for (int i = 0; i < walked.size(); i++) {
            Change c = walked.get(i);
            assertEquals(i < deletes, c.action() == Action.DELETE, plan.host() + ": change " + i + " " + c.key());
            if (i > 0 && i != deletes) {
                int cmp = c.key().phase().compareTo(walked.get(i - 1).key().phase());
                assertTrue(i < deletes ? cmp <= 0 : cmp >= 0, plan.host() + ": phase order at " + c.key());
            }
        }
    }

    @Test
    void forEachChangeListsChangesThenPeerDeletesThenPeerCreates() {
        List<String> order = new ArrayList<>();
        sample().forEachChange(c -> order.add(c.action().symbol() + " " + c.key()));
        assertEquals(List.of("+ sysctl net.ipv4.ip_forward", "- link flannel.1", "- address flannel.1 10.100.1.0/32",
                "~ route 10.100.3.0/24", "~ file /run/flannel/subnet.env", "-/+ forwarder flannel0",
                "- neighbour flannel.1 10.100.7.0", "- fdb flannel.1 " + PEER_7.mac(), "- route 10.100.7.0/24",
                "+ route 10.100.8.0/24"), order);
    }

    @Test
    void summaryCountsAReplaceAsOneAddAndOneDestroy() {
        // creates: sysctl, the forwarder's new half, peer 8's route; changes: route, file;
        // destroys: link, address, the forwarder's old half, peer 7's neighbour, fdb and route
        assertEquals(new Summary(3, 2, 6), sample().summary());
        HostPlan replaceOnly = new HostPlan("h", List.of(new Change.Replace(OLD_FWD, NEW_FWD, "r")), PeerDelta.NONE,
                null);
        assertEquals(new Summary(1, 0, 1), replaceOnly.summary());
        assertEquals(new Summary(4, 2, 7), sample().summary().plus(replaceOnly.summary()));
    }

    @Test
    void emptiness() {
        assertTrue(new HostPlan("h", List.of(), PeerDelta.NONE, null).isEmpty());
        assertFalse(new HostPlan("h", List.of(), new PeerDelta(null, List.of(), HOST_GW, List.of(PEER_8)), null)
                .isEmpty());
        assertFalse(sample().isEmpty());
        assertTrue(Summary.ZERO.isEmpty());
        assertFalse(new Summary(0, 1, 0).isEmpty());
    }

    @Test
    void changesKeepTheirKeyAndSymbols() {
        assertEquals("+", Action.CREATE.symbol());
        assertEquals("~", Action.UPDATE.symbol());
        assertEquals("-/+", Action.REPLACE.symbol());
        assertEquals("-", Action.DELETE.symbol());
        KernelObject other = new Route(Cidr.parse("10.9.9.0/24"), null, "x", false);
        assertThrows(IllegalArgumentException.class,
                () -> new Change.Update(OLD_ROUTE, other));
        assertThrows(IllegalArgumentException.class,
                () -> new Change.Replace(OLD_ROUTE, other, "r"));
    }
}
