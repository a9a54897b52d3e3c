package dev.ovnet.planner.model;

import dev.ovnet.planner.net.IpNetwork;

/**
 * An address on one of ovnet's devices: the lease's network address as a /32 (flannel's S0/32), or the IPv6 lease's
 * as a /128 on the IPv6 vxlan device.
 */
public record Address(String dev, IpNetwork cidr) implements KernelObject {

    @Override
    public Phase phase() {
        return Phase.ADDRESS;
    }

    @Override
    public ObjectKey key() {
        return new ObjectKey(Phase.ADDRESS, "address", dev + " " + cidr);
    }

    @Override
    public String describe() {
        return "address " + cidr + " dev " + dev;
    }
}
