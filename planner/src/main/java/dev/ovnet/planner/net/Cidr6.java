package dev.ovnet.planner.net;

import java.math.BigInteger;

/**
 * An IPv6 network: a network address whose host bits are zero, and a prefix length. The IPv6 counterpart of
 * {@link Cidr}, with the same rule: parsing rejects host bits, {@link #parseLenient} masks them as Go does.
 */
public record Cidr6(Ipv6 network, int prefix) implements Comparable<Cidr6>, IpNetwork {

    public Cidr6 {
        if (prefix < 0 || prefix > 128) {
            throw new IllegalArgumentException("prefix length out of range: " + prefix);
        }
        if (!network.masked(prefix).equals(network)) {
            throw new IllegalArgumentException(network + "/" + prefix + " has host bits set");
        }
    }

    /** Parses {@code address/len}; host bits must be zero. */
    public static Cidr6 parse(String text) {
        Cidr6 lenient = parseLenient(text);
        Ipv6 given = Ipv6.parse(text.substring(0, text.indexOf('/')));
        if (!given.equals(lenient.network)) {
            throw new IllegalArgumentException(text + " has host bits set; the network is " + lenient);
        }
        return lenient;
    }

    /** Parses {@code address/len} and masks host bits away. */
    public static Cidr6 parseLenient(String text) {
        int slash = text.indexOf('/');
        if (slash < 0) {
            throw new IllegalArgumentException("not an IPv6 network (address/len): " + text);
        }
        Ipv6 address = Ipv6.parse(text.substring(0, slash));
        String len = text.substring(slash + 1);
        if (len.isEmpty() || len.length() > 3 || !Ipv4.isAsciiDigits(len)) {
            throw new IllegalArgumentException("not an IPv6 network (address/len): " + text);
        }
        int prefix = Integer.parseInt(len);
        if (prefix > 128) {
            throw new IllegalArgumentException("prefix length out of range in " + text);
        }
        return new Cidr6(address.masked(prefix), prefix);
    }

    /** The number of addresses, 2^(128 - prefix). */
    public BigInteger size() {
        return BigInteger.ONE.shiftLeft(128 - prefix);
    }

    public boolean contains(Ipv6 address) {
        return address.masked(prefix).equals(network);
    }

    public boolean contains(Cidr6 other) {
        return other.prefix >= prefix && contains(other.network);
    }

    public boolean overlaps(Cidr6 other) {
        return contains(other.network) || other.contains(network);
    }

    public Ipv6 last() {
        return Ipv6.of(network.toBigInteger().add(size()).subtract(BigInteger.ONE));
    }

    /** The address {@code n} steps into the network (n = 1 is flannel's gateway address). */
    public Ipv6 host(long n) {
        return network.plus(n);
    }

    /** The {@code index}-th subnet of length {@code length} inside this network, counted from 0. */
    public Cidr6 subnet(BigInteger index, int length) {
        if (length < prefix || length > 128) {
            throw new IllegalArgumentException("a /" + length + " is not a subnet of " + this);
        }
        BigInteger offset = index.shiftLeft(128 - length);
        if (index.signum() < 0 || offset.compareTo(size()) >= 0) {
            throw new IllegalArgumentException("subnet " + index + " of /" + length + " is outside " + this);
        }
        return new Cidr6(Ipv6.of(network.toBigInteger().add(offset)), length);
    }

    /** Which subnet of length {@code length} inside this network holds {@code address}, counted from 0. */
    public BigInteger indexOf(Ipv6 address, int length) {
        return address.toBigInteger().subtract(network.toBigInteger()).shiftRight(128 - length);
    }

    @Override
    public int compareTo(Cidr6 other) {
        int byNetwork = network.compareTo(other.network);
        return byNetwork != 0 ? byNetwork : Integer.compare(prefix, other.prefix);
    }

    @Override
    public String toString() {
        return network + "/" + prefix;
    }
}
