package dev.ovnet.forwarder;

import java.nio.ByteBuffer;

/**
 * IPv4 and TCP header fields read from and written to a big-endian view of a packet buffer. Offsets are those
 * of the IP header's first byte; nothing here allocates.
 */
public final class Ip4 {

    public static final int ICMP = 1;
    public static final int TCP = 6;
    public static final int UDP = 17;
    public static final int MIN_HEADER = 20;

    private Ip4() {
    }

    /** Whether this is a well-formed IPv4 packet of exactly {@code length} bytes (a header that fits). */
    public static boolean wellFormed(ByteBuffer be, int at, int length) {
        if (length < MIN_HEADER) {
            return false;
        }
        int first = be.get(at) & 0xff;
        int ihl = (first & 0xf) * 4;
        return (first >>> 4) == 4 && ihl >= MIN_HEADER && ihl <= length && totalLength(be, at) == length;
    }

    public static int headerLength(ByteBuffer be, int at) {
        return (be.get(at) & 0xf) * 4;
    }

    public static int totalLength(ByteBuffer be, int at) {
        return be.getShort(at + 2) & 0xffff;
    }

    public static int protocol(ByteBuffer be, int at) {
        return be.get(at + 9) & 0xff;
    }

    public static int source(ByteBuffer be, int at) {
        return be.getInt(at + 12);
    }

    public static int destination(ByteBuffer be, int at) {
        return be.getInt(at + 16);
    }

    /** The flags and fragment-offset word: MF (0x2000) or an offset means a fragment. */
    public static int fragment(ByteBuffer be, int at) {
        return be.getShort(at + 6) & 0xffff;
    }

    public static boolean laterFragment(ByteBuffer be, int at) {
        return (fragment(be, at) & 0x1fff) != 0;
    }

    public static boolean isFragment(ByteBuffer be, int at) {
        return (fragment(be, at) & 0x3fff) != 0;
    }

    /** Recomputes the header checksum in place. */
    public static void fixHeaderChecksum(ByteBuffer be, ByteBuffer le, int at) {
        be.putShort(at + 10, (short) 0);
        be.putShort(at + 10, (short) Checksum.finish(Checksum.sum(le, at, headerLength(be, at))));
    }

    /** TCP data offset in bytes, for a TCP header at {@code tcp}. */
    public static int tcpHeaderLength(ByteBuffer be, int tcp) {
        return ((be.get(tcp + 12) & 0xff) >>> 4) * 4;
    }

    public static int tcpFlags(ByteBuffer be, int tcp) {
        return be.get(tcp + 13) & 0xff;
    }
}
