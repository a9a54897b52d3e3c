package dev.ovnet.planner.config;

import dev.ovnet.planner.net.Cidr;
import dev.ovnet.planner.net.Ipv4;
import java.util.List;
import java.util.Optional;

/**
 * A validated ovnet.yaml. Every default (docs/configuration.md) is already applied, so nothing downstream guesses:
 * subnetLength, subnetMin and subnetMax follow flannel's rules, the backend port and VNI are filled in.
 * {@code mtu} is null for {@code auto} (the underlay MTU minus the backend's overhead, per host).
 * {@code lab} is null when the file has no lab block. {@code ipv6} is null unless {@code pool6} is given (a dual-stack
 * network). An IPv6-only network (pool6 without pool) has {@code pool}, {@code subnetMin} and {@code subnetMax} null
 * and {@code subnetLength} 0.
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
        LabConfig lab,
        Ipv6Network ipv6) {

    public NetworkConfig {
        hosts = List.copyOf(hosts);
    }

    /** An IPv4-only network. */
    public NetworkConfig(String file, String name, Cidr pool, int subnetLength, Ipv4 subnetMin, Ipv4 subnetMax,
            Backend backend, Integer mtu, boolean ipMasq, ContainerRuntime runtime, StateConfig state, SshConfig ssh,
            List<HostConfig> hosts, LabConfig lab) {
        this(file, name, pool, subnetLength, subnetMin, subnetMax, backend, mtu, ipMasq, runtime, state, ssh, hosts, lab,
                null);
    }

    /** True when the network also carries IPv6 (pool6 is given). */
    public boolean dualStack() {
        return ipv6 != null;
    }

    /** True when the network carries IPv6 only (pool6 given, pool left out). */
    public boolean ipv6Only() {
        return pool == null;
    }

    public Optional<HostConfig> host(String hostName) {
        return hosts.stream().filter(h -> h.name().equals(hostName)).findFirst();
    }
}
