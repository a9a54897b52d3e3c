package dev.ovnet.planner.engine;

import dev.ovnet.planner.config.BackendType;
import dev.ovnet.planner.spi.Probe;
import dev.ovnet.planner.state.HostState;
import dev.ovnet.planner.state.HostStatus;
import dev.ovnet.planner.state.State;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * What {@code --verify} sends from a host once every host is applied: a ping to up to {@link #PEERS} healthy
 * peers, the ones after it in name order (so every host is someone's probe target). For vxlan and udp it goes
 * from the host's VTEP address (its subnet's .0, on flannel.1 or flannel0) to the peer's, so it crosses the
 * overlay both ways: the encapsulation, the peer's neighbour, fdb and route entries for this host, and the
 * forwarders. host-gw has no overlay address; its probe pings the peer's underlay address, the next hop its
 * routes need to reach directly.
 */
public final class Probes {

    /** How many peers a host probes; it passes when one of them answers. */
    public static final int PEERS = 3;

    private Probes() {
    }

    /**
     * The probes for {@code host} in {@code next} (the state the apply aims at), towards peers in {@code healthy}
     * (hosts that hold the applied network); empty when there is no such peer.
     */
    public static List<Probe> forHost(State next, String host, Set<String> healthy) {
        HostState self = next.host(host).orElse(null);
        if (self == null || next.network() == null) {
            return List.of();
        }
        List<HostState> before = new ArrayList<>();
        List<HostState> after = new ArrayList<>();
        for (HostState h : next.hosts()) {
            if (h.name().equals(host) || !healthy.contains(h.name()) || h.status() == HostStatus.REMOVING) {
                continue;
            }
            (h.name().compareTo(host) > 0 ? after : before).add(h);
        }
        after.addAll(before); // wrap around: hosts are sorted by name
        boolean hostGw = next.network().backend().type() == BackendType.HOST_GW;
        List<Probe> probes = new ArrayList<>();
        for (HostState peer : after.subList(0, Math.min(PEERS, after.size()))) {
            if (self.lease() == null) {
                // an IPv6-only network: the same probes over IPv6
                probes.add(hostGw ? new Probe(peer.name(), null, peer.address6())
                        : new Probe(peer.name(), self.lease6().network(), peer.lease6().network()));
            } else {
                probes.add(hostGw ? new Probe(peer.name(), null, peer.address())
                        : new Probe(peer.name(), self.lease().network(), peer.lease().network()));
            }
        }
        return probes;
    }
}
