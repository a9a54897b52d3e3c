package dev.ovnet.planner.desired;

import dev.ovnet.planner.config.BackendType;
import dev.ovnet.planner.model.FdbEntry;
import dev.ovnet.planner.model.KernelObject;
import dev.ovnet.planner.model.Neighbour;
import dev.ovnet.planner.model.Phase;
import dev.ovnet.planner.model.Route;
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
 */
public final class PeerObjects {

    private PeerObjects() {
    }

    /** How many objects {@link #of} gives, without building them. */
    public static int count(PeerContext context, PeerEntry peer) {
        return switch (context.type()) {
            case VXLAN -> context.directSegment() != null && context.directSegment().contains(peer.address()) ? 1 : 3;
            case HOST_GW, WIREGUARD -> 1;
            case UDP -> 0;
        };
    }

    public static List<KernelObject> of(PeerContext context, PeerEntry peer) {
        return switch (context.type()) {
            case VXLAN -> {
                if (context.directSegment() != null && context.directSegment().contains(peer.address())) {
                    yield List.of(new Route(peer.subnet(), peer.address(), context.iface(), false));
                }
                yield List.of(
                        new Neighbour(peer.subnet().network(), peer.mac(), context.device()),
                        new FdbEntry(peer.mac(), context.device(), peer.address()),
                        new Route(peer.subnet(), peer.subnet().network(), context.device(), true));
            }
            case HOST_GW -> List.of(new Route(peer.subnet(), peer.address(), context.iface(), false));
            case UDP -> List.of();
            case WIREGUARD -> List.of(wireguardPeer(context, peer));
        };
    }

    private static WireguardPeer wireguardPeer(PeerContext context, PeerEntry peer) {
        return new WireguardPeer(context.device(), peer.publicKey(), peer.address(), context.port(), peer.subnet(),
                context.psk(), context.keepalive());
    }

    /** The one object of {@code phase} this host needs for a peer, or null (a cheaper {@link #of} per phase). */
    public static KernelObject of(PeerContext context, PeerEntry peer, Phase phase) {
        boolean direct = context.type() == BackendType.HOST_GW
                || context.directSegment() != null && context.directSegment().contains(peer.address());
        return switch (context.type()) {
            case UDP -> null;
            case WIREGUARD -> phase == Phase.PEER ? wireguardPeer(context, peer) : null;
            case HOST_GW, VXLAN -> switch (phase) {
                case NEIGHBOUR -> direct ? null : new Neighbour(peer.subnet().network(), peer.mac(), context.device());
                case FDB -> direct ? null : new FdbEntry(peer.mac(), context.device(), peer.address());
                case ROUTE -> direct ? new Route(peer.subnet(), peer.address(), context.iface(), false)
                        : new Route(peer.subnet(), peer.subnet().network(), context.device(), true);
                default -> null;
            };
        };
    }

    /** The phases in which peers have objects. */
    public static final List<Phase> PHASES = List.of(Phase.NEIGHBOUR, Phase.FDB, Phase.PEER, Phase.ROUTE);
}
