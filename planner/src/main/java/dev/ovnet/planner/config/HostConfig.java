package dev.ovnet.planner.config;

import dev.ovnet.planner.net.Cidr;
import dev.ovnet.planner.net.Cidr6;
import dev.ovnet.planner.net.Ipv4;
import dev.ovnet.planner.net.Ipv6;

/**
 * One entry of {@code hosts:}. {@code iface} and {@code subnet} may be null (interface holding the address;
 * lease chosen by ovnet). {@code netns} and {@code root} are already defaulted (docs/configuration.md). {@code ssh} is
 * the file's ssh defaults merged with this host's overrides. {@code line} is the 1-based line of the entry.
 * {@code address6} (the underlay IPv6 address, flannel's PublicIPv6) is set exactly when the network has a pool6;
 * {@code subnet6} pins the IPv6 lease and may be null. On an IPv6-only network {@code address} and {@code subnet} are
 * null.
 */
public record HostConfig(
        String name,
        Ipv4 address,
        String iface,
        Connection connection,
        String netns,
        String root,
        Cidr subnet,
        SshConfig ssh,
        int line,
        Ipv6 address6,
        Cidr6 subnet6) {

    /** A host of an IPv4-only network. */
    public HostConfig(String name, Ipv4 address, String iface, Connection connection, String netns, String root,
            Cidr subnet, SshConfig ssh, int line) {
        this(name, address, iface, connection, netns, root, subnet, ssh, line, null, null);
    }
}
