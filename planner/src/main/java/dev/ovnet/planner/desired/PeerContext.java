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
 * objects. For wireguard, {@code port} is the peers' listen port (every host listens on the network's one port),
 * {@code psk} whether a pre-shared key is configured and {@code keepalive} the persistent keepalive; zero and false
 * otherwise. On a dual-stack wireguard host {@code device6} is {@code flannel-wg-v6} and {@code port6} the peers'
 * IPv6 listen port (0 otherwise).
 */
public record PeerContext(BackendType type, String device, String iface, Cidr directSegment, boolean dualStack,
        String device6, Cidr6 directSegment6, int port, boolean psk, int keepalive, int port6) {

    /** The context of an IPv4-only host. */
    public PeerContext(BackendType type, String device, String iface, Cidr directSegment) {
        this(type, device, iface, directSegment, false, null, null, 0, false, 0, 0);
    }

    /** The context of a vxlan or host-gw host, dual-stack or not. */
    public PeerContext(BackendType type, String device, String iface, Cidr directSegment, boolean dualStack,
            String device6, Cidr6 directSegment6) {
        this(type, device, iface, directSegment, dualStack, device6, directSegment6, 0, false, 0, 0);
    }

    /** The context of an IPv4 wireguard host. */
    public static PeerContext wireguard(String device, String iface, int port, boolean psk, int keepalive) {
        return new PeerContext(BackendType.WIREGUARD, device, iface, null, false, null, null, port, psk, keepalive, 0);
    }

    /** This wireguard context on a dual-stack host: its peers get a second peer on {@code device6}. */
    public PeerContext withIpv6(String device6, int port6) {
        return new PeerContext(type, device, iface, directSegment, true, device6, directSegment6, port, psk, keepalive,
                port6);
    }
}
