package dev.ovnet.forwarder;

import dev.ovnet.planner.net.Cidr;

/**
 * Which packets may cross the tunnel, so the forwarder is neither an open relay nor a reflector nor a way in for
 * forged sources. Out (TUN to UDP): the destination must be in the pool and not in this host's own subnet. In
 * (UDP to TUN, from a known peer): no address may be one a router drops ({@link #martian}), the destination must
 * be a host of this host's own subnet, and the source must lie in the subnet of the peer that sent the datagram:
 * a peer forwards only its own containers' packets, so anything else was forged by whoever can send from the
 * peer's underlay address.
 */
final class Policy {

    static final int PASS = 0;
    static final int OUTSIDE_POOL = 1;
    static final int OWN_SUBNET = 2;
    static final int NOT_OWN_SUBNET = 3;
    static final int SPOOFED_SOURCE = 4;
    static final int MARTIAN = 5;

    private final int poolNetwork;
    private final int poolMask;
    private final int ownNetwork;
    private final int ownMask;
    private final int ownBroadcast;

    Policy(Cidr pool, Cidr own) {
        this.poolNetwork = pool.network().bits();
        this.poolMask = Cidr.mask(pool.prefix());
        this.ownNetwork = own.network().bits();
        this.ownMask = Cidr.mask(own.prefix());
        this.ownBroadcast = broadcast(own);
    }

    /**
     * The directed broadcast address of {@code subnet} (all host bits set), or 0, which no address checked
     * against it can be, for a /31 or /32 that has none.
     */
    static int broadcast(Cidr subnet) {
        return subnet.prefix() >= 31 ? 0 : subnet.network().bits() | ~Cidr.mask(subnet.prefix());
    }

    /**
     * Addresses that are never a unicast host on the wire, as a router treats them: 0.0.0.0/8 ("this network"),
     * 127.0.0.0/8 (loopback), 224.0.0.0/4 (multicast) and 240.0.0.0/4 (reserved, with 255.255.255.255).
     */
    static boolean martian(int address) {
        int first = address >>> 24;
        return first == 0 || first == 127 || first >= 224;
    }

    int outbound(int destination) {
        if ((destination & poolMask) != poolNetwork) {
            return OUTSIDE_POOL;
        }
        return (destination & ownMask) == ownNetwork ? OWN_SUBNET : PASS;
    }

    /** The verdict on a packet from {@code source} to {@code destination} that {@code peer} sent us. */
    int inbound(int source, int destination, Peer peer) {
        if (martian(source) || martian(destination)) {
            return MARTIAN;
        }
        if ((destination & poolMask) != poolNetwork) {
            return OUTSIDE_POOL;
        }
        if ((destination & ownMask) != ownNetwork) {
            return NOT_OWN_SUBNET;
        }
        if ((source & peer.mask()) != peer.network()) {
            return SPOOFED_SOURCE;
        }
        return destination == ownBroadcast || source == peer.broadcast() ? MARTIAN : PASS;
    }
}
