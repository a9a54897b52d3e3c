package dev.ovnet.planner.desired;

import dev.ovnet.planner.config.BackendType;
import dev.ovnet.planner.model.FdbEntry;
import dev.ovnet.planner.model.KernelObject;
import dev.ovnet.planner.model.Neighbour;
import dev.ovnet.planner.model.Phase;
import dev.ovnet.planner.model.Route;
import java.util.ArrayList;
import java.util.List;

/**
 * What a host gets per peer (docs/backends.md), for each peer P of a host H:
 * <ul>
 * <li>vxlan: neighbour {@code P.S0 lladdr P.mac permanent}, fdb {@code P.mac dst P.address self permanent},
 *     route {@code P.S via P.S0 dev flannel.<vni> onlink} (flannel's order: the route last). With directRouting
 *     and P on H's own L2 segment: only {@code P.S via P.address dev H.iface}.</li>
 * <li>host-gw: route {@code P.S via P.address dev H.iface}.</li>
 * <li>udp: nothing in the kernel; the peer is a line of the forwarder's peer table (a host object).</li>
 * </ul>
 * On a dual-stack host, each peer with an IPv6 lease also gets the same objects for IPv6: on vxlan, neighbour
 * {@code P.S6_0 lladdr P.mac6 permanent} and fdb {@code P.mac6 dst P.address6} on {@code flannel-v6.<vni>} and route
 * {@code P.S6 via P.S6_0 dev flannel-v6.<vni> onlink} (with directRouting and P's address6 on H's own IPv6 segment
 * only {@code P.S6 via P.address6 dev H.iface}); on host-gw, route {@code P.S6 via P.address6 dev H.iface}.
 */
public final class PeerObjects {

    private PeerObjects() {
    }

    /** How many objects {@link #of} gives, without building them. */
    public static int count(PeerContext context, PeerEntry peer) {
        int v4 = switch (context.type()) {
            case VXLAN -> direct(context, peer) ? 1 : 3;
            case HOST_GW -> 1;
            case UDP -> 0;
        };
        if (!hasIpv6(context, peer)) {
            return v4;
        }
        return v4 + switch (context.type()) {
            case VXLAN -> direct6(context, peer) ? 1 : 3;
            case HOST_GW -> 1;
            case UDP -> 0;
        };
    }

    public static List<KernelObject> of(PeerContext context, PeerEntry peer) {
        if (context.type() == BackendType.UDP) {
            return List.of();
        }
        List<KernelObject> v4 = ipv4(context, peer);
        if (!hasIpv6(context, peer)) {
            return v4;
        }
        List<KernelObject> v6 = ipv6(context, peer);
        List<KernelObject> out = new ArrayList<>(v4.size() + v6.size());
        out.addAll(v4);
        out.addAll(v6);
        return out;
    }

    /** A peer's IPv4 objects in creation order, built at once (this runs for every peer of every host). */
    private static List<KernelObject> ipv4(PeerContext context, PeerEntry peer) {
        if (context.type() == BackendType.HOST_GW || direct(context, peer)) {
            return List.of(new Route(peer.subnet(), peer.address(), context.iface(), false));
        }
        return List.of(
                new Neighbour(peer.subnet().network(), peer.mac(), context.device()),
                new FdbEntry(peer.mac(), context.device(), peer.address()),
                new Route(peer.subnet(), peer.subnet().network(), context.device(), true));
    }

    private static List<KernelObject> ipv6(PeerContext context, PeerEntry peer) {
        if (context.type() == BackendType.HOST_GW || direct6(context, peer)) {
            return List.of(new Route(peer.subnet6(), peer.address6(), context.iface(), false));
        }
        return List.of(
                new Neighbour(peer.subnet6().network(), peer.mac6(), context.device6()),
                new FdbEntry(peer.mac6(), context.device6(), peer.address6()),
                new Route(peer.subnet6(), peer.subnet6().network(), context.device6(), true));
    }

    /** The objects of {@code phase} this host needs for a peer, IPv4 first (a cheaper {@link #of} per phase). */
    public static List<KernelObject> of(PeerContext context, PeerEntry peer, Phase phase) {
        if (context.type() == BackendType.UDP) {
            return List.of();
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
        boolean direct = context.type() == BackendType.HOST_GW || direct(context, peer);
        KernelObject o = switch (phase) {
            case NEIGHBOUR -> direct ? null : new Neighbour(peer.subnet().network(), peer.mac(), context.device());
            case FDB -> direct ? null : new FdbEntry(peer.mac(), context.device(), peer.address());
            case ROUTE -> direct ? new Route(peer.subnet(), peer.address(), context.iface(), false)
                    : new Route(peer.subnet(), peer.subnet().network(), context.device(), true);
            default -> null;
        };
        return o == null ? List.of() : List.of(o);
    }

    private static List<KernelObject> ipv6(PeerContext context, PeerEntry peer, Phase phase) {
        boolean direct = context.type() == BackendType.HOST_GW || direct6(context, peer);
        KernelObject o = switch (phase) {
            case NEIGHBOUR -> direct ? null : new Neighbour(peer.subnet6().network(), peer.mac6(), context.device6());
            case FDB -> direct ? null : new FdbEntry(peer.mac6(), context.device6(), peer.address6());
            case ROUTE -> direct ? new Route(peer.subnet6(), peer.address6(), context.iface(), false)
                    : new Route(peer.subnet6(), peer.subnet6().network(), context.device6(), true);
            default -> null;
        };
        return o == null ? List.of() : List.of(o);
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
    public static final List<Phase> PHASES = List.of(Phase.NEIGHBOUR, Phase.FDB, Phase.ROUTE);
}
