package dev.ovnet.forwarder;

import dev.ovnet.forwarder.tun.Native;
import dev.ovnet.forwarder.tun.NativeException;
import dev.ovnet.forwarder.tun.Poller;
import dev.ovnet.forwarder.tun.SendBatch;
import dev.ovnet.forwarder.tun.TunDevice;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The TUN-to-UDP thread: reads packets from the TUN into slots until it would block or the batch is full, routes
 * each to the peer whose subnet holds its destination, and sends the batch with one sendmmsg. In offload mode a
 * read returns a virtio_net_hdr first: super-packets are cut by the {@link TsoSplitter}, packets that only lack
 * their checksum get it completed. No peer for a pool address: an ICMP net unreachable goes back into the TUN.
 */
final class TunToUdp implements Runnable, SendBatch.Failures {

    private static final int SLOT = 65600;
    private static final int PLAIN_SLOTS = 64;
    private static final int OFFLOAD_SLOTS = 8;
    private static final int NEEDS_CSUM = 1;
    private static final int GSO_NONE = 0;
    private static final int GSO_TCPV4 = 1;
    private static final int GSO_ECN = 0x80;
    /** How long the thread that just sent keeps watching the socket for the answer, besides the TUN. */
    private static final int ANSWER_WAIT_MILLIS = 1;

    private final DataPlane plane;
    private final Counters counters;
    private final int slots;
    private final int hdr;
    private final ByteBuffer le;
    private final ByteBuffer be;
    private final long data;
    private final SendBatch batch;
    private final TsoSplitter splitter;
    private final Poller readable;
    private final IcmpUnreachable icmp;
    /** The ICMP reply, after an all-zero vnet header in offload mode (nothing else writes those bytes). */
    private final ByteBuffer reply = Native.allocate(256);
    private final ByteBuffer replyBe = reply.duplicate().order(ByteOrder.BIG_ENDIAN);
    private final long replyAddress = Native.address(reply);
    private final int reserveMessages;
    private final int reserveIovs;
    private final ReentrantLock lock = new ReentrantLock();
    private final Poller answering;
    private UdpToTun answers;
    private boolean sent;

    TunToUdp(DataPlane plane) {
        this.plane = plane;
        this.counters = plane.counters;
        this.slots = plane.offload ? OFFLOAD_SLOTS : PLAIN_SLOTS;
        this.hdr = plane.offload ? TunDevice.VNET_HDR_LEN : 0;
        this.le = Native.allocate(slots * SLOT);
        this.be = le.duplicate().order(ByteOrder.BIG_ENDIAN);
        this.data = Native.address(le);
        this.reserveMessages = plane.offload ? TsoSplitter.maxMessages() : 1;
        this.reserveIovs = plane.offload ? 2 * TsoSplitter.MAX_SEGMENTS : 1;
        this.batch = new SendBatch(slots * reserveMessages, slots * reserveIovs);
        this.splitter = plane.offload ? new TsoSplitter(le, data, slots) : null;
        this.readable = new Poller(plane.tunFd, Poller.POLLIN, plane.wakeup);
        this.answering = new Poller(plane.wakeup, Poller.POLLIN, plane.tunFd, plane.udpFd);
        this.icmp = new IcmpUnreachable(plane.pool, plane.own);
    }

    @Override
    public void run() {
        try {
            loop();
        } catch (NativeException | RuntimeException e) {
            plane.fail("TUN to UDP", e);
        }
    }

    private void loop() throws NativeException {
        while (plane.running()) {
            boolean drained;
            lock.lock();
            try {
                drained = pass();
            } finally {
                lock.unlock();
            }
            if (drained) {
                // Right after a send, wait on the socket too: the answer (an echo reply, ACKs) then lands on
                // this thread, which is awake, instead of waking the UDP thread from a long sleep; a woken
                // idle vCPU costs tens of microseconds here. One millisecond of poll, no spinning.
                if (sent && answers != null) {
                    sent = false;
                    int ready = answering.awaitFor(ANSWER_WAIT_MILLIS);
                    if (ready == 1) {
                        answers.tryPass();
                        continue;
                    }
                    if (ready != Poller.TIMEOUT) {
                        continue;
                    }
                }
                if (!readable.await()) {
                    return;
                }
            }
        }
    }

