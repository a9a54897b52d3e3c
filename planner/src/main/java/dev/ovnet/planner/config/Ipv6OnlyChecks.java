package dev.ovnet.planner.config;

import java.util.List;

/**
 * An IPv6-only network: pool6 given and pool left out. The IPv4 keys then have nothing to belong to and are refused
 * where they are written (subnetLength, subnetMin, subnetMax, a host's address and subnet, lab.segments), and the lab
 * needs segments6, since its hosts have no IPv4 underlay to share.
 */
final class Ipv6OnlyChecks {

    private static final List<String> POOL_KEYS = List.of("subnetLength", "subnetMin", "subnetMax");

    private Ipv6OnlyChecks() {
    }

    /** True when the network block leaves out pool but gives pool6: the network carries IPv6 only. */
    static boolean ipv6Only(YamlMapping network) {
        return !network.given("pool") && network.key("pool") == null && network.given("pool6");
    }

    /** The pool's own keys, which an IPv6-only network cannot use. */
    static void network(YamlMapping network, Problems problems) {
        for (String key : POOL_KEYS) {
            if (network.key(key) != null) {
                problems.at(network.key(key), network.child(key) + " belongs to pool, which this IPv6-only network"
                        + " leaves out", "remove " + key + " (the IPv6 subnets take " + key + "6), or add pool: "
                        + "10.100.0.0/16 to make the network dual-stack");
            }
        }
    }

    /** A host's IPv4 keys in an IPv6-only network. */
    static void host(YamlMapping block, Problems problems) {
        for (String key : List.of("address", "subnet")) {
            if (block.key(key) != null) {
                problems.at(block.key(key), block.child(key) + " is IPv4, but the network has no pool (IPv6 only)",
                        "remove " + key + " and give the host's IPv6 " + (key.equals("address")
                                ? "underlay address as address6" : "pin as subnet6") + ", or add network.pool"
                                + " to make the network dual-stack");
            }
        }
    }

    /** The lab of an IPv6-only network: one IPv6 segment or more, no IPv4 one. */
    static void lab(PartialConfig draft, Problems problems) {
        if (draft.lab == null || !draft.ipv6Only) {
            return;
        }
        if (!draft.segments.isEmpty()) {
            problems.at(draft.segments.get(0).node(), "lab.segments are IPv4, but the network has no pool (IPv6 only)",
                    "write the lab's underlay as segments6, e.g. segments6: [" + Lab6Reader.EXAMPLE + "]");
        } else if (draft.lab.segments6().isEmpty() && draft.segmentsKnown) {
            problems.at(draft.labNode, "lab has no segments6, which an IPv6-only network needs for its underlay",
                    "add segments6: [" + Lab6Reader.EXAMPLE + "] to lab and give each host an address6 inside it");
        }
    }
}
