package dev.ovnet.planner.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ovnet.planner.config.BackendType;
import dev.ovnet.planner.config.NetworkConfig;
import dev.ovnet.planner.state.State;
import dev.ovnet.planner.testing.Fixtures;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Plans of a dual-stack network: every IPv6 object is planned, applied, and a second plan finds nothing to do. */
class PlannerDualStackTest {

    @ParameterizedTest
    @EnumSource(value = BackendType.class, names = {"VXLAN", "HOST_GW"})
    void bootstrapPlansBothFamiliesAndAgainChangesNothing(BackendType type) {
        NetworkConfig config = Fixtures.builder(type).hosts(3).dualStack("fd10:100::/48").build();
        Plan plan = Fixtures.bootstrap(config);
        // IPv4 as before; IPv6 adds per host a sysctl and two ip6tables chains (vxlan: also device and address),
        // and per peer 3 objects for vxlan or 1 route for host-gw
        int own = type == BackendType.VXLAN ? 7 + 5 : 5 + 3;
        int perPeer = type == BackendType.VXLAN ? 6 : 2;
        assertEquals(new Summary(3L * own + 3 * 2 * perPeer, 0, 0), plan.summary());
        List<String> lines = Plans.lines(Plans.host(plan, "node-2"));
        assertTrue(lines.stream().anyMatch(l -> l.contains("sysctl net.ipv6.conf.all.forwarding=1")), lines.toString());
        assertTrue(lines.stream().anyMatch(l -> l.contains("route fd10:100:0:1::/64 via ")), lines.toString());
        Plans.applyAndCheck(plan, Plans.kernels(State.empty(Fixtures.LINEAGE)), type + " dual-stack bootstrap");
        Plan again = Fixtures.plan(config, Fixtures.applied(config));
        assertFalse(again.hasChanges(), () -> String.join("\n", Plans.lines(Plans.host(again, "node-1"))));
    }

    @ParameterizedTest
    @EnumSource(value = BackendType.class, names = {"VXLAN", "HOST_GW"})
    void turningIpv6OnAddsOnlyIpv6ObjectsAndTheChangedFiles(BackendType type) {
        NetworkConfig v4 = Fixtures.builder(type).hosts(2).build();
        NetworkConfig dual = Fixtures.builder(v4).dualStack("fd10:100::/48").build();
        Plan plan = Fixtures.plan(dual, Fixtures.applied(v4));
        for (String line : Plans.lines(Plans.host(plan, "node-1"))) {
            boolean ipv6 = line.contains("fd") || line.contains("ipv6") || line.contains("ip6tables")
                    || line.contains("flannel-v6");
            boolean changedInPlace = line.trim().startsWith("~");
            assertTrue(ipv6 || changedInPlace || line.isBlank() || !line.trim().startsWith("+")
                    && !line.trim().startsWith("-"), line);
        }
        assertEquals(0, plan.summary().destroy());
    }
}
