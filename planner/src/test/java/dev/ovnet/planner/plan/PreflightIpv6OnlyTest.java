package dev.ovnet.planner.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ovnet.planner.config.BackendType;
import dev.ovnet.planner.config.NetworkConfig;
import dev.ovnet.planner.desired.HostFacts;
import dev.ovnet.planner.testing.Fixtures;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The checks before an IPv6-only apply: the MTU room is that of IPv6 (70 bytes of vxlan, 1280 at least). */
class PreflightIpv6OnlyTest {

    private static List<HostProblem> check(NetworkConfig config, int underlayMtu) {
        HostFacts facts = new HostFacts("eth0", underlayMtu, null, true, false);
        return Preflight.check(config, Fixtures.bootstrap(config),
                Map.of("node-1", new HostReading(facts, List.of(), Underlay.NONE)), false);
    }

    @Test
    void anUnderlayWithoutRoomForIpv6IsFound() {
        NetworkConfig config = Fixtures.builder(BackendType.VXLAN).hosts(2).ipv6Only("fd10:100::/48").build();
        List<HostProblem> small = check(config, 1300);
        assertEquals(1, small.size(), small::toString);
        assertTrue(small.get(0).detail().contains("eth0 has MTU 1300: the vxlan backend needs 70 bytes of each packet,"
                + " which leaves 1230 for containers, less than the 1280 bytes IPv6 needs"), small::toString);
        assertEquals(List.of(), check(config, 1350));
    }

    @Test
    void aFixedMtuThatIpv6PacketsWouldNotFitIsFound() {
        NetworkConfig config = Fixtures.builder(BackendType.VXLAN).hosts(2).ipv6Only("fd10:100::/48").mtu(1450)
                .build();
        List<HostProblem> tooBig = check(config, 1500);
        assertEquals(1, tooBig.size(), tooBig::toString);
        assertEquals("write mtu: auto, or at most 1430", tooBig.get(0).hint());
    }
}
