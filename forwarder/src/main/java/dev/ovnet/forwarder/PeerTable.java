package dev.ovnet.forwarder;

import dev.ovnet.planner.net.Cidr;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * An immutable peer table with allocation-free lookups: by destination (longest prefix first, one hash probe
 * per distinct prefix length, usually one) and by sender address. A reload builds a new table and the
 * forwarder swaps the reference; threads pick it up at their next batch.
 */
public final class PeerTable {

    private final List<Peer> peers;
    private final int[] lengths;
    private final IntTable<Peer>[] bySubnet;
    private final IntTable<Peer> bySender;

    @SuppressWarnings("unchecked")
    private PeerTable(List<Peer> peers) {
        this.peers = List.copyOf(peers);
        TreeSet<Integer> distinct = new TreeSet<>();
        peers.forEach(p -> distinct.add(p.subnet().prefix()));
        this.lengths = distinct.descendingSet().stream().mapToInt(Integer::intValue).toArray();
        this.bySubnet = new IntTable[lengths.length];
        for (int i = 0; i < lengths.length; i++) {
            bySubnet[i] = new IntTable<>(peers.size());
        }
        this.bySender = new IntTable<>(peers.size());
        for (Peer peer : peers) {
            int slot = indexOf(peer.subnet().prefix());
            bySubnet[slot].putIfAbsent(peer.subnet().network().bits(), peer);
            bySender.putIfAbsent(peer.ip(), peer);
        }
    }

    public static PeerTable empty() {
        return new PeerTable(List.of());
    }

    /**
     * A table of {@code entries}; a peer equal to one in {@code previous} (same subnet, address and port) keeps
     * that peer's counters.
     */
    public static PeerTable of(List<PeerFile.Entry> entries, PeerTable previous) {
        List<Peer> peers = new ArrayList<>(entries.size());
        for (PeerFile.Entry entry : entries) {
            Peer fresh = new Peer(entry.subnet(), entry.address(), entry.port(), new PeerCounters());
            Peer kept = previous == null ? null : previous.find(fresh);
            peers.add(kept != null ? kept : fresh);
        }
        return new PeerTable(peers);
    }

    public List<Peer> peers() {
        return peers;
    }

    /** The peer whose subnet holds {@code destination}, or null. */
    public Peer route(int destination) {
        for (int i = 0; i < lengths.length; i++) {
            Peer peer = bySubnet[i].get(destination & Cidr.mask(lengths[i]));
            if (peer != null) {
                return peer;
            }
        }
        return null;
    }

    /** The peer whose underlay address is {@code ip}, or null. */
    public Peer sender(int ip) {
        return bySender.get(ip);
    }

    Peer find(Peer like) {
        for (Peer peer : peers) {
            if (peer.sameAs(like)) {
                return peer;
            }
        }
        return null;
    }

    private int indexOf(int prefix) {
        for (int i = 0; i < lengths.length; i++) {
            if (lengths[i] == prefix) {
                return i;
            }
        }
        throw new IllegalStateException("prefix " + prefix);
    }

    /** Open addressing from int keys to values; sized at build time, read-only afterwards. */
    private static final class IntTable<V> {
        private final int[] keys;
        private final Object[] values;
        private final int mask;

        IntTable(int entries) {
            int size = Integer.highestOneBit(Math.max(4, entries * 2 + 1)) << 1;
            keys = new int[size];
            values = new Object[size];
            mask = size - 1;
        }

        void putIfAbsent(int key, V value) {
            int i = hash(key) & mask;
            while (values[i] != null) {
                if (keys[i] == key) {
                    return;
                }
                i = (i + 1) & mask;
            }
            keys[i] = key;
            values[i] = value;
        }

        @SuppressWarnings("unchecked")
        V get(int key) {
            int i = hash(key) & mask;
            Object value;
            while ((value = values[i]) != null) {
                if (keys[i] == key) {
                    return (V) value;
                }
                i = (i + 1) & mask;
            }
            return null;
        }

        private static int hash(int key) {
            int h = key * 0x9e3779b9;
            return h ^ (h >>> 16);
        }
    }
}
