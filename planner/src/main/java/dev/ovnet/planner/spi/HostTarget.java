package dev.ovnet.planner.spi;

import dev.ovnet.planner.config.Connection;
import dev.ovnet.planner.config.HostConfig;
import dev.ovnet.planner.config.SshConfig;
import dev.ovnet.planner.net.Ipv4;

/** How to reach one host: enough for a connector, nothing secret. */
public record HostTarget(String name, Connection connection, String netns, Ipv4 address, SshConfig ssh, String root) {

    public static HostTarget of(HostConfig host) {
        return new HostTarget(host.name(), host.connection(), host.netns(), host.address(), host.ssh(), host.root());
    }
}
