package dev.ovnet.forwarder;

import dev.ovnet.planner.net.Cidr;
import dev.ovnet.planner.net.Ipv4;

/**
 * One line of the peer table: a subnet and the underlay address and port of the host that holds it, with its
 * counters. The counters outlive a reload that keeps the line, so a reload never resets an unchanged peer.
 */
public final class Peer {

    private final Cidr subnet;
    private final Ipv4 address;
    private final int port;
    private final PeerCounters counters;
    private final int network;
    private final int mask;
    private final int broadcast;

    Peer(Cidr subnet, Ipv4 address, int port, PeerCounters counters) {
        this.subnet = subnet;
        this.address = address;
        this.port = port;
        this.counters = counters;
        this.network = subnet.network().bits();
        this.mask = Cidr.mask(subnet.prefix());
        this.broadcast = Policy.broadcast(subnet);
    }

    public Cidr subnet() {
        return subnet;
    }

    public Ipv4 address() {
        return address;
    }

    /** The address as host-order bits, for the hot path. */
    int ip() {
        return address.bits();
    }

    /** The subnet's network address, mask and broadcast address as host-order bits, for the hot path. */
    int network() {
        return network;
    }

    int mask() {
        return mask;
    }

    int broadcast() {
        return broadcast;
    }

    public int port() {
        return port;
    }

    public PeerCounters counters() {
        return counters;
    }

    /** Same subnet, address and port. */
    boolean sameAs(Peer other) {
        return subnet.equals(other.subnet) && address.equals(other.address) && port == other.port;
    }

    @Override
    public String toString() {
        return subnet + " " + address + ":" + port;
    }
}
