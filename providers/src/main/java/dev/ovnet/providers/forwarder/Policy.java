package dev.ovnet.providers.forwarder;

import dev.ovnet.planner.net.Cidr;

/**
 * Which packets may cross the tunnel, so the forwarder is neither an open relay nor a reflector. Out (TUN to
 * UDP): the destination must be in the pool and not in this host's own subnet. In (UDP to TUN, from a known
 * peer): the destination must be in this host's own subnet (which lies in the pool) and the source must not
 * be, since a packet from our own subnet cannot arrive from outside.
 */
final class Policy {

    static final int PASS = 0;
    static final int OUTSIDE_POOL = 1;
    static final int OWN_SUBNET = 2;
    static final int NOT_OWN_SUBNET = 3;
    static final int SPOOFED_SOURCE = 4;

    private final int poolNetwork;
    private final int poolMask;
    private final int ownNetwork;
    private final int ownMask;

    Policy(Cidr pool, Cidr own) {
        this.poolNetwork = pool.network().bits();
        this.poolMask = Cidr.mask(pool.prefix());
        this.ownNetwork = own.network().bits();
        this.ownMask = Cidr.mask(own.prefix());
    }

    int outbound(int destination) {
        if ((destination & poolMask) != poolNetwork) {
            return OUTSIDE_POOL;
        }
        return (destination & ownMask) == ownNetwork ? OWN_SUBNET : PASS;
    }

    int inbound(int source, int destination) {
        if ((destination & poolMask) != poolNetwork) {
            return OUTSIDE_POOL;
        }
        if ((destination & ownMask) != ownNetwork) {
            return NOT_OWN_SUBNET;
        }
        return (source & ownMask) == ownNetwork ? SPOOFED_SOURCE : PASS;
    }
}
