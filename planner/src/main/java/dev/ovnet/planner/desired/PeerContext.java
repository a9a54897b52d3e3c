package dev.ovnet.planner.desired;

import dev.ovnet.planner.config.BackendType;
import dev.ovnet.planner.net.Cidr;
import dev.ovnet.planner.net.Cidr6;

/**
 * Everything the per-peer objects of one host depend on besides the peer itself. Two hosts' peer objects for
 * the same peer entries are equal exactly when their contexts are equal, which lets a diff compare peer
 * entries instead of materialising three kernel objects per peer.
 * {@code directSegment} is the host's own L2 segment when directRouting is on, else null. On a dual-stack host
 * {@code device6} is the IPv6 vxlan device (null for host-gw) and {@code directSegment6} the IPv6 network of the
 * host's segment when directRouting is on; {@code dualStack} is false on an IPv4-only host, whose peers get no IPv6
 * objects.
 */
public record PeerContext(BackendType type, String device, String iface, Cidr directSegment, boolean dualStack,
        String device6, Cidr6 directSegment6) {

    /** The context of an IPv4-only host. */
    public PeerContext(BackendType type, String device, String iface, Cidr directSegment) {
        this(type, device, iface, directSegment, false, null, null);
    }
}
