package dev.ovnet.planner.config;

import dev.ovnet.planner.config.PartialConfig.HostDraft;
import dev.ovnet.planner.net.Cidr6;
import dev.ovnet.planner.net.Ipv6;
import java.math.BigInteger;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The checks of a dual-stack file that span blocks or hosts: udp carries IPv4 only (as in flannel), the IPv6 vxlan
 * device's name {@code flannel-v6.<vni>} fits Linux's 15 characters (vni up to 9999), every host has
 * an address6, no two hosts share an address6 or a pinned subnet6, pool6 between subnetMin6 and subnetMax6 holds a
 * subnet for every host, and with lab.segments6 every address6 lies in the IPv6 network of its IPv4 segment.
 */
final class Ipv6Checks {

    private Ipv6Checks() {
    }

    static void check(PartialConfig draft, Problems problems) {
        if (draft.pool6 == null) {
            return;
        }
        if (draft.backend != null && draft.backend.type() == BackendType.UDP) {
            problems.at(draft.pool6.node(), "network.pool6 is given, but backend udp carries IPv4 only",
                    draft.ipv6Only
                    ? "use backend type vxlan or host-gw for an IPv6-only network"
                    : "use backend type vxlan or host-gw for a dual-stack network, or remove pool6");
        }
        if (draft.ipv6Only && draft.backend != null && draft.backend.type() == BackendType.WIREGUARD) {
            problems.at(draft.pool6.node(), "network.pool6 without pool: ovnet's wireguard backend needs an IPv4"
                    + " pool beside pool6 (the IPv6 device flannel-wg-v6 rides next to flannel-wg, as in flannel's"
                    + " separate mode)", "add pool: 10.100.0.0/16 to make the network dual-stack, or use backend"
                    + " type vxlan or host-gw for an IPv6-only network");
        }
        if (draft.backend != null && draft.backend.type() == BackendType.VXLAN
                && draft.backend.deviceName6().length() > 15) {
            problems.at(draft.pool6.node(), "network.pool6 needs the device " + draft.backend.deviceName6()
                    + ", whose name is longer than Linux's 15 characters", "use a backend vni of 9999 or less on a"
                    + " dual-stack network");
        }
        for (HostDraft host : draft.hosts) {
            if (!host.address6Given) {
                problems.at(host.node, host.label() + " has no address6, which network.pool6 requires",
                        "add address6: the host's underlay IPv6 address other hosts reach it at, e.g. "
                                + Subnet6Rules.ADDRESS_EXAMPLE);
            }
        }
        CrossChecks.unique(draft, h -> h.address6, "address6", "is also the address6 of",
                "every host needs its own underlay IPv6 address", Set.of(), new HashSet<>(), problems);
        CrossChecks.unique(draft, h -> h.subnet6, "subnet6", "is already pinned to",
                "pin another subnet6, or remove the key to let ovnet choose", Set.of(), new HashSet<>(), problems);
        poolSize(draft, problems);
        if (draft.lab != null && !draft.lab.segments6().isEmpty()) {
            segments(draft, problems);
        }
    }

    private static void poolSize(PartialConfig draft, Problems problems) {
        Ipv6Network range = draft.ipv6;
        if (range == null) {
            return;
        }
        BigInteger count = range.capacity();
        if (count.compareTo(BigInteger.valueOf(draft.hosts.size())) >= 0) {
            return;
        }
        int bits = 64 - Long.numberOfLeadingZeros(draft.hosts.size());
        Cidr6 pool = range.pool();
        int prefix = Math.max(0, range.subnetLength() - bits);
        problems.at(draft.pool6.node(), "network.pool6 " + pool + " has room for " + count + " subnet"
                + (count.equals(BigInteger.ONE) ? "" : "s") + " of /" + range.subnetLength() + " (" + range.subnetMin()
                + " to " + range.subnetMax() + "), but there are " + draft.hosts.size() + " hosts",
                "use a larger pool6 such as " + new Cidr6(pool.network().masked(prefix), prefix)
                        + ", or a wider range from subnetMin6 to subnetMax6");
    }

    /**
     * Each address6 in the segments6 entry at the index of the host's IPv4 segment (on an IPv6-only network, in some
     * entry of segments6: the hosts have no IPv4 segment).
     */
    private static void segments(PartialConfig draft, Problems problems) {
        List<Cidr6> segments6 = draft.lab.segments6();
        for (HostDraft host : draft.hosts) {
            if (host.address6 == null) {
                continue;
            }
            Ipv6 address = host.address6.value();
            int index = 0;
            if (host.address != null && draft.lab.segments().size() > 1) {
                index = Math.max(0, draft.lab.segments().indexOf(CrossChecks.segmentOf(host.address.value(),
                        draft.lab.segments())));
            } else if (draft.ipv6Only) {
                // no IPv4 segment to follow: the host's segment is the IPv6 one that holds its address6
                for (int i = 0; i < segments6.size(); i++) {
                    if (segments6.get(i).contains(address)) {
                        index = i;
                    }
                }
            }
            Cidr6 segment = segments6.get(Math.min(index, segments6.size() - 1));
            String path = host.label() + ".address6 " + address;
            if (!segment.contains(address)) {
                problems.at(host.address6.node(), path + " is not in " + segment + ", the IPv6 network of this"
                        + " host's lab segment", "write an address inside " + segment + ", e.g. " + segment.host(0x11));
            } else if (address.equals(segment.network()) || segments6.size() > 1 && address.equals(segment.host(1))) {
                problems.at(host.address6.node(), path + " is the " + (address.equals(segment.network())
                        ? "subnet-router anycast address" : "lab router's address") + " of " + segment,
                        "write another address inside " + segment + ", e.g. " + segment.host(0x11));
            }
        }
    }
}
