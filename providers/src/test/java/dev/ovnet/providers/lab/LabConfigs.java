package dev.ovnet.providers.lab;

import dev.ovnet.planner.config.Backend;
import dev.ovnet.planner.config.BackendType;
import dev.ovnet.planner.config.Connection;
import dev.ovnet.planner.config.ContainerRuntime;
import dev.ovnet.planner.config.HostConfig;
import dev.ovnet.planner.config.LabConfig;
import dev.ovnet.planner.config.NetworkConfig;
import dev.ovnet.planner.config.SshConfig;
import dev.ovnet.planner.config.StateConfig;
import dev.ovnet.planner.net.Cidr;
import dev.ovnet.planner.net.Ipv4;
import java.util.Arrays;
import java.util.List;

/** Builds the validated config records the parser would produce, with every default applied (docs/configuration.md). */
final class LabConfigs {

    static final Cidr POOL = Cidr.parse("10.100.0.0/16");

    private LabConfigs() {
    }

    /** A netns host whose namespace is its name and whose root is the default for netns hosts. */
    static HostConfig netnsHost(String name, String address) {
        return new HostConfig(name, Ipv4.parse(address), null, Connection.NETNS, name, "/run/ovnet/netns/" + name,
                null, SshConfig.DEFAULTS, 0);
    }

    static HostConfig sshHost(String name, String address) {
        return new HostConfig(name, Ipv4.parse(address), null, Connection.SSH, null, "/", null, SshConfig.DEFAULTS, 0);
    }

    static NetworkConfig network(String name, ContainerRuntime runtime, LabConfig lab, HostConfig... hosts) {
        return new NetworkConfig("ovnet.yaml", name, POOL, 24, Ipv4.parse("10.100.1.0"), Ipv4.parse("10.100.255.0"),
                new Backend(BackendType.HOST_GW, 0, 0, false), null, true, runtime, StateConfig.defaults(),
                SshConfig.DEFAULTS, Arrays.asList(hosts), lab);
    }

    static LabConfig segments(int containers, String... cidrs) {
        return new LabConfig(Arrays.stream(cidrs).map(Cidr::parse).toList(), containers);
    }

    static List<Cidr> cidrs(String... cidrs) {
        return Arrays.stream(cidrs).map(Cidr::parse).toList();
    }
}
