package dev.ovnet.forwarder;

import dev.ovnet.planner.net.Cidr;
import java.nio.ByteBuffer;

/**
 * Builds the ICMP "destination unreachable, net unreachable" a router returns when it has no route, for a
 * packet read from the TUN whose destination no peer holds. The source is an address of the pool that is not
 * this host's: a reply from one of the host's own addresses arriving on flannel0 would be dropped by the
 * kernel as a martian (flannel's replies from the TUN address are lost that way). Rate limited like the kernel's
 * own ICMP errors; never sent about ICMP errors, later fragments or unusable sources.
 */
final class IcmpUnreachable {

    private static final int BURST = 50;
    private static final long REFILL_NANOS = 10_000_000L;

    private final int source;
    private int tokens = BURST;
    private long lastRefill = System.nanoTime();

    IcmpUnreachable(Cidr pool, Cidr own) {
        int first = pool.network().bits();
        this.source = own.contains(pool.network()) ? pool.last().bits() : first;
    }

    int source() {
        return source;
    }

    /**
     * Writes the reply to {@code packet} at {@code out}/{@code at} and returns its length, or 0 when none is
     * due. {@code be}/{@code at0} hold the offending packet of {@code length} bytes.
     */
    int build(ByteBuffer be, int at0, int length, ByteBuffer outBe, ByteBuffer outLe, int at) {
        int src = Ip4.source(be, at0);
        if (Ip4.laterFragment(be, at0) || isError(be, at0, length) || !usable(src) || !take()) {
            return 0;
        }
        int quote = Math.min(length, Ip4.headerLength(be, at0) + 8);
        int total = 20 + 8 + quote;
        outBe.putLong(at, 0);
        outBe.putLong(at + 8, 0);
        outBe.putInt(at + 16, 0);
        outBe.put(at, (byte) 0x45);
        outBe.putShort(at + 2, (short) total);
        outBe.put(at + 8, (byte) 64);
        outBe.put(at + 9, (byte) Ip4.ICMP);
        outBe.putInt(at + 12, source);
        outBe.putInt(at + 16, src);
        Ip4.fixHeaderChecksum(outBe, outLe, at);
        int icmp = at + 20;
        outBe.putLong(icmp, 0);
        outBe.put(icmp, (byte) 3);
        outBe.put(at + 28, be, at0, quote);
        outBe.putShort(icmp + 2, (short) Checksum.finish(Checksum.sum(outLe, icmp, 8 + quote)));
        return total;
    }

    private static boolean isError(ByteBuffer be, int at, int length) {
        if (Ip4.protocol(be, at) != Ip4.ICMP) {
            return false;
        }
        int ihl = Ip4.headerLength(be, at);
        if (length <= ihl) {
            return true;
        }
        int type = be.get(at + ihl) & 0xff;
        return type != 8 && type != 13 && type != 15 && type != 17;
    }

    private static boolean usable(int src) {
        int top = src >>> 24;
        return src != 0 && top != 127 && top < 224;
    }

    private boolean take() {
        long now = System.nanoTime();
        long refill = (now - lastRefill) / REFILL_NANOS;
        if (refill > 0) {
            tokens = (int) Math.min(BURST, tokens + refill);
            lastRefill += refill * REFILL_NANOS;
        }
        if (tokens == 0) {
            return false;
        }
        tokens--;
        return true;
    }
}
