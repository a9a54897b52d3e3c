package dev.ovnet.planner.desired;

import dev.ovnet.planner.net.Cidr;
import dev.ovnet.planner.net.Ipv4;
import dev.ovnet.planner.net.Mac;

/**
 * One host as the desired state sees it: name, underlay address, the file root, its lease and its VTEP MAC
 * (derived from the lease for vxlan, null otherwise), and the facts read from it.
 */
public record HostSpec(String name, Ipv4 address, String root, Cidr lease, Mac mac, HostFacts facts) {

    public HostSpec withFacts(HostFacts newFacts) {
        return new HostSpec(name, address, root, lease, mac, newFacts);
    }
}
