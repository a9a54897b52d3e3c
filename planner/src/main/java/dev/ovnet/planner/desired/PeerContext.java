package dev.ovnet.planner.desired;

import dev.ovnet.planner.config.BackendType;
import dev.ovnet.planner.net.Cidr;

/**
 * Everything the per-peer objects of one host depend on besides the peer itself. Two hosts' peer objects for
 * the same peer entries are equal exactly when their contexts are equal, which lets a diff compare peer
 * entries instead of materialising three kernel objects per peer.
 * {@code directSegment} is the host's own L2 segment when directRouting is on, else null.
 */
public record PeerContext(BackendType type, String device, String iface, Cidr directSegment) {
}
