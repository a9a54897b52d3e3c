package dev.ovnet.forwarder;

import dev.ovnet.forwarder.tun.Native;
import dev.ovnet.forwarder.tun.NativeException;
import dev.ovnet.forwarder.tun.TunDevice;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Coalesces in-order TCP segments of one flow within a receive batch into one GSO write to the TUN (the idea of
 * Linux's tcp_gro_receive and wireguard-go's tcpGRO): the kernel then carries one 64 KiB packet up to the
 * container instead of dozens. Segments join a group only when their headers match the group's first (ack,
 * window, options, TOS, TTL, DF; only PSH may differ), their sequence number continues it, and every earlier
 * segment was full size. Anything else closes the flow's group first, so per-flow order is kept. The payloads
 * are not copied: one writev gathers the rewritten header and the payloads where recvmmsg put them. The
 * written packet carries NEEDS_CSUM with the pseudo-header sum, so the kernel, not the receiving TCP, computes
 * the checksums of the segments it cuts again; single packets go with an empty header and are checked as usual.
 * Because the kernel computes instead of checking, each segment's own TCP checksum is verified before it may
 * join a group (as tcp_gro_receive does): a segment damaged or forged on the way would otherwise reach the
 * container as good data. One that fails goes through alone, exactly as received, and the kernel drops it.
 */
final class GroCoalescer implements TunSink {

    static final int MAX_PACKETS = UdpToTun.BATCH * 64;
    private static final int MAX_OPEN = 16;
    private static final int MAX_SEGMENTS = 64;
    private static final int PSH = 0x08;
    private static final int NOT_DATA = 0x01 | 0x02 | 0x04 | 0x20 | 0x40 | 0x80;
    private static final int HDR = TunDevice.VNET_HDR_LEN;

    private final TunWriter writer;
    private final ByteBuffer be;
    private final ByteBuffer le;
    private final long data;
    private final PlainSink single;
    private final ByteBuffer header = Native.allocate(HDR + 128);
    private final ByteBuffer headerBe = header.duplicate().order(ByteOrder.BIG_ENDIAN);
    private final long headerAddress = Native.address(header);
    private final ByteBuffer iov = Native.allocate(16 * (MAX_SEGMENTS + 1));
    private final long iovAddress = Native.address(iov);

    private final int[] offset = new int[MAX_PACKETS];
    private final int[] length = new int[MAX_PACKETS];
    private final int[] next = new int[MAX_PACKETS];
    private int packets;

    private final int[] head = new int[MAX_PACKETS];
    private final int[] tail = new int[MAX_PACKETS];
    private final int[] count = new int[MAX_PACKETS];
    private final int[] payload = new int[MAX_PACKETS];
    private final int[] gso = new int[MAX_PACKETS];
    private final int[] nextSeq = new int[MAX_PACKETS];
    private final boolean[] push = new boolean[MAX_PACKETS];
    private int items;

    private final int[] open = new int[MAX_OPEN];
    private int openCount;

    GroCoalescer(TunWriter writer, ByteBuffer data, long dataAddress) {
        this.writer = writer;
        this.be = data.duplicate().order(ByteOrder.BIG_ENDIAN);
        this.le = data.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        this.data = dataAddress;
        this.single = new PlainSink(writer, dataAddress, true);
    }

    @Override
    public void add(int at, int len) throws NativeException {
        if (packets == MAX_PACKETS) {
            flush();
        }
        int p = packets++;
        offset[p] = at;
        length[p] = len;
        next[p] = -1;
        int ihl = Ip4.headerLength(be, at);
        boolean tcp = Ip4.protocol(be, at) == Ip4.TCP && len >= ihl + 20;
        int g = tcp ? openGroupOf(at, ihl) : -1;
        if (!tcp || ihl != 20 || !candidate(at, len) || !checksumRight(at, len)) {
            if (g >= 0) {
                close(g);
            }
            newItem(p, 0, false);
            return;
        }
        int hdr = 20 + Ip4.tcpHeaderLength(be, at + 20);
        int bytes = len - hdr;
        boolean psh = (Ip4.tcpFlags(be, at + 20) & PSH) != 0;
        if (g >= 0 && fits(g, at, hdr, bytes)) {
            next[tail[g]] = p;
            tail[g] = p;
            count[g]++;
            payload[g] += bytes;
            nextSeq[g] += bytes;
            if (psh) {
                push[g] = true;
            }
            if (psh || bytes < gso[g] || count[g] == MAX_SEGMENTS) {
                close(g);
            }
            return;
        }
        if (g >= 0) {
            close(g);
        }
        int item = newItem(p, bytes, !psh);
        push[item] = psh;
        nextSeq[item] = be.getInt(at + 24) + bytes;
    }

