package dev.ovnet.planner.desired;

import dev.ovnet.planner.config.BackendType;
import dev.ovnet.planner.model.FdbEntry;
import dev.ovnet.planner.model.KernelObject;
import dev.ovnet.planner.model.Neighbour;
import dev.ovnet.planner.model.Phase;
import dev.ovnet.planner.model.Route;
import dev.ovnet.planner.net.IpAddress;
import dev.ovnet.planner.net.IpNetwork;
import dev.ovnet.planner.net.Mac;
import java.util.ArrayList;
import dev.ovnet.planner.model.WireguardPeer;
import java.util.List;

/**
 * What a host gets per peer (docs/backends.md), for each peer P of a host H:
 * <ul>
 * <li>vxlan: neighbour {@code P.S0 lladdr P.mac permanent}, fdb {@code P.mac dst P.address self permanent},
 *     route {@code P.S via P.S0 dev flannel.<vni> onlink} (flannel's order: the route last). With directRouting
 *     and P on H's own L2 segment: only {@code P.S via P.address dev H.iface}.</li>
 * <li>host-gw: route {@code P.S via P.address dev H.iface}.</li>
 * <li>udp: nothing in the kernel; the peer is a line of the forwarder's peer table (a host object).</li>
 * <li>wireguard: a peer of {@code flannel-wg}: P's public key, endpoint {@code P.address:port}, allowed IPs
 *     {@code P.S}, the pre-shared key when there is one and the keepalive.</li>
 * </ul>
 * On a dual-stack host, each peer with an IPv6 lease also gets the same objects for IPv6: on vxlan, neighbour
 * {@code P.S6_0 lladdr P.mac6 permanent} and fdb {@code P.mac6 dst P.address6} on {@code flannel-v6.<vni>} and route
 * {@code P.S6 via P.S6_0 dev flannel-v6.<vni> onlink} (with directRouting and P's address6 on H's own IPv6 segment
 * only {@code P.S6 via P.address6 dev H.iface}); on host-gw, route {@code P.S6 via P.address6 dev H.iface}; on
 * wireguard, a peer of {@code flannel-wg-v6} with the same public key, endpoint {@code [P.address6]:port6}, allowed IPs
 * {@code P.S6}, pre-shared key and keepalive (flannel's {@code separate} mode: one device per family, one key).
 * On an IPv6-only network the peers have these IPv6 objects only.
 */
public final class PeerObjects {

    private PeerObjects() {
    }

    /** How many objects {@link #of} gives, without building them. */
    public static int count(PeerContext context, PeerEntry peer) {
        int v4 = peer.subnet() == null ? 0 : switch (context.type()) {
            case VXLAN -> direct(context, peer) ? 1 : 3;
            case HOST_GW, WIREGUARD -> 1;
            case UDP -> 0;
        };
        if (!hasIpv6(context, peer)) {
            return v4;
        }
        return v4 + switch (context.type()) {
            case VXLAN -> direct6(context, peer) ? 1 : 3;
            case HOST_GW, WIREGUARD -> 1;
            case UDP -> 0;
        };
    }

    public static List<KernelObject> of(PeerContext context, PeerEntry peer) {
        if (context.type() == BackendType.UDP) {
            return List.of();
        }
        if (context.type() == BackendType.WIREGUARD) {
            return wireguardPeers(context, peer);
        }
        List<KernelObject> v4 = ipv4(context, peer);
        if (!hasIpv6(context, peer)) {
            return v4;
        }
        List<KernelObject> v6 = ipv6(context, peer);
        if (v4.isEmpty()) {
            return v6;
        }
        List<KernelObject> out = new ArrayList<>(v4.size() + v6.size());
        out.addAll(v4);
        out.addAll(v6);
        return out;
    }

