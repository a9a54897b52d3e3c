package dev.ovnet.providers.state;

import dev.ovnet.planner.config.Backend;
import dev.ovnet.planner.config.BackendType;
import dev.ovnet.planner.config.Connection;
import dev.ovnet.planner.config.ContainerRuntime;
import dev.ovnet.planner.desired.HostFacts;
import dev.ovnet.planner.desired.NetworkSpec;
import dev.ovnet.planner.model.Address;
import dev.ovnet.planner.model.FdbEntry;
import dev.ovnet.planner.model.FileObject;
import dev.ovnet.planner.model.Forwarder;
import dev.ovnet.planner.model.IptablesChain;
import dev.ovnet.planner.model.KernelObject;
import dev.ovnet.planner.model.Link;
import dev.ovnet.planner.model.Neighbour;
import dev.ovnet.planner.model.Route;
import dev.ovnet.planner.model.Sysctl;
import dev.ovnet.planner.model.WireguardKey;
import dev.ovnet.planner.model.WireguardPeer;
import dev.ovnet.planner.net.Cidr;
import dev.ovnet.planner.net.Ipv4;
import dev.ovnet.planner.net.Mac;
import dev.ovnet.planner.state.HostState;
import dev.ovnet.planner.state.HostStatus;
import dev.ovnet.planner.state.State;
import java.util.ArrayList;
import java.util.List;

/** States for the store and codec tests; every field holds a value that differs from its type's default. */
final class StateFixtures {

    static final String LINEAGE = "3f1c2a8e-5b7d-4c1e-9a0f-6d2b8e4c7a11";

    private StateFixtures() {
    }

    static NetworkSpec vxlanNetwork() {
        return new NetworkSpec("demo", Cidr.parse("10.100.0.0/16"), 24, new Backend(BackendType.VXLAN, 7, 8472, true),
                1400, true, ContainerRuntime.CNI);
    }

    /** A wireguard public key (of a throwaway key pair). */
    static final String WG_KEY = "YOWtWrIm0pSyI1S1cBrLBLV3XpEJrc1b1ATbOFpfkSs=";

    /** The root of host 2, the host of {@link #sample} that lists its objects. */
    static final String ROOT_2 = root(2);

    /** The root of host {@code i}. */
    static String root(int i) {
        return "/run/ovnet/netns/node-" + i;
    }

    /**
     * One host holding every kind of kernel object, with nulls where a type allows them: all of them objects ovnet
     * could have made on host 2 (its files under its root, ovnet's chains with their jumps), as a reader refuses
     * any other.
     */
    static List<KernelObject> everyKind() {
        return everyKind(ROOT_2);
    }

    /** As {@link #everyKind()}, for a host whose root is {@code root}. */
    static List<KernelObject> everyKind(String root) {
        return List.of(
                new Sysctl("net.ipv4.ip_forward", "1"),
                Link.vxlan("flannel.7", 7, Ipv4.parse("192.0.2.11"), "eth0", 8472, 1450,
                        Mac.parse("aa:bb:cc:dd:ee:ff")),
                Link.tun("flannel0", 1472),
                new Address("flannel.7", Cidr.parse("10.100.50.0/32")),
                new Neighbour(Ipv4.parse("10.100.51.0"), Mac.parse("02:00:00:00:00:51"), "flannel.7"),
                new FdbEntry(Mac.parse("02:00:00:00:00:51"), "flannel.7", Ipv4.parse("192.0.2.12")),
                new Route(Cidr.parse("10.100.51.0/24"), Ipv4.parse("10.100.51.0"), "flannel.7", true),
                new Route(Cidr.parse("10.100.0.0/16"), null, "flannel0", false),
                new IptablesChain("nat", "OVNET-POSTRTG", "POSTROUTING", "-A POSTROUTING -m comment --comment "
                        + "\"ovnet masq\" -j OVNET-POSTRTG", List.of("-A OVNET-POSTRTG -m mark --mark 0x4000/0x4000 "
                        + "-j RETURN", "-A OVNET-POSTRTG -s 10.100.0.0/16 ! -d 224.0.0.0/4 -j MASQUERADE "
                        + "--random-fully")),
                new IptablesChain("filter", "OVNET-FWD", "FORWARD", "-A FORWARD -m comment --comment "
                        + "\"ovnet forward\" -j OVNET-FWD", List.of()),
                new FileObject(root + "/run/flannel/subnet.env", "FLANNEL_NETWORK=10.100.0.0/16\n"
                        + "FLANNEL_SUBNET=10.100.50.1/24\n\"quoted\" \\ tab\t \u00e9\u2192\n", 0644),
                new FileObject(root + "/run/ovnet/flannel0.peers", "", 0600),
                new Forwarder("flannel0", Ipv4.parse("192.0.2.11"), 8285, Cidr.parse("10.100.0.0/16"),
                        Cidr.parse("10.100.50.0/24"), root + "/run/ovnet/flannel0.peers", 3),
                new WireguardKey(root + "/etc/ovnet/wireguard.key", WG_KEY, false),
                new WireguardKey(root + "/etc/ovnet/wireguard.key", null, true),
                Link.wireguard("flannel-wg", true, 51820, 1420),
                new WireguardPeer("flannel-wg", WG_KEY, Ipv4.parse("192.0.2.12"), 51820, Cidr.parse("10.100.51.0/24"),
                        true, 25),
                new WireguardPeer("flannel-wg", null, Ipv4.parse("192.0.2.13"), 51820, Cidr.parse("10.100.52.0/24"),
                        false, 0));
    }

    static HostState host(int i, HostStatus status, List<KernelObject> objects) {
        Cidr lease = new Cidr(Ipv4.parse("10.100.0.0").plus((long) (i + 1) << 8), 24);
        return new HostState(String.format("node-%04d", i), Ipv4.parse("172.16.0.0").plus(i + 10),
                Connection.NETNS, "ovs-node-" + i, root(i), lease,
                Mac.forLease("demo", 7, lease),
                new HostFacts("eth" + (i % 3), 9000 - i % 7, Cidr.parse("172.16.0.0/12"), i % 2 == 0, i % 5 == 0),
                status, 40 + i, "2025-03-01T12:00:" + String.format("%02d", i % 60) + "Z", objects);
    }

    /** Two hosts: one derived (objects null), one listing every kind of object. */
    static State sample(long serial) {
        return new State(State.FORMAT_VERSION, serial, LINEAGE, vxlanNetwork(),
                List.of(host(1, HostStatus.APPLIED, null), host(2, HostStatus.PARTIAL, everyKind())));
    }

    /** {@code n} hosts, all derived: the usual state of a large network. */
    static State derived(int n, long serial) {
        List<HostState> hosts = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            hosts.add(host(i, HostStatus.APPLIED, null));
        }
        return new State(State.FORMAT_VERSION, serial, LINEAGE, vxlanNetwork(), hosts);
    }

    static State next(State state) {
        return new State(state.version(), state.serial() + 1, state.lineage(), state.network(), state.hosts());
    }
}
