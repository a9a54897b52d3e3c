package dev.ovnet.planner.desired;

import static dev.ovnet.planner.desired.SpecExample.ADDRESS_1;
import static dev.ovnet.planner.desired.SpecExample.ADDRESS_2;
import static dev.ovnet.planner.desired.SpecExample.ADDRESS_3;
import static dev.ovnet.planner.desired.SpecExample.LEASE_1;
import static dev.ovnet.planner.desired.SpecExample.LEASE_2;
import static dev.ovnet.planner.desired.SpecExample.LEASE_3;
import static dev.ovnet.planner.desired.SpecExample.MAC_1;
import static dev.ovnet.planner.desired.SpecExample.MAC_2;
import static dev.ovnet.planner.desired.SpecExample.MAC_3;
import static dev.ovnet.planner.desired.SpecExample.POOL;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ovnet.planner.config.BackendType;
import dev.ovnet.planner.config.NetworkConfig;
import dev.ovnet.planner.model.Address;
import dev.ovnet.planner.model.FdbEntry;
import dev.ovnet.planner.model.FileObject;
import dev.ovnet.planner.model.Forwarder;
import dev.ovnet.planner.model.KernelObject;
import dev.ovnet.planner.model.Link;
import dev.ovnet.planner.model.Neighbour;
import dev.ovnet.planner.model.Route;
import dev.ovnet.planner.model.Sysctl;
import dev.ovnet.planner.net.Cidr;
import dev.ovnet.planner.net.Ipv4;
import dev.ovnet.planner.net.Mac;
import dev.ovnet.planner.testing.Fixtures;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What a host gets (docs/backends.md) for node-2 of the full example in docs/configuration.md (10.100.50.0/24 at
 * 172.16.112.133 on ens33, MTU 1500), one backend at a time, compared object by object with literal records written
 * from docs/backends.md, docs/flannel-compatibility.md and the seed captures.
 */
class DesiredStateBackendTest {

    private static final Sysctl FORWARDING = new Sysctl("net.ipv4.ip_forward", "1");

    @Test
    void vxlanNode2() {
        DesiredHost host = SpecExample.desired(BackendType.VXLAN);
        assertObjects(List.of(
                FORWARDING,
                Link.vxlan("flannel.1", 1, ADDRESS_2, "ens33", 8472, 1450, MAC_2),
                new Address("flannel.1", Cidr.parse("10.100.50.0/32")),
                SpecExample.forwardChain(),
                SpecExample.masqueradeChain(true),
                new FileObject("/run/docker_opts.env", SpecExample.dockerOpts(1450), 0644),
                new FileObject("/run/flannel/subnet.env", SpecExample.subnetEnv(1450), 0644)),
                host.hostObjects());
        assertObjects(List.of(
                new Neighbour(Ipv4.parse("10.100.1.0"), MAC_1, "flannel.1"),
                new FdbEntry(MAC_1, "flannel.1", ADDRESS_1),
                new Route(LEASE_1, Ipv4.parse("10.100.1.0"), "flannel.1", true),
                new Neighbour(Ipv4.parse("10.100.83.0"), MAC_3, "flannel.1"),
                new FdbEntry(MAC_3, "flannel.1", ADDRESS_3),
                new Route(LEASE_3, Ipv4.parse("10.100.83.0"), "flannel.1", true)),
                peerObjects(host));
        assertEquals(List.of("node-1", "node-3"), host.peers().stream().map(PeerEntry::host).toList());
    }

    @Test
    void vxlanWithDirectRoutingUsesPlainRoutesOnlyForPeersOnTheSameSegment() {
        NetworkConfig config = Fixtures.builder(Fixtures.specExample(BackendType.VXLAN)).directRouting(true).build();
        Cidr lease4 = Cidr.parse("10.100.84.0/24");
        Ipv4 address4 = Ipv4.parse("198.51.100.7");
        Mac mac4 = Mac.forLease("default", 1, lease4);
        List<PeerEntry> peers = new ArrayList<>(SpecExample.peers(BackendType.VXLAN));
        peers.add(new PeerEntry("node-4", lease4, address4, mac4));
        DesiredHost host = DesiredState.forHost(NetworkSpec.of(config), SpecExample.node2(BackendType.VXLAN), peers);
        assertEquals(SpecExample.desired(BackendType.VXLAN).hostObjects(), host.hostObjects());
        assertObjects(List.of(
                new Route(LEASE_1, ADDRESS_1, "ens33", false),
                new Route(LEASE_3, ADDRESS_3, "ens33", false),
                new Neighbour(Ipv4.parse("10.100.84.0"), mac4, "flannel.1"),
                new FdbEntry(mac4, "flannel.1", address4),
                new Route(lease4, Ipv4.parse("10.100.84.0"), "flannel.1", true)),
                peerObjects(host));
    }

