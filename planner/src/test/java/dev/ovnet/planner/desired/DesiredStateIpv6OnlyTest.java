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
import dev.ovnet.planner.net.Cidr6;
import dev.ovnet.planner.net.Ipv6;
import dev.ovnet.planner.net.Mac;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The objects of a host of an IPv6-only network, written out literally: node-2 (fd10:100:0:2::/64 at fd00:192:0:2::12
 * on eth0, MTU 1500) with the peer node-3; exactly the IPv6 objects of a dual-stack host and nothing of IPv4.
 */
class DesiredStateIpv6OnlyTest {

    private static final Cidr6 LEASE6_2 = DesiredStateIpv6Test.LEASE6_2;
    private static final Cidr6 LEASE6_3 = DesiredStateIpv6Test.LEASE6_3;

    private static DesiredHost node2(BackendType type, ContainerRuntime runtime) {
        NetworkSpec network = new NetworkSpec("demo", null, 0, new Backend(type, type == BackendType.VXLAN ? 1 : 0,
                type.defaultPort(), false), null, true, runtime, DesiredStateIpv6Test.POOL6, 64);
        HostSpec self = node("node-2", DesiredStateIpv6Test.ADDRESS6_2, LEASE6_2, type);
        HostSpec peer = node("node-3", DesiredStateIpv6Test.ADDRESS6_3, LEASE6_3, type);
        return DesiredState.forHost(network, self, List.of(PeerEntry.of(self), PeerEntry.of(peer)));
    }

    private static HostSpec node(String name, Ipv6 address6, Cidr6 lease6, BackendType type) {
        HostFacts facts = new HostFacts("eth0", 1500, null, true, false, null, Cidr6.parse("fd00:192:0:2::/64"));
        return new HostSpec(name, null, "/", null, null, facts, address6, lease6,
                type == BackendType.VXLAN ? Mac.forLease6("demo", 1, lease6) : null);
    }

    private static FileObject file(DesiredHost host, String path) {
        return host.hostObjects().stream().filter(o -> o instanceof FileObject f && f.path().equals(path))
                .map(FileObject.class::cast).findFirst().orElseThrow(() -> new AssertionError("no file " + path));
    }

    @Test
    void vxlanHostGetsTheIpv6ObjectsOnly() {
        DesiredHost host = node2(BackendType.VXLAN, ContainerRuntime.NONE);
        List<KernelObject> objects = host.hostObjects();
        Mac mac6 = Mac.forLease6("demo", 1, LEASE6_2);
        assertTrue(objects.contains(Link.vxlan("flannel-v6.1", 1, DesiredStateIpv6Test.ADDRESS6_2, "eth0", 8472, 1430,
                mac6)), objects.toString());
        assertTrue(objects.contains(new Address("flannel-v6.1", Cidr6.parse("fd10:100:0:2::/128"))));
        assertTrue(objects.contains(new Sysctl("net.ipv6.conf.all.forwarding", "1")));
        assertTrue(objects.stream().noneMatch(o -> o instanceof Sysctl s && s.name().equals("net.ipv4.ip_forward")),
                objects.toString());
        assertTrue(objects.stream().noneMatch(o -> o instanceof Link l && l.name().equals("flannel.1")));
        assertEquals(2, objects.stream().filter(o -> o instanceof IptablesChain c && c.ipv6()).count());
        assertEquals(2, objects.stream().filter(o -> o instanceof IptablesChain).count(), "no iptables chain");
        Mac peerMac6 = Mac.forLease6("demo", 1, LEASE6_3);
        assertEquals(List.of(new Neighbour(LEASE6_3.network(), peerMac6, "flannel-v6.1"),
                new FdbEntry(peerMac6, "flannel-v6.1", DesiredStateIpv6Test.ADDRESS6_3),
                new Route(LEASE6_3, LEASE6_3.network(), "flannel-v6.1", true)), host.peerObjects(host.peers().get(0)));
        assertEquals(3, PeerObjects.count(host.context(), host.peers().get(0)));
    }

    @Test
    void hostGwRoutesThePeerViaItsAddress6Only() {
        DesiredHost host = node2(BackendType.HOST_GW, ContainerRuntime.NONE);
        assertEquals(List.of(new Route(LEASE6_3, DesiredStateIpv6Test.ADDRESS6_3, "eth0", false)),
                host.peerObjects(host.peers().get(0)));
        assertEquals(1, PeerObjects.count(host.context(), host.peers().get(0)));
    }

    @Test
    void subnetEnvHasOnlyFlannelsIpv6LinesAndThereIsNoDockerOpts() {
        DesiredHost host = node2(BackendType.VXLAN, ContainerRuntime.DOCKER);
        assertEquals("""
                FLANNEL_IPV6_NETWORK=fd10:100::/48
                FLANNEL_IPV6_SUBNET=fd10:100:0:2::1/64
                FLANNEL_MTU=1430
                FLANNEL_IPMASQ=true
                """, file(host, "/run/flannel/subnet.env").content());
        assertTrue(host.hostObjects().stream().noneMatch(o -> o instanceof FileObject f
                && f.path().equals("/run/docker_opts.env")), "mk-docker-opts.sh has no FLANNEL_SUBNET to use");
    }

    @Test
    void cniConflistHasOnlyTheIpv6RangeAndRoute() {
        DesiredHost host = node2(BackendType.HOST_GW, ContainerRuntime.CNI);
        String conflist = file(host, "/etc/cni/net.d/10-ovnet.conflist").content();
        assertTrue(conflist.contains("""
                        "ranges": [[{"subnet": "fd10:100:0:2::/64"}]],
                        "routes": [{"dst": "fd10:100::/48", "gw": "fd10:100:0:2::1"}]
                """), conflist);
    }
}
