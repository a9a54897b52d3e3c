package dev.ovnet.planner.desired;

import dev.ovnet.planner.net.Cidr;
import dev.ovnet.planner.net.Cidr6;

/**
 * What ovnet learned about a host's underlay by reading it: the interface holding the host's address, its MTU,
 * the network of that address (its L2 segment, null when unknown) and whether its iptables supports
 * {@code --random-fully}. Recorded in the state so that a plan without refresh knows them. Before a host was
 * ever read, {@link #assumed} stands in (eth0 or the configured iface, MTU 1500) and the plan says so.
 *
 * <p>{@code forwarderBuild} is the build of the udp forwarder that runs (or is to run) on the host: the sha256 of
 * the ovnet jar, null when not known or not a udp host. It is not read from the underlay; the caller states it
 * ({@code Planner.Inputs}) and the state records the one last applied, so a new ovnet build restarts the
 * forwarder even in a plan without refresh.
 *
 * <p>{@code segment6} is the IPv6 network of the host's address6 on that interface (null when unknown or not
 * dual-stack): what directRouting compares IPv6 peers against.
 *
 * <p>{@code wireguard} is what a host offers the wireguard backend and its public key; null where it was not
 * read (not a wireguard network, or never read).
 */
public record HostFacts(String iface, int mtu, Cidr segment, boolean randomFully, boolean assumed,
        String forwarderBuild, Cidr6 segment6, WireguardFacts wireguard) {

    public HostFacts(String iface, int mtu, Cidr segment, boolean randomFully, boolean assumed) {
        this(iface, mtu, segment, randomFully, assumed, null, null, null);
    }

    public HostFacts(String iface, int mtu, Cidr segment, boolean randomFully, boolean assumed,
            String forwarderBuild) {
        this(iface, mtu, segment, randomFully, assumed, forwarderBuild, null, null);
    }

    public HostFacts(String iface, int mtu, Cidr segment, boolean randomFully, boolean assumed,
            String forwarderBuild, Cidr6 segment6) {
        this(iface, mtu, segment, randomFully, assumed, forwarderBuild, segment6, null);
    }

    public HostFacts withSegment6(Cidr6 newSegment6) {
        return new HostFacts(iface, mtu, segment, randomFully, assumed, forwarderBuild, newSegment6, wireguard);
    }

    public HostFacts withWireguard(WireguardFacts facts) {
        return new HostFacts(iface, mtu, segment, randomFully, assumed, forwarderBuild, segment6, facts);
    }

    /** The host's wireguard public key as last read, or null. */
    public String wireguardKey() {
        return wireguard == null ? null : wireguard.publicKey();
    }

    public static HostFacts assumed(String configuredIface) {
        return new HostFacts(configuredIface == null ? "eth0" : configuredIface, 1500, null, true, true);
    }

    public HostFacts withForwarderBuild(String build) {
        return new HostFacts(iface, mtu, segment, randomFully, assumed, build, segment6, wireguard);
    }
}