    @Override
    public void flush() throws NativeException {
        for (int i = 0; i < items; i++) {
            if (count[i] == 1) {
                single.add(offset[head[i]], length[head[i]]);
            } else {
                writeGroup(i);
            }
        }
        packets = 0;
        items = 0;
        openCount = 0;
    }

    /** A TCP data segment with plain ACK (PSH allowed), no IP options, not a fragment. */
    private boolean candidate(int at, int len) {
        if (Ip4.isFragment(be, at)) {
            return false;
        }
        int thl = Ip4.tcpHeaderLength(be, at + 20);
        int flags = Ip4.tcpFlags(be, at + 20);
        return thl >= 20 && 20 + thl < len && (flags & NOT_DATA) == 0 && (flags & 0x10) != 0;
    }

    /** Whether the TCP checksum over the pseudo header and the segment (header 20 bytes at {@code at}) holds. */
    private boolean checksumRight(int at, int len) {
        int pseudo = Checksum.pseudo(be.getInt(at + 12), be.getInt(at + 16), Ip4.TCP, len - 20);
        return Checksum.fold((long) pseudo + Checksum.sum(le, at + 20, len - 20)) == 0xffff;
    }

    private boolean fits(int g, int at, int hdr, int data) {
        int h = offset[head[g]];
        if (data > gso[g] || be.getInt(at + 24) != nextSeq[g] || hdr != 20 + Ip4.tcpHeaderLength(be, h + 20)
                || 20 + Ip4.tcpHeaderLength(be, h + 20) + payload[g] + data > 65535) {
            return false;
        }
        if (be.get(at + 1) != be.get(h + 1) || be.getShort(at + 6) != be.getShort(h + 6)
                || be.get(at + 8) != be.get(h + 8)) {
            return false;
        }
        if (be.getInt(at + 28) != be.getInt(h + 28)
                || ((be.getInt(at + 32) ^ be.getInt(h + 32)) & ~(PSH << 16)) != 0) {
            return false;
        }
        for (int o = 40; o < hdr; o += 4) {
            if (be.getInt(at + o) != be.getInt(h + o)) {
                return false;
            }
        }
        return true;
    }

    /** The open group of this packet's flow (addresses and ports), or -1. */
    private int openGroupOf(int at, int ihl) {
        long addresses = be.getLong(at + 12);
        int ports = be.getInt(at + ihl);
        for (int i = 0; i < openCount; i++) {
            int h = offset[head[open[i]]];
            if (be.getLong(h + 12) == addresses && be.getInt(h + 20) == ports) {
                return open[i];
            }
        }
        return -1;
    }

    private int newItem(int p, int data, boolean keepOpen) {
        int item = items++;
        head[item] = p;
        tail[item] = p;
        count[item] = 1;
        payload[item] = data;
        gso[item] = data;
        push[item] = false;
        if (keepOpen) {
            if (openCount == MAX_OPEN) {
                close(open[0]);
            }
            open[openCount++] = item;
        }
        return item;
    }

    private void close(int item) {
        for (int i = 0; i < openCount; i++) {
            if (open[i] == item) {
                System.arraycopy(open, i + 1, open, i, openCount - i - 1);
                openCount--;
                return;
            }
        }
    }

    private void writeGroup(int g) throws NativeException {
        int h = offset[head[g]];
        int hdr = 20 + Ip4.tcpHeaderLength(be, h + 20);
        int total = hdr + payload[g];
        header.put(0, (byte) 1);
        header.put(1, (byte) 1);
        header.putShort(2, (short) hdr);
        header.putShort(4, (short) gso[g]);
        header.putShort(6, (short) 20);
        header.putShort(8, (short) 16);
        headerBe.put(HDR, be, h, hdr);
        headerBe.putShort(HDR + 2, (short) total);
        Ip4.fixHeaderChecksum(headerBe, header, HDR);
        if (push[g]) {
            headerBe.put(HDR + 33, (byte) (headerBe.get(HDR + 33) | PSH));
        }
        int pseudo = Checksum.pseudo(be.getInt(h + 12), be.getInt(h + 16), Ip4.TCP, total - 20);
        headerBe.putShort(HDR + 36, (short) pseudo);
        iov.putLong(0, headerAddress);
        iov.putLong(8, HDR + hdr);
        int n = 1;
        for (int p = head[g]; p >= 0; p = next[p]) {
            iov.putLong(n * 16, data + offset[p] + hdr);
            iov.putLong(n * 16 + 8, length[p] - hdr);
            n++;
        }
        writer.writev(iovAddress, n);
    }
}
