package dev.ovnet.planner.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ovnet.planner.config.NetworkConfig;
import dev.ovnet.planner.model.FdbEntry;
import dev.ovnet.planner.model.KernelObject;
import dev.ovnet.planner.model.Neighbour;
import dev.ovnet.planner.model.Route;
import dev.ovnet.planner.net.Cidr;
import dev.ovnet.planner.state.HostState;
import dev.ovnet.planner.state.HostStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TargetingTest {

    private static List<Change> changes(HostPlan hp) {
        List<Change> out = new ArrayList<>();
        hp.forEachChange(out::add);
        return out;
    }

    private static HostPlan host(Plan plan, String name) {
        return plan.hosts().stream().filter(h -> h.host().equals(name)).findFirst().orElseThrow();
    }

    private static List<KernelObject> withoutSysctl(List<KernelObject> objects) {
        return objects.stream().filter(o -> !(o instanceof dev.ovnet.planner.model.Sysctl)).toList();
    }

    private static HostState recorded(FakeHosts hosts, String name) {
        return hosts.state.host(name).orElseThrow();
    }

    @Test
    void globsMatchLikeTheShell() {
        assertTrue(Glob.matches("node-*", "node-1"));
        assertTrue(Glob.matches("node-*", "node-"));
        assertFalse(Glob.matches("node-*", "nod-1"));
        assertTrue(Glob.matches("*-1", "node-1"));
        assertTrue(Glob.matches("node-?", "node-2"));
        assertFalse(Glob.matches("node-?", "node-12"));
        assertTrue(Glob.matches("node-[12]", "node-2"));
        assertFalse(Glob.matches("node-[12]", "node-3"));
        assertTrue(Glob.matches("node-[1-3]", "node-3"));
        assertTrue(Glob.matches("node-[!1]", "node-3"));
        assertFalse(Glob.matches("node-[!1]", "node-1"));
        assertTrue(Glob.matches("node-[", "node-["), "an unclosed [ matches itself");
        assertTrue(Glob.matches("*", "anything.at-all"));
        assertTrue(Glob.matches("a*b*c", "aXbYc"));
        assertFalse(Glob.matches("a*b*c", "aXbY"));
        assertTrue(Glob.matches("node-1", "node-1"));
        assertFalse(Glob.matches("node-1", "node-10"));
    }

    @Test
    void resolveSortsTheMatchesAndRefusesAPatternThatMatchesNothing() {
        List<String> hosts = List.of("web-2", "web-1", "db-1");
        assertEquals(List.of("web-1", "web-2"), List.copyOf(Targeting.resolve(List.of("web-*"), hosts)));
        assertEquals(List.of("db-1", "web-1"), List.copyOf(Targeting.resolve(List.of("db-1", "web-1"), hosts)));
        TargetException e = assertThrows(TargetException.class,
                () -> Targeting.resolve(List.of("web-*", "cache-*"), hosts));
        assertTrue(e.getMessage().contains("--target cache-* matches no host"), e.getMessage());
        assertTrue(e.getMessage().contains("db-1, web-1, web-2"), e.getMessage());
    }

    @Test
    void aFirstTargetedApplySetsUpOnlyTheTargetsAndRecordsTheOthersAsPending() {
        NetworkConfig config = FakeHosts.config("vxlan", "node-1", "node-2", "node-3");
        FakeHosts hosts = new FakeHosts();
        Plan full = hosts.plan(config);
        Plan plan = Targeting.limit(full, hosts.state, Set.of("node-1", "node-2"), false);

        assertFalse(plan.complete());
        assertEquals(changes(host(full, "node-1")).size(), changes(host(plan, "node-1")).size());
        assertTrue(host(plan, "node-3").isEmpty(), "node-3 is not in the state yet: nothing for it");
        // the targets get their peer entries for node-3 too (its lease is fixed now), like a dependency
        assertTrue(host(plan, "node-1").peers().added().stream().anyMatch(p -> p.host().equals("node-3")));

        hosts.apply(plan);
        assertEquals(List.of(), hosts.objects.getOrDefault("node-3", List.of()));
        assertEquals(HostStatus.APPLIED, recorded(hosts, "node-1").status());
        assertTrue(recorded(hosts, "node-1").derived());
        HostState three = recorded(hosts, "node-3");
        assertEquals(HostStatus.PENDING, three.status());
        assertEquals(List.of(), three.objects());
        assertEquals(full.next().host("node-3").orElseThrow().lease(), three.lease(), "its lease is kept");

        Plan rest = hosts.plan(config);
        assertTrue(host(rest, "node-1").isEmpty() && host(rest, "node-2").isEmpty(), "the targets are complete");
        assertFalse(host(rest, "node-3").isEmpty());
        hosts.apply(rest);
        assertFalse(hosts.plan(config).hasChanges());
    }

    @Test
    void untargetedHostsGetOnlyThePeerEntriesOfTheTargets() {
        FakeHosts hosts = new FakeHosts();
        hosts.apply(hosts.plan(FakeHosts.config("vxlan", "node-1", "node-2", "node-3")));
        // drift on node-2: someone deleted its route to node-3
        Cidr three = recorded(hosts, "node-3").lease();
        hosts.objects.get("node-2").removeIf(o -> o instanceof Route r && r.dst().equals(three));
        hosts.objects.put("node-2", new ArrayList<>(hosts.objects.get("node-2")));
        NetworkConfig four = FakeHosts.config("vxlan", "node-1", "node-2", "node-3", "node-4");

        Plan full = hosts.plan(four);
        Plan plan = Targeting.limit(full, hosts.state, Targeting.resolve(List.of("node-4"), List.of("node-1",
                "node-2", "node-3", "node-4")), false);
        Cidr four4 = full.next().host("node-4").orElseThrow().lease();
        for (String other : List.of("node-1", "node-2", "node-3")) {
            List<Change> cs = changes(host(plan, other));
            assertEquals(3, cs.size(), other + ": " + cs);
            for (Change c : cs) {
                KernelObject o = c.after();
                assertTrue(o instanceof Route r && r.dst().equals(four4)
                        || o instanceof Neighbour n && n.ip().equals(four4.network())
                        || o instanceof FdbEntry, other + ": " + c);
            }
        }
        assertEquals(Targeting.NOTE, host(plan, "node-2").note());
        List<KernelObject> twoBefore = List.copyOf(hosts.objects.get("node-2"));

        hosts.apply(plan);
        // node-1 and node-3 got their whole plan (only node-4's entries): they are complete and derived
        assertTrue(recorded(hosts, "node-1").derived());
        assertEquals(HostStatus.APPLIED, recorded(hosts, "node-3").status());
        // node-2 still lacks its route to node-3: the state lists what it really has
        HostState two = recorded(hosts, "node-2");
        assertEquals(HostStatus.PARTIAL, two.status());
        assertNotNull(two.objects());
        assertEquals(hosts.objects.get("node-2"), two.objects());
        assertEquals(twoBefore.size() + 3, two.objects().size());

        Plan next = Planner.plan(four, new Planner.Inputs(hosts.state, java.util.Map.of(), false, "sha"));
        List<Change> left = changes(host(next, "node-2"));
        assertEquals(1, left.size(), left.toString());
        assertEquals(three, ((Route) left.get(0).after()).dst());
        assertTrue(next.hosts().stream().filter(h -> !h.host().equals("node-2")).allMatch(HostPlan::isEmpty));
    }

    @Test
    void udpHostsThatAreNotTargetedKeepTheirPeerTableFile() {
        FakeHosts hosts = new FakeHosts();
        hosts.apply(hosts.plan(FakeHosts.config("udp", "node-1", "node-2")));
        NetworkConfig three = FakeHosts.config("udp", "node-1", "node-2", "node-3");
        Plan full = hosts.plan(three);
        assertFalse(host(full, "node-1").isEmpty(), "a full plan rewrites the peer table and reloads the forwarder");
        Plan plan = Targeting.limit(full, hosts.state, Set.of("node-3"), false);
        assertTrue(host(plan, "node-1").isEmpty() && host(plan, "node-2").isEmpty(), "udp peers are no kernel objects");
        assertFalse(host(plan, "node-3").isEmpty());
        hosts.apply(plan);
        assertEquals(HostStatus.PARTIAL, recorded(hosts, "node-1").status());
        assertTrue(recorded(hosts, "node-3").derived());
        hosts.apply(hosts.plan(three));
        assertFalse(hosts.plan(three).hasChanges());
    }

    @Test
    void aTargetedPlanThatMovesAnUntargetedHostIsRefused() {
        FakeHosts hosts = new FakeHosts();
        hosts.apply(hosts.plan(FakeHosts.config("vxlan", "node-1", "node-2")));
        // node-2 with a /25 lease no longer fits a /24 subnet length: a hand-made state with a foreign lease
        HostState two = recorded(hosts, "node-2");
        HostState moved = new HostState(two.name(), two.address(), two.connection(), two.netns(), two.root(),
                Cidr.parse("10.200.0.0/24"), two.mac(), two.facts(), two.status(), two.appliedSerial(),
                two.appliedAt(), two.objects());
        List<HostState> list = new ArrayList<>(hosts.state.hosts());
        list.set(1, moved);
        hosts.state = new dev.ovnet.planner.state.State(1, hosts.state.serial(), hosts.state.lineage(),
                hosts.state.network(), list);
        Plan full = hosts.plan(FakeHosts.config("vxlan", "node-1", "node-2"));
        TargetException e = assertThrows(TargetException.class,
                () -> Targeting.limit(full, hosts.state, Set.of("node-1"), false));
        assertTrue(e.getMessage().contains("node-2 (10.200.0.0/24 -> "), e.getMessage());
        assertTrue(e.hint().contains("--target"));
        Targeting.limit(full, hosts.state, Set.of("node-1", "node-2"), false);
    }

    @Test
    void aTargetedDestroyRemovesOneHostAndItsEntriesOnTheOthers() {
        NetworkConfig config = FakeHosts.config("host-gw", "node-1", "node-2", "node-3");
        FakeHosts hosts = new FakeHosts();
        hosts.apply(hosts.plan(config));
        Cidr one = recorded(hosts, "node-1").lease();

        Plan plan = Targeting.limit(hosts.destroyPlan(config), hosts.state, Set.of("node-1"), true);
        assertFalse(plan.complete());
        for (String other : List.of("node-2", "node-3")) {
            List<Change> cs = changes(host(plan, other));
            assertEquals(1, cs.size(), cs.toString());
            assertEquals(Action.DELETE, cs.get(0).action());
            assertEquals(one, ((Route) cs.get(0).before()).dst());
        }
        hosts.apply(plan);
        assertEquals(List.of(), withoutSysctl(hosts.objects.get("node-1")), "ip_forward is never reset");
        assertTrue(hosts.state.host("node-1").isEmpty(), "node-1 left the state, its lease released");
        // node-2 and node-3 hold exactly what the network without node-1 derives: recorded as applied
        assertEquals(HostStatus.APPLIED, recorded(hosts, "node-2").status());
        assertTrue(recorded(hosts, "node-3").derived());
        assertNotNull(hosts.state.network());
        // a full apply puts node-1 back, and node-2 and node-3 get their route to it again
        hosts.apply(hosts.plan(config));
        assertFalse(hosts.plan(config).hasChanges());
        assertTrue(recorded(hosts, "node-2").derived());
    }

    @Test
    void aHostRemovedFromTheFileAndNotTargetedStaysInTheStateUntilItIsRemoved() {
        FakeHosts hosts = new FakeHosts();
        hosts.apply(hosts.plan(FakeHosts.config("host-gw", "node-1", "node-2", "node-3")));
        NetworkConfig two = FakeHosts.config("host-gw", "node-1", "node-2");
        Plan plan = Targeting.limit(hosts.plan(two), hosts.state, Set.of("node-1"), false);
        hosts.apply(plan);
        HostState three = recorded(hosts, "node-3");
        assertEquals(HostStatus.REMOVING, three.status());
        assertFalse(three.objects().isEmpty());
        assertNull(recorded(hosts, "node-1").objects());
        hosts.apply(hosts.plan(two));
        assertTrue(hosts.state.host("node-3").isEmpty());
        assertEquals(List.of(), withoutSysctl(hosts.objects.get("node-3")));
        assertFalse(hosts.plan(two).hasChanges());
    }
}
