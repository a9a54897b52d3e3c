package dev.ovnet.planner.config;

import dev.ovnet.planner.net.Cidr;
import dev.ovnet.planner.net.Ipv4;

/**
 * One entry of {@code hosts:}. {@code iface} and {@code subnet} may be null (interface holding the address;
 * lease chosen by ovnet). {@code netns} and {@code root} are already defaulted (docs/configuration.md). {@code ssh} is
 * the file's ssh defaults merged with this host's overrides. {@code line} is the 1-based line of the entry.
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
        int line) {
}
