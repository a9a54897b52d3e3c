package dev.ovnet.planner.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ovnet.planner.config.BackendType;
import dev.ovnet.planner.config.NetworkConfig;
import dev.ovnet.planner.desired.HostFacts;
import dev.ovnet.planner.desired.WireguardFacts;
import dev.ovnet.planner.net.Cidr;
import dev.ovnet.planner.net.Ipv4;
import dev.ovnet.planner.state.State;
import dev.ovnet.planner.testing.Fixtures;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The preflight checks on what refresh read: each finding names the host, what was found and what to do; what a
 * host normally has (its container bridge, a default route, flannel's own routes when adopted) is not a finding.
 * Fixture hosts: node-i at 192.0.2.(10+i) on eth0 192.0.2.0/24, leases 10.100.i.0/24 in the pool 10.100.0.0/16.
 */
class PreflightTest {

    private static final HostFacts ETH0 = Fixtures.facts("eth0", 1500, "192.0.2.0/24");

    @Test
    void aHealthyHostHasNoProblem() {
        NetworkConfig config = Fixtures.network(BackendType.VXLAN, 3);
        Underlay usual = new Underlay(
                List.of(address("eth0", "192.0.2.11", 24), address("docker0", "10.100.1.1", 24),
                        address("lo", "127.0.0.1", 8)),
                List.of(route("0.0.0.0/0", "192.0.2.1", "eth0", "static"), route("192.0.2.0/24", null, "eth0", "kernel"),
                        route("10.100.1.0/24", null, "docker0", "kernel"),
                        route("10.0.0.0/8", "192.0.2.1", "eth0", "static")));
        assertEquals(List.of(), check(config, Map.of("node-1", usual)));
    }

    @Test
    void hostGwPeerOutsideTheSegmentIsFoundBeforeAnyChange() {
        NetworkConfig config = Fixtures.builder(BackendType.HOST_GW)
                .host(Fixtures.host("a", "192.0.2.11"))
                .host(Fixtures.host("b", "198.51.100.7"))
                .build();
        List<HostProblem> problems = check(config, Map.of("a", Underlay.NONE));
        assertEquals(1, problems.size(), problems::toString);
        HostProblem p = problems.get(0);
        assertEquals("a", p.host());
        assertEquals(HostProblem.Kind.CLASH, p.kind());
        assertTrue(p.detail().contains("peer b (198.51.100.7) is not on a's segment 192.0.2.0/24 (eth0)"), p::toString);
        assertTrue(p.detail().contains("route 10.100.2.0/24 via 198.51.100.7 dev eth0"), p::toString);
        assertTrue(p.hint().contains("vxlan"), p::toString);
        // vxlan crosses segments: no finding for the same hosts
        NetworkConfig vxlan = Fixtures.builder(config).backend(BackendType.VXLAN).build();
        assertEquals(List.of(), check(vxlan, Map.of("a", Underlay.NONE)));
    }

    @Test
    void anIfaceMtuWithoutRoomForTheEncapsulationIsFound() {
        NetworkConfig config = Fixtures.network(BackendType.VXLAN, 2);
        HostFacts tiny = Fixtures.facts("eth0", 100, "192.0.2.0/24");
        List<HostProblem> problems = Preflight.check(config, Fixtures.bootstrap(config),
                Map.of("node-1", new HostReading(tiny, List.of(), Underlay.NONE)), false);
        assertEquals(1, problems.size(), problems::toString);
        assertTrue(problems.get(0).detail().contains("eth0 has MTU 100: the vxlan backend needs 50 bytes"),
                problems::toString);
        // a fixed mtu larger than the room left is found too; one that fits is not
        NetworkConfig fixed = Fixtures.builder(config).mtu(1480).build();
        List<HostProblem> tooBig = check(fixed, Map.of("node-1", Underlay.NONE));
        assertEquals(1, tooBig.size(), tooBig::toString);
        assertEquals("write mtu: auto, or at most 1450", tooBig.get(0).hint());
        assertEquals(List.of(), check(Fixtures.builder(config).mtu(1450).build(), Map.of("node-1", Underlay.NONE)));
    }

    @Test
    void aUserRouteOrAddressInsideThePoolIsAClash() {
        NetworkConfig config = Fixtures.network(BackendType.HOST_GW, 3);
        Underlay user = new Underlay(List.of(address("eth1", "10.100.3.1", 24)),
                List.of(route("10.100.2.0/24", "192.0.2.99", "eth0", "static"),
                        route("10.100.200.0/24", null, "eth0", "boot")));
        List<HostProblem> problems = check(config, Map.of("node-1", user));
        assertEquals(1, problems.size(), problems::toString);
        String detail = problems.get(0).detail();
        assertTrue(detail.contains("address 10.100.3.1/24 on eth1 (in node-3's subnet 10.100.3.0/24)"), detail);
        assertTrue(detail.contains("route 10.100.2.0/24 via 192.0.2.99 dev eth0 proto static (in node-2's subnet"),
                detail);
        assertTrue(detail.contains("route 10.100.200.0/24 dev eth0 proto boot (a part of the pool no host holds yet)"),
                detail);
        assertTrue(detail.startsWith("3 are") || detail.contains(" are not made by ovnet"), detail);
    }

    @Test
    void flannelsOwnRoutesOnAnAdoptedHostAreNotClashes() {
        NetworkConfig config = Fixtures.network(BackendType.HOST_GW, 3);
        // flanneld's host-gw routes: each peer's subnet via the peer's underlay address, protocol boot
        Underlay flannel = new Underlay(List.of(address("cni0", "10.100.1.1", 24)),
                List.of(route("10.100.2.0/24", "192.0.2.12", "eth0", "boot"),
                        route("10.100.3.0/24", "192.0.2.13", "eth0", "boot"),
                        route("10.100.1.0/24", null, "cni0", "kernel")));
        assertEquals(List.of(), check(config, Map.of("node-1", flannel)));
    }

    @Test
    void theWholePoolRoutedElsewhereAndBlackholesAreClashes() {
        NetworkConfig config = Fixtures.network(BackendType.UDP, 2);
        Underlay odd = new Underlay(List.of(), List.of(route("10.100.0.0/16", "192.0.2.1", "eth0", "static"),
                new Underlay.HostRoute("blackhole", Cidr.parse("10.100.2.0/25"), null, null, null)));
        List<HostProblem> problems = check(config, Map.of("node-1", odd));
        assertEquals(1, problems.size(), problems::toString);
        assertTrue(problems.get(0).detail().contains("(the whole pool)"), problems::toString);
        assertTrue(problems.get(0).detail().contains("blackhole route 10.100.2.0/25 (in node-2's subnet"),
                problems::toString);
    }

    @Test
    void onlyHostsThatWereReadAreCheckedAndADestroyIsNeverBlocked() {
        NetworkConfig config = Fixtures.builder(BackendType.HOST_GW)
                .host(Fixtures.host("a", "192.0.2.11"))
                .host(Fixtures.host("b", "198.51.100.7"))
                .build();
        assertEquals(List.of(), check(config, Map.of()));
        Plan plan = Fixtures.bootstrap(config);
        Map<String, HostReading> readings = Map.of("a", new HostReading(ETH0, List.of(), Underlay.NONE));
        assertEquals(List.of(), Preflight.check(config, plan, readings, true));
    }

    @Test
    void aLargeNetworkNamesAFewExamples() {
        NetworkConfig config = Fixtures.builder(BackendType.HOST_GW).hosts(40)
                .change("node-1", h -> Fixtures.withAddress(h, Ipv4.parse("198.51.100.7"))).build();
        List<HostProblem> problems = check(config, Map.of("node-2", Underlay.NONE));
        assertEquals(1, problems.size(), problems::toString);
        assertTrue(problems.get(0).detail().startsWith("peer node-1 (198.51.100.7) is not on node-2's segment"),
                problems::toString);
        Map<String, HostReading> fromNode1 = new HashMap<>();
        fromNode1.put("node-1", new HostReading(Fixtures.facts("eth0", 1500, "198.51.100.0/24"), List.of(),
                Underlay.NONE));
        String detail = Preflight.check(config, Fixtures.bootstrap(config), fromNode1, false).get(0).detail();
        assertTrue(detail.startsWith("39 peers (node-10 (192.0.2.20), "), detail);
        assertTrue(detail.contains(" and 34 more) are not on node-1's segment"), detail);
    }

    @Test
    void aWireguardHostWithoutWgOrAnythingToMakeTheDeviceWithIsToldWhichPackageToInstall() {
        NetworkConfig config = Fixtures.network(BackendType.WIREGUARD, 2);
        Map<String, HostReading> readings = new HashMap<>();
        readings.put("node-1", new HostReading(ETH0.withWireguard(new WireguardFacts(false, false, false, null)),
                List.of(), Underlay.NONE));
        readings.put("node-2", new HostReading(ETH0.withWireguard(new WireguardFacts(true, false, true, null)),
                List.of(), Underlay.NONE));
        Plan plan = Planner.plan(config, new Planner.Inputs(State.empty(Fixtures.LINEAGE), readings, true, "h"));
        List<HostProblem> problems = Preflight.check(config, plan, readings, false);
        assertEquals(List.of("node-1", "node-1"), problems.stream().map(HostProblem::host).toList(),
                problems::toString);
        assertTrue(problems.get(0).hint().contains("wireguard-tools"), problems::toString);
        assertTrue(problems.get(1).hint().contains("wireguard-go"), problems::toString);
        assertTrue(problems.get(1).detail().contains("no wireguard module"), problems::toString);
    }

    private static List<HostProblem> check(NetworkConfig config, Map<String, Underlay> read) {
        Map<String, HostReading> readings = new HashMap<>();
        read.forEach((host, underlay) -> readings.put(host, new HostReading(ETH0, List.of(), underlay)));
        Plan plan = Planner.plan(config, new Planner.Inputs(State.empty(Fixtures.LINEAGE), readings, true, "h"));
        return Preflight.check(config, plan, readings, false);
    }

    private static Underlay.HostAddress address(String dev, String address, int prefix) {
        return new Underlay.HostAddress(dev, Ipv4.parse(address), prefix);
    }

    private static Underlay.HostRoute route(String dst, String via, String dev, String proto) {
        return new Underlay.HostRoute("unicast", Cidr.parse(dst), via == null ? null : Ipv4.parse(via), dev, proto);
    }
}
