package dev.ovnet.planner.desired;

import dev.ovnet.planner.net.Cidr;
import dev.ovnet.planner.net.Ipv4;
import dev.ovnet.planner.net.Mac;

/** A peer as another host needs to know it: its lease, underlay address and VTEP MAC (null unless vxlan). */
public record PeerEntry(String host, Cidr subnet, Ipv4 address, Mac mac) {

    public static PeerEntry of(HostSpec spec) {
        return new PeerEntry(spec.name(), spec.lease(), spec.address(), spec.mac());
    }
}
