package dev.ovnet.planner.net;

import java.util.Comparator;
import java.util.Optional;

/**
 * An address of either family, for the kernel objects that exist in both (routes, neighbours, fdb destinations, a
 * vxlan device's local address). The text tells the family: an IPv6 address always holds a colon, an IPv4 one never.
 */
public sealed interface IpAddress permits Ipv4, Ipv6 {

    /** IPv4 before IPv6, then by value. */
    Comparator<IpAddress> ORDER = (a, b) -> {
        if (a instanceof Ipv4 x && b instanceof Ipv4 y) {
            return x.compareTo(y);
        }
        if (a instanceof Ipv6 x && b instanceof Ipv6 y) {
            return x.compareTo(y);
        }
        return a instanceof Ipv4 ? -1 : 1;
    };

    /** Parses either family strictly, as {@link Ipv4#parse} or {@link Ipv6#parse}. */
    static IpAddress parse(String text) {
        return Ipv6.looksLike(text) ? Ipv6.parse(text) : Ipv4.parse(text);
    }

    /** The address of either family that {@code text} is, or empty when it is none. */
    static Optional<IpAddress> tryParse(String text) {
        try {
            return Optional.of(parse(text));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    default boolean isIpv6() {
        return this instanceof Ipv6;
    }

    /**
     * This address with a port, as wg and OpenSSH write it: {@code 192.0.2.11:22}, and an IPv6 address in brackets,
     * {@code [fd00:192:0:2::11]:22}; without them the port would read as the address's last group
     * ({@code fd00:192:0:2::11:22} is itself an IPv6 address).
     */
    default String withPort(int port) {
        return (isIpv6() ? "[" + this + "]" : toString()) + ":" + port;
    }
}
