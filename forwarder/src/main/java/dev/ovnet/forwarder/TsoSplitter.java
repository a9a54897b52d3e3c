package dev.ovnet.forwarder;

import dev.ovnet.forwarder.tun.Native;
import dev.ovnet.forwarder.tun.SendBatch;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Cuts a TCP super-packet read from the TUN (gso_type TCPV4) into MSS-sized IPv4/TCP packets, what the kernel's
 * TSO would put on a wire: per segment a copy of the headers with its own total length, IP id, sequence number,
 * flags (FIN and PSH only on the last, CWR only on the first) and full IP and TCP checksums, because the
 * receiver may be stock flannel writing into a plain TUN, whose TCP checks them. The payloads stay where they
 * were read; the batch gathers header and payload pairs into UDP GSO sends of at most 64 datagrams and 64 KiB.
 */
final class TsoSplitter {

    static final int MAX_SEGMENTS = 1024;
    static final int MAX_PER_SEND = 64;
    private static final int MAX_UDP_PAYLOAD = 65507;
    private static final int MAX_HEADERS = 120;
    private static final int FIN = 0x01;
    private static final int PSH = 0x08;
    private static final int CWR = 0x80;

    private final ByteBuffer le;
    private final ByteBuffer be;
    private final long data;
    private final ByteBuffer scratch;
    private final ByteBuffer scratchBe;
    private final long scratchAddress;

    TsoSplitter(ByteBuffer data, long dataAddress, int slots) {
        this.le = data;
        this.be = data.duplicate().order(ByteOrder.BIG_ENDIAN);
        this.data = dataAddress;
        this.scratch = Native.allocate(slots * MAX_SEGMENTS * MAX_HEADERS);
        this.scratchBe = scratch.duplicate().order(ByteOrder.BIG_ENDIAN);
        this.scratchAddress = Native.address(scratch);
    }

    /** Most messages one super-packet can need. */
    static int maxMessages() {
        return (MAX_SEGMENTS + MAX_PER_SEND - 1) / MAX_PER_SEND;
    }

    /**
     * Adds the segments of the packet at {@code at} ({@code length} bytes, MSS {@code mss}) read into slot
     * {@code slot} to {@code batch}; false (nothing added) when it is not a TCP packet that can be cut.
     */
    boolean split(int slot, int at, int length, int mss, Peer peer, SendBatch batch) {
        if (Ip4.protocol(be, at) != Ip4.TCP || mss <= 0) {
            return false;
        }
        int ihl = Ip4.headerLength(be, at);
        int tcp = at + ihl;
        if (length < ihl + 20) {
            return false;
        }
        int thl = Ip4.tcpHeaderLength(be, tcp);
        int hdr = ihl + thl;
        int payload = length - hdr;
        if (thl < 20 || payload < 0 || hdr > MAX_HEADERS) {
            return false;
        }
        int segments = Math.max(1, (payload + mss - 1) / mss);
        if (segments > MAX_SEGMENTS) {
            return false;
        }
        int src = Ip4.source(be, at);
        int dst = Ip4.destination(be, at);
        int id = be.getShort(at + 4);
        int seq = be.getInt(tcp + 4);
        int flags = Ip4.tcpFlags(be, tcp);
        int base = slot * MAX_SEGMENTS * MAX_HEADERS;
        for (int i = 0; i < segments; i++) {
            int size = Math.min(mss, payload - i * mss);
            int h = base + i * hdr;
            scratch.put(h, le, at, hdr);
            scratchBe.putShort(h + 2, (short) (hdr + size));
            scratchBe.putShort(h + 4, (short) (id + i));
            Ip4.fixHeaderChecksum(scratchBe, scratch, h);
            int th = h + ihl;
            int f = flags;
            if (i < segments - 1) {
                f &= ~(FIN | PSH);
            }
            if (i > 0) {
                f &= ~CWR;
            }
            scratchBe.putInt(th + 4, seq + i * mss);
            scratchBe.put(th + 13, (byte) f);
            scratchBe.putShort(th + 16, (short) 0);
            long sum = Checksum.pseudo(src, dst, Ip4.TCP, thl + size) + Checksum.sum(scratch, th, thl)
                    + Checksum.sum(le, at + hdr + i * mss, size);
            scratchBe.putShort(th + 16, (short) Checksum.finish(sum));
        }
        int perSend = Math.max(1, Math.min(MAX_PER_SEND, MAX_UDP_PAYLOAD / (hdr + mss)));
        for (int first = 0; first < segments; first += perSend) {
            int n = Math.min(perSend, segments - first);
            batch.begin(peer.ip(), peer.port(), peer);
            for (int i = first; i < first + n; i++) {
                batch.add(scratchAddress + base + (long) i * hdr, hdr);
                int size = Math.min(mss, payload - i * mss);
                if (size > 0) {
                    batch.add(data + at + hdr + (long) i * mss, size);
                }
            }
            batch.end(n > 1 ? hdr + mss : 0);
        }
        PeerCounters pc = peer.counters();
        pc.txPackets += segments;
        pc.txBytes += (long) segments * hdr + payload;
        return true;
    }
}