    @Test
    void directRoutingWithAnUnknownSegmentKeepsEveryPeerOnVxlan() {
        NetworkConfig config = Fixtures.builder(Fixtures.specExample(BackendType.VXLAN)).directRouting(true).build();
        HostSpec unknown = SpecExample.node2(BackendType.VXLAN).withFacts(HostFacts.assumed("ens33"));
        DesiredHost host = DesiredState.forHost(NetworkSpec.of(config), unknown, SpecExample.peers(BackendType.VXLAN));
        assertEquals(6, peerObjects(host).size());
        assertEquals(SpecExample.desired(BackendType.VXLAN).allObjects().subList(7, 13), peerObjects(host));
    }

    @Test
    void hostGwNode2() {
        DesiredHost host = SpecExample.desired(BackendType.HOST_GW);
        assertObjects(List.of(
                FORWARDING,
                SpecExample.forwardChain(),
                SpecExample.masqueradeChain(true),
                new FileObject("/run/docker_opts.env", SpecExample.dockerOpts(1500), 0644),
                new FileObject("/run/flannel/subnet.env", SpecExample.subnetEnv(1500), 0644)),
                host.hostObjects());
        assertObjects(List.of(
                new Route(LEASE_1, ADDRESS_1, "ens33", false),
                new Route(LEASE_3, ADDRESS_3, "ens33", false)),
                peerObjects(host));
    }

    @Test
    void udpNode2() {
        DesiredHost host = SpecExample.desired(BackendType.UDP);
        String peerFile = "/run/ovnet/flannel0.peers";
        assertObjects(List.of(
                FORWARDING,
                Link.tun("flannel0", 1472),
                new Address("flannel0", Cidr.parse("10.100.50.0/32")),
                new Route(POOL, null, "flannel0", false),
                SpecExample.forwardChain(),
                SpecExample.masqueradeChain(true),
                new FileObject("/run/docker_opts.env", SpecExample.dockerOpts(1472), 0644),
                new FileObject("/run/flannel/subnet.env", SpecExample.subnetEnv(1472), 0644),
                new FileObject(peerFile, "# ovnet forwarder peers: <subnet> <address>:<port>\n"
                        + "10.100.1.0/24 172.16.112.128:8285\n"
                        + "10.100.83.0/24 172.16.112.130:8285\n", 0644),
                new Forwarder("flannel0", ADDRESS_2, 8285, POOL, LEASE_2, peerFile, 2)),
                host.hostObjects());
        assertEquals(List.of(), peerObjects(host));
        assertEquals(2, host.peers().size());
    }

    @Test
    void udpOnAnotherPortTellsTheForwarderAndThePeerTable() {
        NetworkConfig config = Fixtures.builder(Fixtures.specExample(BackendType.UDP)).port(9000).build();
        DesiredHost host = DesiredState.forHost(NetworkSpec.of(config), SpecExample.node2(BackendType.UDP),
                SpecExample.peers(BackendType.UDP));
        Forwarder forwarder = (Forwarder) host.hostObjects().get(host.hostObjects().size() - 1);
        assertEquals(9000, forwarder.port());
        FileObject table = (FileObject) host.hostObjects().get(host.hostObjects().size() - 2);
        assertEquals("# ovnet forwarder peers: <subnet> <address>:<port>\n10.100.1.0/24 172.16.112.128:9000\n"
                + "10.100.83.0/24 172.16.112.130:9000\n", table.content());
    }

    @Test
    void vxlanVniAndPortNameTheDevice() {
        NetworkConfig config = Fixtures.builder(Fixtures.specExample(BackendType.VXLAN)).vni(42).port(4789).build();
        HostSpec self = SpecExample.node2(BackendType.VXLAN);
        DesiredHost host = DesiredState.forHost(NetworkSpec.of(config), self, SpecExample.peers(BackendType.VXLAN));
        assertEquals(Link.vxlan("flannel.42", 42, ADDRESS_2, "ens33", 4789, 1450, MAC_2), host.hostObjects().get(1));
        assertEquals(new Route(LEASE_1, Ipv4.parse("10.100.1.0"), "flannel.42", true), peerObjects(host).get(2));
    }

    static List<KernelObject> peerObjects(DesiredHost host) {
        List<KernelObject> out = new ArrayList<>();
        for (PeerEntry peer : host.peers()) {
            List<KernelObject> objects = host.peerObjects(peer);
            assertEquals(PeerObjects.count(host.context(), peer), objects.size(), "count for " + peer);
            out.addAll(objects);
        }
        return out;
    }

    /** Element by element, so a failure names the one object that differs. */
    static void assertObjects(List<? extends KernelObject> expected, List<? extends KernelObject> actual) {
        for (int i = 0; i < Math.min(expected.size(), actual.size()); i++) {
            assertEquals(expected.get(i), actual.get(i), "object " + i);
        }
        assertEquals(expected, actual);
    }
}
