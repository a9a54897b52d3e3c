package dev.ovnet.planner.model;

import dev.ovnet.planner.net.Ipv4;
import dev.ovnet.planner.net.Mac;

/** A permanent neighbour (ARP) entry on an overlay device: a peer's VTEP address and MAC. */
public record Neighbour(Ipv4 ip, Mac mac, String dev) implements KernelObject {

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
