package dev.ovnet.planner.desired;

import dev.ovnet.planner.config.Backend;
import dev.ovnet.planner.config.ContainerRuntime;
import dev.ovnet.planner.config.NetworkConfig;
import dev.ovnet.planner.net.Cidr;

/**
 * The network-wide settings the objects of a host depend on: what the state records so that the objects
 * last applied can be recomputed instead of stored (the state stays linear in the number of hosts).
 * {@code mtu} null means auto.
 */
public record NetworkSpec(String name, Cidr pool, int subnetLength, Backend backend, Integer mtu, boolean ipMasq,
        ContainerRuntime runtime) {

    public static NetworkSpec of(NetworkConfig config) {
        return new NetworkSpec(config.name(), config.pool(), config.subnetLength(), config.backend(), config.mtu(),
                config.ipMasq(), config.runtime());
    }
}
