package dev.ovnet.planner.desired;

import dev.ovnet.planner.config.BackendType;
import dev.ovnet.planner.net.Cidr;

/**
 * Everything the per-peer objects of one host depend on besides the peer itself. Two hosts' peer objects for
 * the same peer entries are equal exactly when their contexts are equal, which lets a diff compare peer
 * entries instead of materialising three kernel objects per peer.
 * {@code directSegment} is the host's own L2 segment when directRouting is on, else null. For wireguard,
 * {@code port} is the peers' listen port (every host listens on the network's one port), {@code psk} whether a
 * pre-shared key is configured and {@code keepalive} the persistent keepalive; zero and false otherwise.
 */
public record PeerContext(BackendType type, String device, String iface, Cidr directSegment, int port, boolean psk,
        int keepalive) {

    public PeerContext(BackendType type, String device, String iface, Cidr directSegment) {
        this(type, device, iface, directSegment, 0, false, 0);
    }
}
