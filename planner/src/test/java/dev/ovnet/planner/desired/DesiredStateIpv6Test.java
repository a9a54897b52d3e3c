package dev.ovnet.planner.desired;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ovnet.planner.config.Backend;
import dev.ovnet.planner.config.BackendType;
import dev.ovnet.planner.config.ContainerRuntime;
import dev.ovnet.planner.model.Address;
import dev.ovnet.planner.model.FdbEntry;
import dev.ovnet.planner.model.FileObject;
import dev.ovnet.planner.model.IptablesChain;
import dev.ovnet.planner.model.KernelObject;
import dev.ovnet.planner.model.Link;
import dev.ovnet.planner.model.Neighbour;
import dev.ovnet.planner.model.Route;
import dev.ovnet.planner.model.Sysctl;
import dev.ovnet.planner.net.Cidr;
import dev.ovnet.planner.net.Cidr6;
import dev.ovnet.planner.net.Ipv4;
import dev.ovnet.planner.net.Ipv6;
import dev.ovnet.planner.net.Mac;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The IPv6 objects of a dual-stack host (docs/backends.md), written out literally: node-2 (10.100.2.0/24 and
 * fd10:100:0:2::/64 at 192.0.2.12 and fd00:192:0:2::12 on eth0, MTU 1500) with the peer node-3.
 */
class DesiredStateIpv6Test {

    static final Cidr POOL = Cidr.parse("10.100.0.0/16");
    static final Cidr6 POOL6 = Cidr6.parse("fd10:100::/48");
    static final Cidr LEASE_2 = Cidr.parse("10.100.2.0/24");
    static final Cidr6 LEASE6_2 = Cidr6.parse("fd10:100:0:2::/64");
    static final Cidr LEASE_3 = Cidr.parse("10.100.3.0/24");
    static final Cidr6 LEASE6_3 = Cidr6.parse("fd10:100:0:3::/64");
    static final Ipv6 ADDRESS6_2 = Ipv6.parse("fd00:192:0:2::12");
    static final Ipv6 ADDRESS6_3 = Ipv6.parse("fd00:192:0:2::13");
    static final Ipv4 ADDRESS_3 = Ipv4.parse("192.0.2.13");

    private static NetworkSpec network(BackendType type, boolean direct, ContainerRuntime runtime) {
        return new NetworkSpec("demo", POOL, 24, new Backend(type, type == BackendType.VXLAN ? 1 : 0,
                type.defaultPort(), direct), null, true, runtime, POOL6, 64);
    }

    private static HostSpec node(String name, String address, Cidr lease, Ipv6 address6, Cidr6 lease6,
            BackendType type) {
        boolean vxlan = type == BackendType.VXLAN;
        HostFacts facts = new HostFacts("eth0", 1500, Cidr.parse("192.0.2.0/24"), true, false, null,
                Cidr6.parse("fd00:192:0:2::/64"));
        return new HostSpec(name, Ipv4.parse(address), "/", lease, vxlan ? Mac.forLease("demo", 1, lease) : null,
                facts, address6, lease6, vxlan ? Mac.forLease6("demo", 1, lease6) : null);
    }

    private static DesiredHost node2(BackendType type, boolean direct, ContainerRuntime runtime) {
        HostSpec self = node("node-2", "192.0.2.12", LEASE_2, ADDRESS6_2, LEASE6_2, type);
        HostSpec peer = node("node-3", "192.0.2.13", LEASE_3, ADDRESS6_3, LEASE6_3, type);
        return DesiredState.forHost(network(type, direct, runtime), self, List.of(PeerEntry.of(self),
                PeerEntry.of(peer)));
    }

