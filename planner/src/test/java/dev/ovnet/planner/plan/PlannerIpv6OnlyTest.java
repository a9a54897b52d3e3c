package dev.ovnet.planner.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ovnet.planner.config.BackendType;
import dev.ovnet.planner.config.NetworkConfig;
import dev.ovnet.planner.net.Cidr6;
import dev.ovnet.planner.state.HostState;
import dev.ovnet.planner.state.State;
import dev.ovnet.planner.testing.Fixtures;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Plans of an IPv6-only network: IPv6 leases only, the IPv6 objects only, applied, and then nothing to do. */
class PlannerIpv6OnlyTest {

    @ParameterizedTest
    @EnumSource(value = BackendType.class, names = {"VXLAN", "HOST_GW"})
    void bootstrapPlansOnlyIpv6AndAgainChangesNothing(BackendType type) {
        NetworkConfig config = Fixtures.builder(type).hosts(3).ipv6Only("fd10:100::/48").build();
        Plan plan = Fixtures.bootstrap(config);
        // per host: IPv6 forwarding, two ip6tables chains, subnet.env (vxlan: also device and /128); per peer the IPv6
        // objects of a dual-stack host (vxlan neighbour, fdb, route; host-gw one route)
        int own = type == BackendType.VXLAN ? 6 : 4;
        int perPeer = type == BackendType.VXLAN ? 3 : 1;
        assertEquals(new Summary(3L * own + 3 * 2 * perPeer, 0, 0), plan.summary());
        HostState first = plan.next().hosts().get(0);
        assertNull(first.lease());
        assertNull(first.address());
        assertEquals(Cidr6.parse("fd10:100:0:1::/64"), first.lease6());
        List<String> lines = Plans.lines(Plans.host(plan, "node-2"));
        assertTrue(lines.stream().noneMatch(l -> l.contains("10.100.") || l.contains("ip_forward")
                || l.contains("flannel.1") || l.contains("docker_opts")), lines.toString());
        Plans.applyAndCheck(plan, Plans.kernels(State.empty(Fixtures.LINEAGE)), type + " IPv6-only bootstrap");
        Plan again = Fixtures.plan(config, Fixtures.applied(config));
        assertFalse(again.hasChanges(), () -> String.join("\n", Plans.lines(Plans.host(again, "node-1"))));
    }

    @ParameterizedTest
    @EnumSource(value = BackendType.class, names = {"VXLAN", "HOST_GW"})
    void destroyRemovesEveryObjectItMade(BackendType type) {
        NetworkConfig config = Fixtures.builder(type).hosts(2).ipv6Only("fd10:100::/48").build();
        State applied = Fixtures.applied(config);
        Plan destroy = Planner.plan(config, new Planner.Inputs(applied, Map.of(), false, "test-hash", true));
        Plan bootstrap = Fixtures.bootstrap(config);
        // everything but IPv6 forwarding, which ovnet turns on and never resets (as for ip_forward)
        assertEquals(bootstrap.summary().add() - 2, destroy.summary().destroy());
        assertTrue(destroy.next().hosts().isEmpty());
    }
}
