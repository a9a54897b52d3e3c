package dev.ovnet.planner.spi;

import dev.ovnet.planner.config.Connection;
import dev.ovnet.planner.config.HostConfig;
import dev.ovnet.planner.config.SshConfig;
import dev.ovnet.planner.net.IpAddress;
import dev.ovnet.planner.net.Ipv4;
import dev.ovnet.planner.net.Ipv6;

/**
 * How to reach one host: enough for a connector, nothing secret. {@code address6} is the host's underlay IPv6
 * address on a network with a pool6 (null otherwise); a host of an IPv6-only network has it and no {@code address}.
 */
public record HostTarget(String name, Connection connection, String netns, Ipv4 address, SshConfig ssh, String root,
        Ipv6 address6) {

    /** A host reached over IPv4 (or not over the network at all). */
    public HostTarget(String name, Connection connection, String netns, Ipv4 address, SshConfig ssh, String root) {
        this(name, connection, netns, address, ssh, root, null);
    }

    public static HostTarget of(HostConfig host) {
        return new HostTarget(host.name(), host.connection(), host.netns(), host.address(), host.ssh(), host.root(),
                host.address6());
    }

    /** The address to connect to: the IPv4 one, or the IPv6 one on an IPv6-only network; null without either. */
    public IpAddress reachAt() {
        return address != null ? address : address6;
    }
}
