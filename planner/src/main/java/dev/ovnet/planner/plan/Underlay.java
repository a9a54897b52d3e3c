package dev.ovnet.planner.plan;

import dev.ovnet.planner.net.Cidr;
import dev.ovnet.planner.net.Ipv4;
import java.util.List;

/**
 * What refresh saw on a host besides ovnet's own objects: every IPv4 address on an interface that is not an
 * ovnet device, and every route of the main table that ovnet did not make (no ovnet protocol mark, not on an
 * ovnet device). Only the preflight checks ({@link Preflight}) look at it: they make sure ovnet's routes will
 * not clash with what the host already uses. Not recorded in the state nor in saved plans.
 */
public record Underlay(List<HostAddress> addresses, List<HostRoute> routes) {

    public static final Underlay NONE = new Underlay(List.of(), List.of());

    public Underlay {
        addresses = List.copyOf(addresses);
        routes = List.copyOf(routes);
    }

    /** An address as configured: {@code address/prefix} on {@code dev} (host bits set, as {@code ip addr} shows). */
    public record HostAddress(String dev, Ipv4 address, int prefix) {
        public String describe() {
            return "address " + address + "/" + prefix + " on " + dev;
        }
    }

    /**
     * A route of the main table: {@code type} as iproute2 names it (unicast, blackhole, unreachable...),
     * {@code via} null for a device route, {@code dev} null for a route without one, {@code protocol} as
     * iproute2 prints it (kernel, boot, static, dhcp, a number...).
     */
    public record HostRoute(String type, Cidr dst, Ipv4 via, String dev, String protocol) {
        public String describe() {
            return ("unicast".equals(type) ? "route " : type + " route ") + dst + (via == null ? "" : " via " + via)
                    + (dev == null ? "" : " dev " + dev) + (protocol == null ? "" : " proto " + protocol);
        }
    }
}