    private static <T extends KernelObject> T only(List<KernelObject> objects, Class<T> type, String describedAs) {
        return objects.stream().filter(type::isInstance).map(type::cast)
                .filter(o -> o.describe().startsWith(describedAs)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + describedAs + " in " + objects));
    }

    @Test
    void vxlanHostGetsTheIpv6DeviceAddressForwardingAndChains() {
        DesiredHost host = node2(BackendType.VXLAN, false, ContainerRuntime.DOCKER);
        List<KernelObject> objects = host.hostObjects();
        Mac mac6 = Mac.forLease6("demo", 1, LEASE6_2);
        assertTrue(objects.contains(new Sysctl("net.ipv6.conf.all.forwarding", "1")));
        assertTrue(objects.contains(new Sysctl("net.ipv4.ip_forward", "1")));
        assertTrue(objects.contains(Link.vxlan("flannel-v6.1", 1, ADDRESS6_2, "eth0", 8472, 1430, mac6)), objects
                .toString());
        assertTrue(objects.contains(Link.vxlan("flannel.1", 1, Ipv4.parse("192.0.2.12"), "eth0", 8472, 1430,
                Mac.forLease("demo", 1, LEASE_2))), "one MTU for both families");
        assertTrue(objects.contains(new Address("flannel-v6.1", Cidr6.parse("fd10:100:0:2::/128"))));
        assertEquals("link flannel-v6.1 type vxlan id 1 local fd00:192:0:2::12 dev eth0 dstport 8472 nolearning"
                + " mtu 1430 address " + mac6, only(objects, Link.class, "link flannel-v6.1").describe());
        IptablesChain forward6 = only(objects, IptablesChain.class, "ip6tables -t filter");
        assertEquals(List.of("-A OVNET-FWD -s fd10:100::/48 -m comment --comment \"ovnet forward\" -j ACCEPT",
                "-A OVNET-FWD -d fd10:100::/48 -m comment --comment \"ovnet forward\" -j ACCEPT"), forward6.rules());
        IptablesChain masq6 = only(objects, IptablesChain.class, "ip6tables -t nat");
        String c = " -m comment --comment \"ovnet masq\"";
        assertEquals(List.of("-A OVNET-POSTRTG -m mark --mark 0x4000/0x4000" + c + " -j RETURN",
                "-A OVNET-POSTRTG -s fd10:100:0:2::/64 -d fd10:100::/48" + c + " -j RETURN",
                "-A OVNET-POSTRTG -s fd10:100::/48 -d fd10:100:0:2::/64" + c + " -j RETURN",
                "-A OVNET-POSTRTG ! -s fd10:100::/48 -d fd10:100:0:2::/64" + c + " -j RETURN",
                "-A OVNET-POSTRTG -s fd10:100::/48 ! -d ff00::/8" + c + " -j MASQUERADE --random-fully",
                "-A OVNET-POSTRTG ! -s fd10:100::/48 -d fd10:100::/48" + c + " -j MASQUERADE --random-fully"),
                masq6.rules());
        assertTrue(masq6.ipv6());
        assertEquals("-A POSTROUTING -m comment --comment \"ovnet masq\" -j OVNET-POSTRTG", masq6.jumpRule());
        assertTrue(objects.stream().filter(o -> o instanceof IptablesChain).count() == 4);
    }

    @Test
    void subnetEnvHasFlannelsIpv6LinesInFlannelsOrder() {
        DesiredHost host = node2(BackendType.VXLAN, false, ContainerRuntime.DOCKER);
        FileObject env = only(host.hostObjects(), FileObject.class, "file /run/flannel/subnet.env");
        assertEquals("""
                FLANNEL_NETWORK=10.100.0.0/16
                FLANNEL_SUBNET=10.100.2.1/24
                FLANNEL_IPV6_NETWORK=fd10:100::/48
                FLANNEL_IPV6_SUBNET=fd10:100:0:2::1/64
                FLANNEL_MTU=1430
                FLANNEL_IPMASQ=true
                """, env.content());
        FileObject docker = only(host.hostObjects(), FileObject.class, "file /run/docker_opts.env");
        assertEquals(FlannelFiles.dockerOpts(LEASE_2, 1430, true), docker.content(), "mk-docker-opts.sh has no IPv6");
    }

    @Test
    void cniConflistHasBothRangesAndBothRoutes() {
        DesiredHost host = node2(BackendType.HOST_GW, false, ContainerRuntime.CNI);
        FileObject conflist = only(host.hostObjects(), FileObject.class, "file /etc/cni/net.d/10-ovnet.conflist");
        assertTrue(conflist.content().contains("""
                        "ranges": [[{"subnet": "10.100.2.0/24"}], [{"subnet": "fd10:100:0:2::/64"}]],
                        "routes": [{"dst": "10.100.0.0/16", "gw": "10.100.2.1"}, {"dst": "fd10:100::/48", \
                "gw": "fd10:100:0:2::1"}]
                """), conflist.content());
        assertTrue(conflist.content().contains("\"mtu\": 1500,"), "host-gw has no overhead in either family");
    }

    @Test
    void vxlanPeerGetsNeighbourFdbAndOnlinkRouteInEachFamily() {
        DesiredHost host = node2(BackendType.VXLAN, false, ContainerRuntime.NONE);
        Mac mac = Mac.forLease("demo", 1, LEASE_3);
        Mac mac6 = Mac.forLease6("demo", 1, LEASE6_3);
        assertEquals(List.of(
                new Neighbour(Ipv4.parse("10.100.3.0"), mac, "flannel.1"),
                new FdbEntry(mac, "flannel.1", ADDRESS_3),
                new Route(LEASE_3, Ipv4.parse("10.100.3.0"), "flannel.1", true),
                new Neighbour(Ipv6.parse("fd10:100:0:3::"), mac6, "flannel-v6.1"),
                new FdbEntry(mac6, "flannel-v6.1", ADDRESS6_3),
                new Route(LEASE6_3, Ipv6.parse("fd10:100:0:3::"), "flannel-v6.1", true)),
                host.peerObjects(host.peers().get(0)));
        assertEquals(6, PeerObjects.count(host.context(), host.peers().get(0)));
        assertEquals("route fd10:100:0:3::/64 via fd10:100:0:3:: dev flannel-v6.1 onlink",
                host.peerObjects(host.peers().get(0)).get(5).describe());
    }

    @Test
    void directRoutingSendsSameSegmentPeersStraightInBothFamilies() {
        DesiredHost host = node2(BackendType.VXLAN, true, ContainerRuntime.NONE);
        assertEquals(List.of(new Route(LEASE_3, ADDRESS_3, "eth0", false), new Route(LEASE6_3, ADDRESS6_3, "eth0",
                false)), host.peerObjects(host.peers().get(0)));
    }

    @Test
    void hostGwRoutesEachFamilyViaThePeersAddressOfThatFamily() {
        DesiredHost host = node2(BackendType.HOST_GW, false, ContainerRuntime.NONE);
        assertEquals(List.of(new Route(LEASE_3, ADDRESS_3, "eth0", false), new Route(LEASE6_3, ADDRESS6_3, "eth0",
                false)), host.peerObjects(host.peers().get(0)));
        assertTrue(host.hostObjects().stream().noneMatch(o -> o instanceof Link));
        assertTrue(host.hostObjects().contains(new Sysctl("net.ipv6.conf.all.forwarding", "1")));
    }

    @Test
    void thePeerObjectsPerPhaseAreThoseOfTheWholeList() {
        for (BackendType type : List.of(BackendType.VXLAN, BackendType.HOST_GW)) {
            for (boolean direct : List.of(false, true)) {
                DesiredHost host = node2(type, direct && type == BackendType.VXLAN, ContainerRuntime.NONE);
                PeerEntry peer = host.peers().get(0);
                List<KernelObject> byPhase = PeerObjects.PHASES.stream()
                        .flatMap(p -> PeerObjects.of(host.context(), peer, p).stream()).toList();
                List<KernelObject> all = host.peerObjects(peer);
                assertEquals(all.size(), byPhase.size());
                assertTrue(all.containsAll(byPhase));
            }
        }
    }
}
