package dev.ovnet.planner.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ovnet.planner.net.Cidr;
import dev.ovnet.planner.net.Ipv4;
import dev.ovnet.planner.net.Mac;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Keys, descriptions (in iproute2's words, as in the seed captures) and replace reasons of the kernel objects. */
class KernelObjectTest {

    private static final Mac MAC_2 = Mac.parse("72:45:d3:56:86:48");
    private static final Mac MAC_3 = Mac.parse("d6:1a:65:fc:48:77");
    private static final Link VXLAN =
            Link.vxlan("flannel.1", 1, Ipv4.parse("172.16.112.133"), "ens33", 8472, 1450, MAC_2);

    @Test
    void describesObjectsAsTheSeedCapturesShowThem() {
        assertEquals("link flannel.1 type vxlan id 1 local 172.16.112.133 dev ens33 dstport 8472 nolearning mtu 1450"
                + " address 72:45:d3:56:86:48", VXLAN.describe());
        assertEquals("link flannel0 type tun mtu 1472", Link.tun("flannel0", 1472).describe());
        assertEquals("address 10.102.20.0/32 dev flannel.1",
                new Address("flannel.1", Cidr.parse("10.102.20.0/32")).describe());
        assertEquals("route 10.102.19.0/24 via 10.102.19.0 dev flannel.1 onlink",
                new Route(Cidr.parse("10.102.19.0/24"), Ipv4.parse("10.102.19.0"), "flannel.1", true).describe());
        assertEquals("route 10.100.83.0/24 via 172.16.112.130 dev ens33",
                new Route(Cidr.parse("10.100.83.0/24"), Ipv4.parse("172.16.112.130"), "ens33", false).describe());
        assertEquals("route 10.101.0.0/16 dev flannel0",
                new Route(Cidr.parse("10.101.0.0/16"), null, "flannel0", false).describe());
        assertEquals("neighbour 10.102.19.0 lladdr d6:1a:65:fc:48:77 dev flannel.1 permanent",
                new Neighbour(Ipv4.parse("10.102.19.0"), MAC_3, "flannel.1").describe());
        assertEquals("fdb d6:1a:65:fc:48:77 dev flannel.1 dst 172.16.112.130 self permanent",
                new FdbEntry(MAC_3, "flannel.1", Ipv4.parse("172.16.112.130")).describe());
        assertEquals("sysctl net.ipv4.ip_forward=1", new Sysctl("net.ipv4.ip_forward", "1").describe());
        assertEquals("file /run/flannel/subnet.env (4 bytes, mode 644)",
                new FileObject("/run/flannel/subnet.env", "x=1\n", 0644).describe());
        assertEquals("iptables -t nat chain OVNET-POSTRTG (1 rules, from POSTROUTING)",
                new IptablesChain("nat", "OVNET-POSTRTG", "POSTROUTING", "-A POSTROUTING -j OVNET-POSTRTG",
                        List.of("-A OVNET-POSTRTG -j RETURN")).describe());
    }

    @Test
    void keysIdentifyTheSameObjectWhateverItsOtherFields() {
        assertEquals(VXLAN.key(), Link.tun("flannel.1", 1400).key());
        Route a = new Route(Cidr.parse("10.100.83.0/24"), Ipv4.parse("10.100.83.0"), "flannel.1", true);
        Route b = new Route(Cidr.parse("10.100.83.0/24"), Ipv4.parse("172.16.112.130"), "ens33", false);
        assertEquals(a.key(), b.key());
        assertEquals(new Neighbour(Ipv4.parse("10.1.1.0"), MAC_2, "flannel.1").key(),
                new Neighbour(Ipv4.parse("10.1.1.0"), MAC_3, "flannel.1").key());
        assertNotEquals(new Neighbour(Ipv4.parse("10.1.1.0"), MAC_2, "flannel.1").key(),
                new Neighbour(Ipv4.parse("10.1.1.0"), MAC_2, "flannel.2").key());
        assertEquals(new FdbEntry(MAC_3, "flannel.1", Ipv4.parse("1.1.1.1")).key(),
                new FdbEntry(MAC_3, "flannel.1", Ipv4.parse("2.2.2.2")).key());
        assertEquals(Phase.ROUTE, a.key().phase());
    }

    @Test
    void mtuChangeOfALinkIsAnUpdateInPlace() {
        Link smaller = Link.vxlan("flannel.1", 1, Ipv4.parse("172.16.112.133"), "ens33", 8472, 1400, MAC_2);
        assertEquals(Optional.empty(), smaller.replaceReason(VXLAN));
        assertEquals(Optional.empty(), Link.tun("flannel0", 1400).replaceReason(Link.tun("flannel0", 1472)));
    }

    @Test
    void incompatibleVxlanSettingsReplaceTheLinkAndSayWhy() {
        Link moved = Link.vxlan("flannel.1", 1, Ipv4.parse("172.16.112.140"), "ens33", 8472, 1450, MAC_2);
        assertEquals(Optional.of("local 172.16.112.133 -> 172.16.112.140"), moved.replaceReason(VXLAN));
        Link all = Link.vxlan("flannel.1", 2, Ipv4.parse("172.16.112.140"), "eth1", 4789, 1400, MAC_3);
        assertEquals(Optional.of("id 1 -> 2, local 172.16.112.133 -> 172.16.112.140, dev ens33 -> eth1,"
                + " dstport 8472 -> 4789, address 72:45:d3:56:86:48 -> d6:1a:65:fc:48:77"), all.replaceReason(VXLAN));
        Link tun = Link.tun("flannel.1", 1450);
        assertTrue(tun.replaceReason(VXLAN).orElseThrow().startsWith("type vxlan -> tun"));
    }

    @Test
    void forwarderReloadsForNewPeersAndRestartsForNewSettings() {
        Forwarder f = new Forwarder("flannel0", Ipv4.parse("192.0.2.11"), 8285, Cidr.parse("10.100.0.0/16"),
                Cidr.parse("10.100.1.0/24"), "/run/ovnet/flannel0.peers", 2);
        Forwarder morePeers = new Forwarder("flannel0", Ipv4.parse("192.0.2.11"), 8285, Cidr.parse("10.100.0.0/16"),
                Cidr.parse("10.100.1.0/24"), "/run/ovnet/flannel0.peers", 3);
        Forwarder otherPort = new Forwarder("flannel0", Ipv4.parse("192.0.2.11"), 8286, Cidr.parse("10.100.0.0/16"),
                Cidr.parse("10.100.1.0/24"), "/run/ovnet/flannel0.peers", 2);
        assertEquals(Optional.empty(), morePeers.replaceReason(f));
        assertEquals(Optional.of("settings changed, restart"), otherPort.replaceReason(f));
        assertEquals("forwarder flannel0 \u2192 1 peer", new Forwarder("flannel0", Ipv4.parse("192.0.2.11"), 8285,
                Cidr.parse("10.100.0.0/16"), Cidr.parse("10.100.1.0/24"), "/p", 1).describe());
        assertEquals("forwarder flannel0 \u2192 3 peers", morePeers.describe());
    }
}