    /**
     * Called by the UDP-to-TUN thread right after it wrote into the TUN: a reply (an echo reply, an ACK) is often
     * queued by then, because the kernel delivers the written packet before write returns. Sending it from this
     * thread saves waking the other one (about 12 of the forwarder's 140 microseconds of a ping round trip
     * here). The lock keeps one reader at a time, so per-flow order holds; if the other thread is busy, it is
     * left to it.
     */
    void answers(UdpToTun inbound) {
        this.answers = inbound;
    }

    void tryPass() throws NativeException {
        if (lock.tryLock()) {
            try {
                pass();
            } finally {
                lock.unlock();
            }
        }
    }

    /** Reads until the TUN is empty or the batch is full, then sends; true when the TUN was empty. */
    private boolean pass() throws NativeException {
        PeerTable table = plane.table();
        int used = 0;
        boolean drained = false;
        while (used < slots && batch.hasRoom(reserveMessages, reserveIovs)) {
            long n = Native.C.read(plane.tunFd, data + (long) used * SLOT, SLOT);
            if (n < 0) {
                int errno = Native.errno();
                if (errno == Native.EAGAIN) {
                    drained = true;
                    break;
                }
                if (errno == Native.EINTR) {
                    continue;
                }
                throw new NativeException("read from TUN", errno);
            }
            if (packet(table, used, (int) n)) {
                used++;
            }
        }
        if (!batch.isEmpty()) {
            batch.flush(plane.udpFd, this);
            sent = true;
        }
        return drained;
    }

    /** Handles one read; true when the batch now points into this slot. */
    private boolean packet(PeerTable table, int slot, int n) throws NativeException {
        int base = slot * SLOT;
        int at = base + hdr;
        int length = n - hdr;
        int gsoType = plane.offload && n >= hdr ? le.get(base + 1) & ~GSO_ECN : GSO_NONE;
        if (length < Ip4.MIN_HEADER || !Ip4.wellFormed(be, at, length)
                || (gsoType != GSO_NONE && gsoType != GSO_TCPV4)) {
            counters.tunMalformed++;
            return false;
        }
        int verdict = plane.policy.outbound(Ip4.destination(be, at));
        if (verdict != Policy.PASS) {
            if (verdict == Policy.OUTSIDE_POOL) {
                counters.tunOutsidePool++;
            } else {
                counters.tunOwnSubnet++;
            }
            return false;
        }
        Peer peer = table.route(Ip4.destination(be, at));
        if (peer == null) {
            counters.tunNoRoute++;
            unreachable(at, length);
            return false;
        }
        if (gsoType == GSO_TCPV4) {
            if (!splitter.split(slot, at, length, le.getShort(base + 4) & 0xffff, peer, batch)) {
                counters.tunMalformed++;
                return false;
            }
            return true;
        }
        if (plane.offload && (le.get(base) & NEEDS_CSUM) != 0 && !completeChecksum(base, at, length)) {
            counters.tunMalformed++;
            return false;
        }
        batch.begin(peer.ip(), peer.port(), peer);
        batch.add(data + at, length);
        batch.end(0);
        PeerCounters pc = peer.counters();
        pc.txPackets++;
        pc.txBytes += length;
        return true;
    }

    /** Finishes a CHECKSUM_PARTIAL packet as skb_checksum_help would: sum from csum_start, store at the offset. */
    private boolean completeChecksum(int base, int at, int length) {
        int start = le.getShort(base + 6) & 0xffff;
        int field = start + (le.getShort(base + 8) & 0xffff);
        if (start >= length || field + 2 > length) {
            return false;
        }
        int sum = Checksum.finish(Checksum.sum(le, at + start, length - start));
        if (sum == 0 && Ip4.protocol(be, at) == Ip4.UDP) {
            sum = 0xffff;
        }
        be.putShort(at + field, (short) sum);
        return true;
    }

    private void unreachable(int at, int length) throws NativeException {
        int size = icmp.build(be, at, length, replyBe, reply, hdr);
        if (size > 0) {
            counters.icmpUnreachableSent++;
            if (Native.C.write(plane.tunFd, replyAddress, hdr + size) < 0) {
                counters.tunSendErrors++;
            }
        }
    }

    @Override
    public void failed(Object tag, int errno) {
        ((Peer) tag).counters().txDrops++;
        counters.tunSendErrors++;
    }
}
