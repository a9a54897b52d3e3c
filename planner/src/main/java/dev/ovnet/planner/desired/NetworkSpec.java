package dev.ovnet.planner.desired;

import dev.ovnet.planner.config.Backend;
import dev.ovnet.planner.config.ContainerRuntime;
import dev.ovnet.planner.config.Ipv6Network;
import dev.ovnet.planner.config.NetworkConfig;
import dev.ovnet.planner.net.Cidr;
import dev.ovnet.planner.net.Cidr6;

/**
 * The network-wide settings the objects of a host depend on: what the state records so that the objects
 * last applied can be recomputed instead of stored (the state stays linear in the number of hosts).
 * {@code mtu} null means auto. {@code pool6} and {@code subnetLength6} are set on a dual-stack network, else null.
 */
public record NetworkSpec(String name, Cidr pool, int subnetLength, Backend backend, Integer mtu, boolean ipMasq,
        ContainerRuntime runtime, Cidr6 pool6, Integer subnetLength6) {

    /** An IPv4-only network. */
    public NetworkSpec(String name, Cidr pool, int subnetLength, Backend backend, Integer mtu, boolean ipMasq,
            ContainerRuntime runtime) {
        this(name, pool, subnetLength, backend, mtu, ipMasq, runtime, null, null);
    }

    public static NetworkSpec of(NetworkConfig config) {
        Ipv6Network v6 = config.ipv6();
        return new NetworkSpec(config.name(), config.pool(), config.subnetLength(), config.backend(), config.mtu(),
                config.ipMasq(), config.runtime(), v6 == null ? null : v6.pool(), v6 == null ? null : v6.subnetLength());
    }

    public boolean dualStack() {
        return pool6 != null;
    }
}
