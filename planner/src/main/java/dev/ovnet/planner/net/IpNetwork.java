package dev.ovnet.planner.net;

import java.util.Comparator;

/** A network of either family, for the kernel objects that exist in both (route destinations, device addresses). */
public sealed interface IpNetwork permits Cidr, Cidr6 {

    /** IPv4 before IPv6, then by network address and prefix length. */
    Comparator<IpNetwork> ORDER = (a, b) -> {
        if (a instanceof Cidr x && b instanceof Cidr y) {
            return x.compareTo(y);
        }
        if (a instanceof Cidr6 x && b instanceof Cidr6 y) {
            return x.compareTo(y);
        }
        return a instanceof Cidr ? -1 : 1;
    };

    IpAddress network();

    int prefix();

    /** Parses either family strictly (host bits zero), as {@link Cidr#parse} or {@link Cidr6#parse}. */
    static IpNetwork parse(String text) {
        return Ipv6.looksLike(text) ? Cidr6.parse(text) : Cidr.parse(text);
    }

    default boolean isIpv6() {
        return this instanceof Cidr6;
    }
}
