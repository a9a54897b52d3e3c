package dev.ovnet.forwarder;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The Internet checksum (RFC 1071), the forwarder's hottest code. It reads 8 bytes at a time in the buffer's own
 * byte order and adds 32-bit halves into a 64-bit accumulator (no carries lost below 2^32 words); a one's
 * complement sum taken in little-endian order is the byte-swapped big-endian sum, so one swap at the end fixes it.
 */
public final class Checksum {

    private static final long LOW = 0xffffffffL;

    private Checksum() {
    }

    /** The 16-bit one's complement sum of {@code length} bytes at {@code offset}, as big-endian words. */
    public static int sum(ByteBuffer data, int offset, int length) {
        long acc = 0;
        int i = offset;
        int end = offset + length;
        while (i + 32 <= end) {
            long a = data.getLong(i);
            long b = data.getLong(i + 8);
            long c = data.getLong(i + 16);
            long d = data.getLong(i + 24);
            acc += (a & LOW) + (a >>> 32) + (b & LOW) + (b >>> 32) + (c & LOW) + (c >>> 32) + (d & LOW) + (d >>> 32);
            i += 32;
        }
        while (i + 8 <= end) {
            long a = data.getLong(i);
            acc += (a & LOW) + (a >>> 32);
            i += 8;
        }
        if (i + 4 <= end) {
            acc += data.getInt(i) & LOW;
            i += 4;
        }
        if (i + 2 <= end) {
            acc += data.getShort(i) & 0xffff;
            i += 2;
        }
        boolean little = data.order() == ByteOrder.LITTLE_ENDIAN;
        if (i < end) {
            acc += little ? data.get(i) & 0xff : (data.get(i) & 0xff) << 8;
        }
        int folded = fold(acc);
        return little ? swap(folded) : folded;
    }

    /** The IPv4 pseudo-header sum for TCP/UDP: addresses, protocol and the L4 length. */
    public static int pseudo(int src, int dst, int protocol, int length) {
        return fold((src >>> 16) + (src & 0xffffL) + (dst >>> 16) + (dst & 0xffffL) + protocol + length);
    }

    public static int fold(long acc) {
        while ((acc >>> 16) != 0) {
            acc = (acc & 0xffff) + (acc >>> 16);
        }
        return (int) acc;
    }

    /** Adds partial sums and returns the value to store in a checksum field (the complement). */
    public static int finish(long sums) {
        return ~fold(sums) & 0xffff;
    }

    private static int swap(int s) {
        return ((s & 0xff) << 8) | (s >>> 8);
    }
}
