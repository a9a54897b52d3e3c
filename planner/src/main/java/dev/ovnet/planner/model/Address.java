package dev.ovnet.planner.model;

import dev.ovnet.planner.net.Cidr;

/** An address on one of ovnet's devices: the lease's network address as a /32 (flannel's S0/32). */
public record Address(String dev, Cidr cidr) implements KernelObject {

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
