package dev.ovnet.planner.model;

import dev.ovnet.planner.net.IpAddress;
import dev.ovnet.planner.net.Mac;

/**
 * A permanent forwarding-database entry on a vxlan device: where to send frames for a peer's VTEP MAC (the peer's
 * underlay address, IPv6 for the IPv6 vxlan device).
 */
public record FdbEntry(Mac mac, String dev, IpAddress dst) implements KernelObject {

    @Override
    public Phase phase() {
        return Phase.FDB;
    }

    @Override
    public ObjectKey key() {
        return new ObjectKey(Phase.FDB, "fdb", dev + " " + mac);
    }

    @Override
    public String describe() {
        return "fdb " + mac + " dev " + dev + " dst " + dst + " self permanent";
    }
}
