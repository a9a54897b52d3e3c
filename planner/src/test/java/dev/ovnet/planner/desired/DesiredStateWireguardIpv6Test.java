package dev.ovnet.planner.desired;

import static dev.ovnet.planner.desired.DesiredStateIpv6Test.ADDRESS6_3;
import static dev.ovnet.planner.desired.DesiredStateIpv6Test.ADDRESS_3;
import static dev.ovnet.planner.desired.DesiredStateIpv6Test.LEASE6_2;
import static dev.ovnet.planner.desired.DesiredStateIpv6Test.LEASE6_3;
import static dev.ovnet.planner.desired.DesiredStateIpv6Test.LEASE_2;
import static dev.ovnet.planner.desired.DesiredStateIpv6Test.LEASE_3;
import static dev.ovnet.planner.desired.DesiredStateIpv6Test.POOL;
import static dev.ovnet.planner.desired.DesiredStateIpv6Test.POOL6;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ovnet.planner.config.Backend;
import dev.ovnet.planner.config.BackendType;
import dev.ovnet.planner.config.ContainerRuntime;
import dev.ovnet.planner.config.WireguardSettings;
import dev.ovnet.planner.model.Address;
import dev.ovnet.planner.model.KernelObject;
import dev.ovnet.planner.model.Link;
import dev.ovnet.planner.model.Phase;
import dev.ovnet.planner.model.Route;
import dev.ovnet.planner.model.WireguardKey;
import dev.ovnet.planner.model.WireguardPeer;
import dev.ovnet.planner.net.Cidr;
import dev.ovnet.planner.net.Cidr6;
import dev.ovnet.planner.net.Ipv4;
import dev.ovnet.planner.net.Ipv6;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What a dual-stack wireguard host gets (docs/backends.md), flannel's {@code separate} mode: beside flannel-wg a
 * second device flannel-wg-v6 (same kind and MTU, the host's one key, listening on port6) with S6_0/128 and pool6
 * routed onto it, and per peer a second peer on it: the same public key, endpoint {@code [address6]:port6}, allowed
 * IPs the peer's IPv6 subnet, with the pre-shared key and keepalive of the IPv4 peer. node-2 of the dual-stack
 * example with the peer node-3.
 */
class DesiredStateWireguardIpv6Test {

    private static final String KEY_2 = "aAbnPZFpGtNtqV4hUtzDJQpJxnMTrpAgVa7c9iU8nl8=";
    private static final String KEY_3 = "JmgYpx4YczbbPfMq2XWpsd6HRRYnVxUWS0EJ6uHMT2I=";

    private static NetworkSpec network(int port6) {
        return new NetworkSpec("demo", POOL, 24, new Backend(BackendType.WIREGUARD, 0, 51820, false,
                new WireguardSettings(port6, 25, "/etc/ovnet/wg.psk")), null, false, ContainerRuntime.NONE, POOL6,
                64);
    }

    private static HostSpec node(String name, String address, Cidr lease, Ipv6 address6, Cidr6 lease6, String key,
            boolean userspace) {
        HostFacts facts = new HostFacts("eth0", 1500, Cidr.parse("192.0.2.0/24"), true, false, null,
                Cidr6.parse("fd00:192:0:2::/64")).withWireguard(new WireguardFacts(true, !userspace, userspace, key));
        return new HostSpec(name, Ipv4.parse(address), "/", lease, null, facts, address6, lease6, null);
    }

    private static DesiredHost node2(int port6, boolean userspace, String peerKey, Ipv6 peerAddress6) {
        HostSpec self = node("node-2", "192.0.2.12", LEASE_2, DesiredStateIpv6Test.ADDRESS6_2, LEASE6_2, KEY_2,
                userspace);
        HostSpec peer = node("node-3", "192.0.2.13", LEASE_3, peerAddress6, peerAddress6 == null ? null : LEASE6_3,
                peerKey, userspace);
        return DesiredState.forHost(network(port6), self, List.of(PeerEntry.of(self), PeerEntry.of(peer)));
    }

    @Test
    void theHostGetsASecondDeviceOnPort6WithItsAddressAndPool6() {
        DesiredHost host = node2(51821, false, KEY_3, ADDRESS6_3);
        List<KernelObject> objects = host.hostObjects();
        assertTrue(objects.contains(Link.wireguard("flannel-wg", false, 51820, 1420)), objects.toString());
        assertTrue(objects.contains(Link.wireguard("flannel-wg-v6", false, 51821, 1420)),
                "the same MTU (underlay - 80) on both devices: " + objects);
        assertTrue(objects.contains(new Address("flannel-wg-v6", Cidr6.parse("fd10:100:0:2::/128"))));
        assertTrue(objects.contains(new Route(POOL6, null, "flannel-wg-v6", false)));
        assertTrue(objects.contains(new Route(POOL, null, "flannel-wg", false)));
        assertEquals(1, objects.stream().filter(o -> o instanceof WireguardKey).count(),
                "one key for both devices, as flannel");
        assertEquals(List.of("link flannel-wg-v6 type wireguard listen-port 51821 mtu 1420"), objects.stream()
                .filter(o -> o instanceof Link l && l.name().equals("flannel-wg-v6")).map(KernelObject::describe)
                .toList());
    }

    @Test
    void withoutTheModuleBothDevicesAreWireguardGoAndPort6IsTheConfiguredOne() {
        DesiredHost host = node2(51900, true, KEY_3, ADDRESS6_3);
        assertTrue(host.hostObjects().contains(Link.wireguard("flannel-wg-v6", true, 51900, 1420)),
                host.hostObjects().toString());
        assertTrue(host.hostObjects().contains(Link.wireguard("flannel-wg", true, 51820, 1420)));
    }

    @Test
    void eachPeerIsAPeerOfBothDevicesWithTheSameKey() {
        DesiredHost host = node2(51821, false, KEY_3, ADDRESS6_3);
        PeerEntry peer = host.peers().get(0);
        List<KernelObject> peers = host.peerObjects(peer);
        assertEquals(List.of(
                new WireguardPeer("flannel-wg", KEY_3, ADDRESS_3, 51820, LEASE_3, true, 25),
                new WireguardPeer("flannel-wg-v6", KEY_3, ADDRESS6_3, 51821, LEASE6_3, true, 25)), peers);
        assertEquals(peers.size(), PeerObjects.count(host.context(), peer));
        assertEquals(peers, PeerObjects.of(host.context(), peer, Phase.PEER), "both are in the peer phase");
        assertEquals("wgpeer " + KEY_3 + " dev flannel-wg-v6 endpoint [fd00:192:0:2::13]:51821 allowed-ips"
                + " fd10:100:0:3::/64 preshared-key (set) persistent-keepalive 25", peers.get(1).describe());
        assertFalse(peers.get(0).key().equals(peers.get(1).key()), "one peer per device in the plan");
    }

    @Test
    void aPeerWithoutAnIpv6LeaseIsAPeerOfFlannelWgOnly() {
        DesiredHost host = node2(51821, false, null, null);
        assertEquals(List.of(new WireguardPeer("flannel-wg", null, ADDRESS_3, 51820, LEASE_3, true, 25)),
                host.peerObjects(host.peers().get(0)));
    }
}
