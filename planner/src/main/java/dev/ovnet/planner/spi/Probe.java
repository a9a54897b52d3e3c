package dev.ovnet.planner.spi;

import dev.ovnet.planner.net.IpAddress;

/**
 * One connectivity check after an apply ({@code --verify}): from {@code source} on this host (null: let the
 * kernel choose) to {@code target}, an address that {@code peer} answers on only when the overlay between the
 * two works (its VTEP address for vxlan and udp; its underlay address, the host-gw next hop, for host-gw). Both
 * are IPv6 on an IPv6-only network.
 */
public record Probe(String peer, IpAddress source, IpAddress target) {

    public String describe() {
        return "ping " + (source == null ? "" : "-I " + source + " ") + target + " (" + peer + ")";
    }
}
