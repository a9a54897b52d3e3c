package dev.ovnet.planner.desired;

import static dev.ovnet.planner.desired.DesiredStateBackendTest.assertObjects;
import static dev.ovnet.planner.desired.DesiredStateBackendTest.peerObjects;
import static dev.ovnet.planner.desired.SpecExample.ADDRESS_1;
import static dev.ovnet.planner.desired.SpecExample.ADDRESS_2;
import static dev.ovnet.planner.desired.SpecExample.ADDRESS_3;
import static dev.ovnet.planner.desired.SpecExample.LEASE_1;
import static dev.ovnet.planner.desired.SpecExample.LEASE_2;
import static dev.ovnet.planner.desired.SpecExample.LEASE_3;
import static dev.ovnet.planner.desired.SpecExample.POOL;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ovnet.planner.config.BackendType;
import dev.ovnet.planner.config.NetworkConfig;
import dev.ovnet.planner.config.WireguardSettings;
import dev.ovnet.planner.model.Address;
import dev.ovnet.planner.model.FileObject;
import dev.ovnet.planner.model.KernelObject;
import dev.ovnet.planner.model.Link;
import dev.ovnet.planner.model.Route;
import dev.ovnet.planner.model.Sysctl;
import dev.ovnet.planner.model.WireguardKey;
import dev.ovnet.planner.model.WireguardPeer;
import dev.ovnet.planner.net.Cidr;
import dev.ovnet.planner.testing.Fixtures;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What a wireguard host gets (docs/backends.md), for node-2 of the example network: flannel's device flannel-wg
 * (MTU 1500 - 80), its address S0/32, the pool routed onto it, the host's key file, and one peer per other host
 * with its public key, endpoint, allowed IPs, pre-shared key and keepalive.
 */
class DesiredStateWireguardTest {

    private static final String KEY_1 = "YOWtWrIm0pSyI1S1cBrLBLV3XpEJrc1b1ATbOFpfkSs=";
    private static final String KEY_2 = "aAbnPZFpGtNtqV4hUtzDJQpJxnMTrpAgVa7c9iU8nl8=";
    private static final String KEY_3 = "JmgYpx4YczbbPfMq2XWpsd6HRRYnVxUWS0EJ6uHMT2I=";

    @Test
    void wireguardNode2WithEveryKeyKnown() {
        NetworkConfig config = Fixtures.builder(Fixtures.specExample(BackendType.WIREGUARD))
                .wireguard(new WireguardSettings(51821, 25, "/etc/ovnet/wg.psk")).build();
        DesiredHost host = DesiredState.forHost(NetworkSpec.of(config), node2(false, KEY_2), peers(KEY_1, KEY_3));
        assertObjects(List.of(
                new Sysctl("net.ipv4.ip_forward", "1"),
                new WireguardKey("/etc/ovnet/wireguard.key", KEY_2, false),
                Link.wireguard("flannel-wg", false, 51820, 1420),
                new Address("flannel-wg", Cidr.parse("10.100.50.0/32")),
                new Route(POOL, null, "flannel-wg", false),
                SpecExample.forwardChain(),
                SpecExample.masqueradeChain(true),
                new FileObject("/run/docker_opts.env", SpecExample.dockerOpts(1420), 0644),
                new FileObject("/run/flannel/subnet.env", SpecExample.subnetEnv(1420), 0644)),
                host.hostObjects());
        assertObjects(List.of(
                new WireguardPeer("flannel-wg", KEY_1, ADDRESS_1, 51820, LEASE_1, true, 25),
                new WireguardPeer("flannel-wg", KEY_3, ADDRESS_3, 51820, LEASE_3, true, 25)),
                peerObjects(host));
        assertEquals("wgpeer " + KEY_1 + " dev flannel-wg endpoint 172.16.112.128:51820 allowed-ips 10.100.1.0/24"
                + " preshared-key (set) persistent-keepalive 25", peerObjects(host).get(0).describe());
    }

    @Test
    void aHostWithoutTheModuleGetsTheUserspaceDeviceAndThePlanSaysSo() {
        DesiredHost host = DesiredState.forHost(SpecExample.network(BackendType.WIREGUARD), node2(true, KEY_2),
                peers(KEY_1, KEY_3));
        Link link = (Link) host.hostObjects().get(2);
        assertEquals(Link.wireguard("flannel-wg", true, 51820, 1420), link);
        assertEquals("link flannel-wg type wireguard-go listen-port 51820 mtu 1420", link.describe());
        assertTrue(link.replaceReason(Link.wireguard("flannel-wg", false, 51820, 1420)).isPresent(),
                "from the kernel module to wireguard-go is a new device");
    }

    @Test
    void keysNotYetGeneratedAreKnownAfterApplyAndNoPreSharedKeyWithoutAFile() {
        DesiredHost host = DesiredState.forHost(SpecExample.network(BackendType.WIREGUARD), node2(true, null),
                peers(null, KEY_3));
        KernelObject key = host.hostObjects().get(1);
        assertEquals("wireguard key /etc/ovnet/wireguard.key public (known after apply)", key.describe());
        List<KernelObject> peers = peerObjects(host);
        assertEquals(new WireguardPeer("flannel-wg", null, ADDRESS_1, 51820, LEASE_1, false, 0), peers.get(0));
        assertEquals("wgpeer (known after apply) dev flannel-wg endpoint 172.16.112.128:51820 allowed-ips"
                + " 10.100.1.0/24", peers.get(0).describe());
    }

    @Test
    void aPeerWithANewKeyIsReplacedAndALearnedKeyIsNoChangeOfItsOwn() {
        WireguardPeer before = new WireguardPeer("flannel-wg", KEY_1, ADDRESS_1, 51820, LEASE_1, false, 0);
        WireguardPeer rotated = new WireguardPeer("flannel-wg", KEY_3, ADDRESS_1, 51820, LEASE_1, false, 0);
        WireguardPeer moved = new WireguardPeer("flannel-wg", KEY_1, ADDRESS_3, 51820, LEASE_1, false, 0);
        assertEquals(before.key(), rotated.key(), "a peer is known by its allowed IPs");
        assertTrue(rotated.replaceReason(before).isPresent());
        assertFalse(moved.replaceReason(before).isPresent(), "a new endpoint is set in place");
    }

    @Test
    void thePrivateKeyNeverAppearsInAnyObject() {
        DesiredHost host = DesiredState.forHost(SpecExample.network(BackendType.WIREGUARD), node2(false, KEY_2),
                peers(KEY_1, KEY_3));
        for (KernelObject o : host.allObjects()) {
            assertFalse(o.describe().contains("private"), o.describe());
        }
    }

    private static HostSpec node2(boolean userspace, String key) {
        HostSpec plain = SpecExample.node2(BackendType.WIREGUARD);
        return plain.withFacts(plain.facts().withWireguard(new WireguardFacts(true, !userspace, userspace, key)));
    }

    private static List<PeerEntry> peers(String key1, String key3) {
        return List.of(new PeerEntry("node-1", LEASE_1, ADDRESS_1, null, key1),
                new PeerEntry("node-2", LEASE_2, ADDRESS_2, null, KEY_2),
                new PeerEntry("node-3", LEASE_3, ADDRESS_3, null, key3));
    }
}
