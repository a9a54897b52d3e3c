package dev.ovnet.forwarder;

import dev.ovnet.forwarder.tun.NativeException;
import dev.ovnet.forwarder.tun.Poller;
import dev.ovnet.forwarder.tun.ReceiveBatch;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The UDP-to-TUN thread: receives batches with recvmmsg (with UDP GRO, each message may hold many datagrams of
 * one sender), drops what does not come from a peer or may not enter (see {@link Policy}), and hands the rest
 * to a {@link TunSink}. Every datagram is one whole IP packet, flannel's wire format. A peer is its underlay
 * address and port together: its forwarder sends from the port it listens on, the one the peer table records,
 * so a datagram from the peer's address but another port comes from some other program on that host (or a
 * forger) and counts as a non-peer's.
 */
final class UdpToTun implements Runnable {

    static final int BATCH = 64;
    static final int SLOT = 65536;

    private final DataPlane plane;
    private final ReceiveBatch rx = new ReceiveBatch(BATCH, SLOT);
    private final ByteBuffer be = rx.data().duplicate().order(ByteOrder.BIG_ENDIAN);
    private final TunSink sink;
    private final Poller readable;
    private final Counters counters;
    private final TunToUdp replies;
    private final ReentrantLock lock = new ReentrantLock();

    UdpToTun(DataPlane plane, TunToUdp replies) {
        this.plane = plane;
        this.replies = replies;
        this.counters = plane.counters;
        TunWriter writer = new TunWriter(plane);
        this.sink = plane.offload
                ? new GroCoalescer(writer, rx.data(), rx.dataAddress())
                : new PlainSink(writer, rx.dataAddress(), false);
        this.readable = new Poller(plane.udpFd, Poller.POLLIN, plane.wakeup);
    }

    @Override
    public void run() {
        try {
            loop();
        } catch (NativeException | RuntimeException e) {
            plane.fail("UDP to TUN", e);
        }
    }

    private void loop() throws NativeException {
        while (plane.running()) {
            int n;
            lock.lock();
            try {
                n = pass();
            } finally {
                lock.unlock();
            }
            if (n == 0 && !readable.await()) {
                return;
            }
        }
    }

    /** Lets the TUN-to-UDP thread receive an answer itself while it is awake (see {@link TunToUdp}). */
    void tryPass() throws NativeException {
        if (lock.tryLock()) {
            try {
                pass();
            } finally {
                lock.unlock();
            }
        }
    }

    /** Receives one batch, writes what passes into the TUN, then lets the other direction send any reply. */
    private int pass() throws NativeException {
        int n = rx.receive(plane.udpFd);
        if (n == 0) {
            return 0;
        }
        PeerTable table = plane.table();
        for (int i = 0; i < n; i++) {
            message(table, i);
        }
        sink.flush();
        if (replies != null) {
            replies.tryPass();
        }
        return n;
    }

    private void message(PeerTable table, int i) throws NativeException {
        int length = rx.length(i);
        int offset = rx.offset(i);
        int segment = rx.segmentSize(i);
        if (segment <= 0 || segment > length) {
            segment = length;
        }
        Peer peer = table.sender(rx.sourceIp(i));
        if (peer == null || peer.port() != rx.sourcePort(i)) {
            counters.udpNonPeer += length == 0 ? 1 : (length + segment - 1) / segment;
            return;
        }
        if (rx.truncated(i) || length == 0) {
            counters.udpMalformed++;
            peer.counters().rxDrops++;
            return;
        }
        int end = offset + length;
        for (int at = offset; at < end; at += segment) {
            accept(peer, at, Math.min(segment, end - at));
        }
    }

    private void accept(Peer peer, int at, int length) throws NativeException {
        PeerCounters pc = peer.counters();
        if (!Ip4.wellFormed(be, at, length)) {
            counters.udpMalformed++;
            pc.rxDrops++;
            return;
        }
        int verdict = plane.policy.inbound(Ip4.source(be, at), Ip4.destination(be, at), peer);
        if (verdict != Policy.PASS) {
            pc.rxDrops++;
            switch (verdict) {
                case Policy.OUTSIDE_POOL -> counters.udpOutsidePool++;
                case Policy.NOT_OWN_SUBNET -> counters.udpNotOwnSubnet++;
                case Policy.MARTIAN -> counters.udpMartian++;
                default -> counters.udpSpoofedSource++;
            }
            return;
        }
        pc.rxPackets++;
        pc.rxBytes += length;
        sink.add(at, length);
    }
}
