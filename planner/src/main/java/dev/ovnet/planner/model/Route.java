package dev.ovnet.planner.model;

import dev.ovnet.planner.net.IpAddress;
import dev.ovnet.planner.net.IpNetwork;

/**
 * A route in the main table, of either family, identified by its destination. {@code via} is null for a device route (udp's
 * pool route). Every route ovnet makes carries ovnet's route protocol number, which is how refresh and destroy
 * find them among routes a user added by hand.
 */
public record Route(IpNetwork dst, IpAddress via, String dev, boolean onlink) implements KernelObject {

    /** ovnet's route protocol number (iproute2 {@code proto 152}); no entry of /etc/iproute2/rt_protos uses it. */
    public static final int PROTO = 152;

    @Override
    public Phase phase() {
        return Phase.ROUTE;
    }

    @Override
    public ObjectKey key() {
        return new ObjectKey(Phase.ROUTE, "route", dst.toString());
    }

    @Override
    public String describe() {
        return "route " + dst + (via == null ? "" : " via " + via) + " dev " + dev + (onlink ? " onlink" : "");
    }
}
