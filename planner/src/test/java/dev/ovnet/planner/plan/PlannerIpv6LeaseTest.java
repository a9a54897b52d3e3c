package dev.ovnet.planner.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.ovnet.planner.config.BackendType;
import dev.ovnet.planner.config.NetworkConfig;
import dev.ovnet.planner.net.Cidr6;
import dev.ovnet.planner.net.Ipv6;
import dev.ovnet.planner.net.Mac;
import dev.ovnet.planner.state.HostState;
import dev.ovnet.planner.state.State;
import dev.ovnet.planner.testing.Fixtures;
import org.junit.jupiter.api.Test;

/** A dual-stack plan records each host's IPv6 lease and IPv6 VTEP MAC in the same next state as the IPv4 lease. */
class PlannerIpv6LeaseTest {

    @Test
    void theNextStateHoldsTheIpv6LeaseAddressAndMacOfEveryHost() {
        NetworkConfig config = Fixtures.builder(BackendType.VXLAN).hosts(3).dualStack("fd10:100::/48").build();
        State next = Fixtures.bootstrap(config).next();
        HostState two = next.host("node-2").orElseThrow();
        assertEquals(Cidr6.parse("fd10:100:0:2::/64"), two.lease6());
        assertEquals(Ipv6.parse("fd00::c000:20c"), two.address6());
        assertEquals(Mac.forLease6("default", 1, two.lease6()), two.mac6());
        assertNotEquals(two.mac(), two.mac6());
        assertEquals(Cidr6.parse("fd10:100::/48"), next.network().pool6());
        assertEquals(64, next.network().subnetLength6());
    }

    @Test
    void aHostKeepsItsIpv6LeaseWhenAnotherJoinsBeforeIt() {
        NetworkConfig config = Fixtures.builder(BackendType.HOST_GW).hosts(3).dualStack("fd10:100::/48").build();
        State applied = Fixtures.applied(config);
        NetworkConfig more = Fixtures.builder(BackendType.HOST_GW).hosts(4).dualStack("fd10:100::/48").build();
        NetworkConfig reordered = Fixtures.builder(more).shuffle(new java.util.Random(4)).build();
        State next = Fixtures.plan(reordered, applied).next();
        for (HostState before : applied.hosts()) {
            assertEquals(before.lease6(), next.host(before.name()).orElseThrow().lease6(), before.name());
        }
        assertEquals(Cidr6.parse("fd10:100:0:4::/64"), next.host("node-4").orElseThrow().lease6());
        assertNull(next.host("node-4").orElseThrow().mac6(), "host-gw has no VTEP");
    }

    @Test
    void anIpv4OnlyPlanRecordsNoIpv6() {
        State next = Fixtures.bootstrap(Fixtures.network(BackendType.VXLAN, 2)).next();
        for (HostState h : next.hosts()) {
            assertNull(h.lease6());
            assertNull(h.mac6());
        }
        assertNull(next.network().pool6());
    }
}
