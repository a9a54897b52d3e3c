package dev.ovnet.planner.state;

import dev.ovnet.planner.config.Connection;
import dev.ovnet.planner.desired.HostFacts;
import dev.ovnet.planner.desired.HostSpec;
import dev.ovnet.planner.model.KernelObject;
import dev.ovnet.planner.net.Cidr;
import dev.ovnet.planner.net.Cidr6;
import dev.ovnet.planner.net.IpAddress;
import dev.ovnet.planner.net.IpNetwork;
import dev.ovnet.planner.net.Ipv4;
import dev.ovnet.planner.net.Ipv6;
import dev.ovnet.planner.net.Mac;
import java.util.List;

/**
 * One host in the state: its lease and identity, how it was reached (so that a host removed from the file can
 * still be cleaned up), the facts last read from it, and what it holds. {@code objects} is null when the host
 * holds exactly the objects derived from the state's network and hosts (the usual case, which keeps the state
 * linear in the number of hosts); otherwise it lists every object ovnet made there. {@code address6}, {@code lease6}
 * and {@code mac6} are the IPv6 side of a dual-stack host, all null otherwise.
 */
public record HostState(
        String name,
        Ipv4 address,
        Connection connection,
        String netns,
        String root,
        Cidr lease,
        Mac mac,
        HostFacts facts,
        HostStatus status,
        long appliedSerial,
        String appliedAt,
        List<KernelObject> objects,
        Ipv6 address6,
        Cidr6 lease6,
        Mac mac6) {

    public HostState {
        objects = objects == null ? null : List.copyOf(objects);
    }

    /** A host of an IPv4-only network. */
    public HostState(String name, Ipv4 address, Connection connection, String netns, String root, Cidr lease, Mac mac,
            HostFacts facts, HostStatus status, long appliedSerial, String appliedAt, List<KernelObject> objects) {
        this(name, address, connection, netns, root, lease, mac, facts, status, appliedSerial, appliedAt, objects,
                null, null, null);
    }

    public HostSpec spec() {
        return new HostSpec(name, address, root, lease, mac, facts, address6, lease6, mac6);
    }

    /** The lease to name the host by: the IPv4 one, or the IPv6 one on an IPv6-only network. */
    public IpNetwork mainLease() {
        return lease != null ? lease : lease6;
    }

    /** The underlay address to name the host by: the IPv4 one, or address6 on an IPv6-only network. */
    public IpAddress mainAddress() {
        return address != null ? address : address6;
    }

    public boolean derived() {
        return objects == null;
    }

    public HostState with(HostStatus newStatus, List<KernelObject> newObjects, long serial, String at) {
        return new HostState(name, address, connection, netns, root, lease, mac, facts, newStatus, serial, at,
                newObjects, address6, lease6, mac6);
    }
}
