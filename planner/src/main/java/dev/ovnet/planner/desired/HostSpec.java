package dev.ovnet.planner.desired;

import dev.ovnet.planner.net.Cidr;
import dev.ovnet.planner.net.Cidr6;
import dev.ovnet.planner.net.Ipv4;
import dev.ovnet.planner.net.Ipv6;
import dev.ovnet.planner.net.Mac;

/**
 * One host as the desired state sees it: name, underlay address, the file root, its lease and its VTEP MAC
 * (derived from the lease for vxlan, null otherwise), and the facts read from it. On a dual-stack network also its
 * underlay IPv6 address, IPv6 lease and the MAC of its IPv6 vxlan device (derived from the IPv6 lease); null otherwise.
 */
public record HostSpec(String name, Ipv4 address, String root, Cidr lease, Mac mac, HostFacts facts, Ipv6 address6,
        Cidr6 lease6, Mac mac6) {

    /** A host of an IPv4-only network. */
    public HostSpec(String name, Ipv4 address, String root, Cidr lease, Mac mac, HostFacts facts) {
        this(name, address, root, lease, mac, facts, null, null, null);
    }

    public HostSpec withFacts(HostFacts newFacts) {
        return new HostSpec(name, address, root, lease, mac, newFacts, address6, lease6, mac6);
    }

    public boolean dualStack() {
        return lease6 != null;
    }
}
