package dev.ovnet.planner.model;

import dev.ovnet.planner.net.IpAddress;
import dev.ovnet.planner.net.Mac;

/** A permanent neighbour entry (ARP, or NDP for IPv6) on an overlay device: a peer's VTEP address and MAC. */
public record Neighbour(IpAddress ip, Mac mac, String dev) implements KernelObject {

    @Override
    public Phase phase() {
        return Phase.NEIGHBOUR;
    }

    @Override
    public ObjectKey key() {
        return new ObjectKey(Phase.NEIGHBOUR, "neighbour", dev + " " + ip);
    }

    @Override
    public String describe() {
        return "neighbour " + ip + " lladdr " + mac + " dev " + dev + " permanent";
    }
}
