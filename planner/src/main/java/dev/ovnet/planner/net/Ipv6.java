package dev.ovnet.planner.net;

import java.math.BigInteger;

/**
 * An IPv6 address held as two unsigned 64-bit halves; ordering follows the numeric value. It prints as iproute2
 * prints (glibc's inet_ntop, which follows RFC 5952): lower-case hex without leading zeros, the longest run of two
 * or more zero groups (the first of equal runs) written {@code ::}, and an IPv4-mapped address with its last 32 bits
 * as a dotted quad ({@code ::ffff:192.0.2.1}).
 */
public record Ipv6(long hi, long lo) implements Comparable<Ipv6>, IpAddress {

    private static final BigInteger TWO_64 = BigInteger.ONE.shiftLeft(64);

    /**
     * Parses every textual form of RFC 4291 section 2.2: eight groups of 1 to 4 hex digits, one {@code ::} for a
     * run of zero groups, and a dotted-quad IPv4 tail. No zone ({@code %eth0}) and no prefix length.
     */
    public static Ipv6 parse(String text) {
        if (text.isEmpty() || text.length() > 45) {
            throw bad(text);
        }
        int gap = text.indexOf("::");
        if (gap >= 0 && text.indexOf("::", gap + 1) >= 0) {
            throw bad(text);
        }
        String head = gap < 0 ? text : text.substring(0, gap);
        String tail = gap < 0 ? "" : text.substring(gap + 2);
        int[] front = groups(head, text, gap < 0);
        int[] back = groups(tail, text, true);
        int count = front.length + back.length;
        if (gap < 0 ? count != 8 : count > 7) {
            throw bad(text);
        }
        int[] all = new int[8];
        System.arraycopy(front, 0, all, 0, front.length);
        System.arraycopy(back, 0, all, 8 - back.length, back.length);
        long hi = 0;
        long lo = 0;
        for (int i = 0; i < 4; i++) {
            hi = (hi << 16) | all[i];
            lo = (lo << 16) | all[i + 4];
        }
        return new Ipv6(hi, lo);
    }

    /** The 16-bit groups of one side of {@code ::}; a dotted quad may end the last side and counts as two. */
    private static int[] groups(String side, String text, boolean mayEndInIpv4) {
        if (side.isEmpty()) {
            return new int[0];
        }
        String[] parts = side.split(":", -1);
        int dotted = mayEndInIpv4 && parts[parts.length - 1].contains(".") ? 1 : 0;
        int[] out = new int[parts.length + dotted];
        for (int i = 0; i < parts.length - dotted; i++) {
            String part = parts[i];
            if (part.isEmpty() || part.length() > 4 || !part.chars().allMatch(Ipv6::isHex)) {
                throw bad(text);
            }
            out[i] = Integer.parseInt(part, 16);
        }
        if (dotted == 1) {
            Ipv4 v4;
            try {
                v4 = Ipv4.parse(parts[parts.length - 1]);
            } catch (IllegalArgumentException e) {
                throw bad(text);
            }
            out[out.length - 2] = v4.bits() >>> 16;
            out[out.length - 1] = v4.bits() & 0xffff;
        }
        return out;
    }

    private static boolean isHex(int c) {
        return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F';
    }

    private static IllegalArgumentException bad(String text) {
        return new IllegalArgumentException("not an IPv6 address: " + text);
    }

    /** True when the text has the shape of an IPv6 address (a colon), so messages can tell the families apart. */
    public static boolean looksLike(String text) {
        return text.indexOf(':') >= 0;
    }

    public static Ipv6 of(BigInteger value) {
        if (value.signum() < 0 || value.bitLength() > 128) {
            throw new IllegalArgumentException("IPv6 address out of range: " + value);
        }
        return new Ipv6(value.shiftRight(64).longValue(), value.longValue());
    }

    public BigInteger toBigInteger() {
        return unsigned(hi).shiftLeft(64).or(unsigned(lo));
    }

    private static BigInteger unsigned(long half) {
        BigInteger value = BigInteger.valueOf(half);
        return half < 0 ? value.add(TWO_64) : value;
    }

    /** This address plus {@code n} (which may be negative), wrapping around at 2^128. */
    public Ipv6 plus(long n) {
        long newLo = lo + n;
        long carry;
        if (n >= 0) {
            carry = Long.compareUnsigned(newLo, lo) < 0 ? 1 : 0;
        } else {
            carry = Long.compareUnsigned(newLo, lo) > 0 ? -1 : 0;
        }
        return new Ipv6(hi + carry, newLo);
    }

    /** The address with only its first {@code prefix} bits kept. */
    public Ipv6 masked(int prefix) {
        if (prefix <= 0) {
            return new Ipv6(0, 0);
        }
        if (prefix >= 128) {
            return this;
        }
        if (prefix <= 64) {
            return new Ipv6(hi & (prefix == 64 ? -1L : ~(-1L >>> prefix)), 0);
        }
        return new Ipv6(hi, lo & ~(-1L >>> (prefix - 64)));
    }

    public byte[] toBytes() {
        byte[] out = new byte[16];
        for (int i = 0; i < 8; i++) {
            out[i] = (byte) (hi >>> (56 - 8 * i));
            out[i + 8] = (byte) (lo >>> (56 - 8 * i));
        }
        return out;
    }

    private int group(int i) {
        long half = i < 4 ? hi : lo;
        return (int) (half >>> (48 - 16 * (i % 4))) & 0xffff;
    }

    @Override
    public int compareTo(Ipv6 other) {
        int byHi = Long.compareUnsigned(hi, other.hi);
        return byHi != 0 ? byHi : Long.compareUnsigned(lo, other.lo);
    }

    @Override
    public String toString() {
        int bestStart = -1;
        int bestLength = 0;
        for (int i = 0; i < 8; ) {
            if (group(i) != 0) {
                i++;
                continue;
            }
            int start = i;
            while (i < 8 && group(i) == 0) {
                i++;
            }
            if (i - start > bestLength) {
                bestStart = start;
                bestLength = i - start;
            }
        }
        if (bestLength < 2) {
            bestStart = -1;
        }
        boolean mapped = bestStart == 0 && bestLength == 5 && group(5) == 0xffff;
        StringBuilder out = new StringBuilder(39);
        int end = mapped ? 6 : 8;
        for (int i = 0; i < end; i++) {
            if (i == bestStart) {
                out.append("::");
                i += bestLength - 1;
                continue;
            }
            if (out.length() > 0 && out.charAt(out.length() - 1) != ':') {
                out.append(':');
            }
            out.append(Integer.toHexString(group(i)));
        }
        if (mapped) {
            out.append(':').append(new Ipv4((int) lo));
        }
        return out.toString();
    }
}
