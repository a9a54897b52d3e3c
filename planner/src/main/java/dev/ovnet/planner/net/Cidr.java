package dev.ovnet.planner.net;

/**
 * An IPv4 network: a network address whose host bits are zero, and a prefix length. Parsing rejects host
 * bits (flannel silently masks them; ovnet tells the user instead, see {@link #parseLenient}).
 */
public record Cidr(Ipv4 network, int prefix) implements Comparable<Cidr>, IpNetwork {

    public Cidr {
        if (prefix < 0 || prefix > 32) {
            throw new IllegalArgumentException("prefix length out of range: " + prefix);
        }
        if ((network.bits() & ~mask(prefix)) != 0) {
            throw new IllegalArgumentException(network + "/" + prefix + " has host bits set");
        }
    }

    /** Parses {@code a.b.c.d/len}; host bits must be zero. */
    public static Cidr parse(String text) {
        Cidr lenient = parseLenient(text);
        Ipv4 given = Ipv4.parse(text.substring(0, text.indexOf('/')));
        if (!given.equals(lenient.network)) {
            throw new IllegalArgumentException(text + " has host bits set; the network is " + lenient);
        }
        return lenient;
    }

    /** Parses {@code a.b.c.d/len} and masks host bits away, as Go's ParseCIDR does. */
    public static Cidr parseLenient(String text) {
        int slash = text.indexOf('/');
        if (slash < 0) {
            throw new IllegalArgumentException("not a CIDR (a.b.c.d/len): " + text);
        }
        Ipv4 address = Ipv4.parse(text.substring(0, slash));
        String len = text.substring(slash + 1);
        if (len.isEmpty() || len.length() > 2 || !Ipv4.isAsciiDigits(len)) {
            throw new IllegalArgumentException("not a CIDR (a.b.c.d/len): " + text);
        }
        int prefix = Integer.parseInt(len);
        if (prefix > 32) {
            throw new IllegalArgumentException("prefix length out of range in " + text);
        }
        return new Cidr(new Ipv4(address.bits() & mask(prefix)), prefix);
    }

    public static int mask(int prefix) {
        return prefix == 0 ? 0 : -1 << (32 - prefix);
    }

    public long size() {
        return 1L << (32 - prefix);
    }

    public boolean contains(Ipv4 address) {
        return (address.bits() & mask(prefix)) == network.bits();
    }

    public boolean contains(Cidr other) {
        return other.prefix >= prefix && contains(other.network);
    }

    public boolean overlaps(Cidr other) {
        return contains(other.network) || other.contains(network);
    }

    public Ipv4 last() {
        return network.plus(size() - 1);
    }

    /** The address {@code n} steps into the network (n = 1 is flannel's gateway address, ".1"). */
    public Ipv4 host(long n) {
        return network.plus(n);
    }

    @Override
    public int compareTo(Cidr other) {
        int byNetwork = network.compareTo(other.network);
        return byNetwork != 0 ? byNetwork : Integer.compare(prefix, other.prefix);
    }

    @Override
    public String toString() {
        return network + "/" + prefix;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Cidr other && other.prefix == prefix && other.network.bits() == network.bits();
    }

    @Override
    public int hashCode() {
        return network.bits() * 31 + prefix;
    }
}
