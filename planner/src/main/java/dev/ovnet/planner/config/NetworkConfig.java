package dev.ovnet.planner.config;

import dev.ovnet.planner.net.Cidr;
import dev.ovnet.planner.net.Ipv4;
import java.util.List;
import java.util.Optional;

/**
 * A validated ovnet.yaml. Every default (docs/configuration.md) is already applied, so nothing downstream guesses:
 * subnetLength, subnetMin and subnetMax follow flannel's rules, the backend port and VNI are filled in.
 * {@code mtu} is null for {@code auto} (the underlay MTU minus the backend's overhead, per host).
 * {@code lab} is null when the file has no lab block.
 */
public record NetworkConfig(
        String file,
        String name,
        Cidr pool,
        int subnetLength,
        Ipv4 subnetMin,
        Ipv4 subnetMax,
        Backend backend,
        Integer mtu,
        boolean ipMasq,
        ContainerRuntime runtime,
        StateConfig state,
        SshConfig ssh,
        List<HostConfig> hosts,
        LabConfig lab) {

    public NetworkConfig {
        hosts = List.copyOf(hosts);
    }

    public Optional<HostConfig> host(String hostName) {
        return hosts.stream().filter(h -> h.name().equals(hostName)).findFirst();
    }
}
