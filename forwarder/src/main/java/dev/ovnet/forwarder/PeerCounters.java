package dev.ovnet.forwarder;

/**
 * Per-peer counters. Each field has one writer at a time: the {@code tx} fields belong to whoever holds the
 * TUN-reading lock, the {@code rx} fields to the UDP-to-TUN thread; plain fields keep the hot path free of
 * fences, and readers (the stats writer) accept values a moment old.
 */
public final class PeerCounters {

    long txPackets;
    long txBytes;
    long txDrops;
    long rxPackets;
    long rxBytes;
    long rxDrops;

    public long txPackets() {
        return txPackets;
    }

    public long txBytes() {
        return txBytes;
    }

    public long txDrops() {
        return txDrops;
    }

    public long rxPackets() {
        return rxPackets;
    }

    public long rxBytes() {
        return rxBytes;
    }

    public long rxDrops() {
        return rxDrops;
    }
}