    /** A peer's wireguard peers: on flannel-wg, and on flannel-wg-v6 when both sides have IPv6. */
    private static List<KernelObject> wireguardPeers(PeerContext context, PeerEntry peer) {
        WireguardPeer v4 = new WireguardPeer(context.device(), peer.publicKey(), peer.address(), context.port(),
                peer.subnet(), context.psk(), context.keepalive());
        if (!hasIpv6(context, peer)) {
            return List.of(v4);
        }
        return List.of(v4, new WireguardPeer(context.device6(), peer.publicKey(), peer.address6(), context.port6(),
                peer.subnet6(), context.psk(), context.keepalive()));
    }

    /**
     * A peer's IPv4 objects in creation order, built at once (this runs for every peer of every host); none for a
     * peer of an IPv6-only network, which has no IPv4 lease.
     */
    private static List<KernelObject> ipv4(PeerContext context, PeerEntry peer) {
        if (peer.subnet() == null) {
            return List.of();
        }
        return family(context.type() == BackendType.HOST_GW || direct(context, peer), peer.subnet(), peer.mac(),
                context.device(), peer.address(), context.iface());
    }

    private static List<KernelObject> ipv6(PeerContext context, PeerEntry peer) {
        return family(context.type() == BackendType.HOST_GW || direct6(context, peer), peer.subnet6(), peer.mac6(),
                context.device6(), peer.address6(), context.iface());
    }

    /**
     * One family's objects for a peer: straight to its underlay address when {@code direct}, else through the
     * vxlan device to its VTEP (the subnet's network address): neighbour, fdb, then the onlink route.
     */
    private static List<KernelObject> family(boolean direct, IpNetwork subnet, Mac mac, String device,
            IpAddress address, String iface) {
        if (direct) {
            return List.of(new Route(subnet, address, iface, false));
        }
        return List.of(new Neighbour(subnet.network(), mac, device), new FdbEntry(mac, device, address),
                new Route(subnet, subnet.network(), device, true));
    }

    /** The objects of {@code phase} this host needs for a peer, IPv4 first (a cheaper {@link #of} per phase). */
    public static List<KernelObject> of(PeerContext context, PeerEntry peer, Phase phase) {
        if (context.type() == BackendType.UDP) {
            return List.of();
        }
        if (context.type() == BackendType.WIREGUARD) {
            return phase == Phase.PEER ? wireguardPeers(context, peer) : List.of();
        }
        List<KernelObject> v4 = ipv4(context, peer, phase);
        if (!hasIpv6(context, peer)) {
            return v4;
        }
        List<KernelObject> v6 = ipv6(context, peer, phase);
        if (v4.isEmpty() || v6.isEmpty()) {
            return v4.isEmpty() ? v6 : v4;
        }
        return List.of(v4.get(0), v6.get(0));
    }

    private static List<KernelObject> ipv4(PeerContext context, PeerEntry peer, Phase phase) {
        return inPhase(ipv4(context, peer), phase);
    }

    private static List<KernelObject> ipv6(PeerContext context, PeerEntry peer, Phase phase) {
        return inPhase(ipv6(context, peer), phase);
    }

    private static List<KernelObject> inPhase(List<KernelObject> objects, Phase phase) {
        for (KernelObject o : objects) {
            if (o.phase() == phase) {
                return List.of(o);
            }
        }
        return List.of();
    }

    private static boolean direct(PeerContext context, PeerEntry peer) {
        return context.directSegment() != null && context.directSegment().contains(peer.address());
    }

    private static boolean direct6(PeerContext context, PeerEntry peer) {
        return context.directSegment6() != null && context.directSegment6().contains(peer.address6());
    }

    /** Whether the host is dual-stack and the peer has an IPv6 side (a peer recorded before may not). */
    private static boolean hasIpv6(PeerContext context, PeerEntry peer) {
        return context.dualStack() && peer.subnet6() != null && peer.address6() != null;
    }

    /** The phases in which peers have objects. */
    public static final List<Phase> PHASES = List.of(Phase.NEIGHBOUR, Phase.FDB, Phase.PEER, Phase.ROUTE);
}
