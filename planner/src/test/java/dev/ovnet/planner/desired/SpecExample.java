package dev.ovnet.planner.desired;

import dev.ovnet.planner.config.BackendType;
import dev.ovnet.planner.config.NetworkConfig;
import dev.ovnet.planner.model.IptablesChain;
import dev.ovnet.planner.net.Cidr;
import dev.ovnet.planner.net.Ipv4;
import dev.ovnet.planner.net.Mac;
import dev.ovnet.planner.testing.Fixtures;
import java.util.List;

/**
 * node-2 of the full example in docs/configuration.md and its two peers from the seed lab, spelled out literally: what
 * the expected objects of the desired-state tests are built from. The MACs are golden values of
 * {@code Mac.forLease("default", 1, S)}: if they change, every vxlan device of every existing network would be
 * replaced on upgrade.
 */
final class SpecExample {

    static final Cidr POOL = Cidr.parse("10.100.0.0/16");
    static final Cidr LEASE_1 = Cidr.parse("10.100.1.0/24");
    static final Cidr LEASE_2 = Cidr.parse("10.100.50.0/24");
    static final Cidr LEASE_3 = Cidr.parse("10.100.83.0/24");
    static final Ipv4 ADDRESS_1 = Ipv4.parse("172.16.112.128");
    static final Ipv4 ADDRESS_2 = Ipv4.parse("172.16.112.133");
    static final Ipv4 ADDRESS_3 = Ipv4.parse("172.16.112.130");
    static final Mac MAC_1 = Mac.parse("8e:92:f6:96:59:93");
    static final Mac MAC_2 = Mac.parse("e6:13:f8:89:3d:3b");
    static final Mac MAC_3 = Mac.parse("1a:6e:90:06:f7:b2");

    private SpecExample() {
    }

    static NetworkSpec network(BackendType type) {
        return NetworkSpec.of(Fixtures.specExample(type));
    }

    static NetworkSpec network(NetworkConfig config) {
        return NetworkSpec.of(config);
    }

    /** Every host of the example as a peer entry, sorted by subnet (node-2 itself included, as the planner does). */
    static List<PeerEntry> peers(BackendType type) {
        boolean vxlan = type == BackendType.VXLAN;
        return List.of(new PeerEntry("node-1", LEASE_1, ADDRESS_1, vxlan ? MAC_1 : null),
                new PeerEntry("node-2", LEASE_2, ADDRESS_2, vxlan ? MAC_2 : null),
                new PeerEntry("node-3", LEASE_3, ADDRESS_3, vxlan ? MAC_3 : null));
    }

    static HostSpec node2(BackendType type) {
        return new HostSpec("node-2", ADDRESS_2, "/", LEASE_2, type == BackendType.VXLAN ? MAC_2 : null,
                Fixtures.facts("ens33", 1500, "172.16.112.0/24"));
    }

    static DesiredHost desired(BackendType type) {
        return DesiredState.forHost(network(type), node2(type), peers(type));
    }

    static IptablesChain forwardChain() {
        String c = " -m comment --comment \"ovnet forward\"";
        return new IptablesChain("filter", "OVNET-FWD", "FORWARD", "-A FORWARD" + c + " -j OVNET-FWD",
                List.of("-A OVNET-FWD -s 10.100.0.0/16" + c + " -j ACCEPT",
                        "-A OVNET-FWD -d 10.100.0.0/16" + c + " -j ACCEPT"));
    }

    /**
     * flannel's masquerade rules after the jump, in flannel's order (docs/flannel-compatibility.md), with ovnet's
     * chain name and comment.
     */
    static IptablesChain masqueradeChain(boolean randomFully) {
        String c = " -m comment --comment \"ovnet masq\"";
        String masq = randomFully ? " -j MASQUERADE --random-fully" : " -j MASQUERADE";
        return new IptablesChain("nat", "OVNET-POSTRTG", "POSTROUTING", "-A POSTROUTING" + c + " -j OVNET-POSTRTG",
                List.of("-A OVNET-POSTRTG -m mark --mark 0x4000/0x4000" + c + " -j RETURN",
                        "-A OVNET-POSTRTG -s 10.100.50.0/24 -d 10.100.0.0/16" + c + " -j RETURN",
                        "-A OVNET-POSTRTG -s 10.100.0.0/16 -d 10.100.50.0/24" + c + " -j RETURN",
                        "-A OVNET-POSTRTG ! -s 10.100.0.0/16 -d 10.100.50.0/24" + c + " -j RETURN",
                        "-A OVNET-POSTRTG -s 10.100.0.0/16 ! -d 224.0.0.0/4" + c + masq,
                        "-A OVNET-POSTRTG ! -s 10.100.0.0/16 -d 10.100.0.0/16" + c + masq));
    }

    static String subnetEnv(int mtu) {
        return "FLANNEL_NETWORK=10.100.0.0/16\nFLANNEL_SUBNET=10.100.50.1/24\nFLANNEL_MTU=" + mtu
                + "\nFLANNEL_IPMASQ=true\n";
    }

    static String dockerOpts(int mtu) {
        return "DOCKER_OPT_BIP=\"--bip=10.100.50.1/24\"\n"
                + "DOCKER_OPT_IPMASQ=\"--ip-masq=false\"\n"
                + "DOCKER_OPT_MTU=\"--mtu=" + mtu + "\"\n"
                + "DOCKER_OPTS=\" --bip=10.100.50.1/24 --ip-masq=false --mtu=" + mtu + "\"\n";
    }
}
