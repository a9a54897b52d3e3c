package dev.ovnet.planner.desired;

import dev.ovnet.planner.net.Cidr;

/**
 * What ovnet learned about a host's underlay by reading it: the interface holding the host's address, its MTU,
 * the network of that address (its L2 segment, null when unknown) and whether its iptables supports
 * {@code --random-fully}. Recorded in the state so that a plan without refresh knows them. Before a host was
 * ever read, {@link #assumed} stands in (eth0 or the configured iface, MTU 1500) and the plan says so.
 */
public record HostFacts(String iface, int mtu, Cidr segment, boolean randomFully, boolean assumed) {

    public static HostFacts assumed(String configuredIface) {
        return new HostFacts(configuredIface == null ? "eth0" : configuredIface, 1500, null, true, true);
    }
}
