package dev.ovnet.planner.desired;

import dev.ovnet.planner.config.BackendType;
import dev.ovnet.planner.config.HostConfig;
import dev.ovnet.planner.config.NetworkConfig;
import dev.ovnet.planner.model.Forwarder;
import dev.ovnet.planner.model.KernelObject;
import dev.ovnet.planner.model.Link;
import dev.ovnet.planner.model.WireguardKey;
import dev.ovnet.planner.net.Cidr6;
import dev.ovnet.planner.net.Ipv6;
import dev.ovnet.planner.spi.HostTarget;
import dev.ovnet.planner.spi.ReadRequest;
import dev.ovnet.planner.state.HostState;
import dev.ovnet.planner.state.State;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What refresh reads on a host, from what ovnet makes there: the overlay devices the file's backend and the
 * recorded network use (and the udp device, which a host of an earlier udp network may still hold), the files ovnet
 * writes under the host's root (its configured and its recorded root), and the forwarder where the file or the
 * state has a udp network. A host whose record lists its objects (partial, rolled back) may still hold devices of
 * an earlier network: those are read too, so that they are removed.
 */
public final class HostReads {

    private HostReads() {
    }

    /** Whether the file or the state has a udp network (so a forwarder may run, and its build matters). */
    public static boolean udp(NetworkConfig config, State state) {
        return config.backend().type() == BackendType.UDP
                || state.network() != null && state.network().backend().type() == BackendType.UDP;
    }

    /** Whether the file or the state has a wireguard network (so a key and a wireguard device may be there). */
    public static boolean wireguard(NetworkConfig config, State state) {
        return config.backend().type() == BackendType.WIREGUARD
                || state.network() != null && state.network().backend().type() == BackendType.WIREGUARD;
    }

    public static ReadRequest of(NetworkConfig config, State state, HostTarget target) {
        Set<String> devices = new HashSet<>();
        Set<String> roots = new HashSet<>();
        roots.add(target.root());
        devices.add(OwnedObjects.UDP_DEVICE);
        if (config.backend().type() == BackendType.VXLAN || config.backend().type() == BackendType.WIREGUARD) {
            devices.add(config.backend().deviceName());
        }
        if (state.network() != null && state.network().backend().deviceName() != null) {
            devices.add(state.network().backend().deviceName());
        }
        Cidr6 pool6 = config.ipv6() != null ? config.ipv6().pool() : state.network() == null ? null
                : state.network().pool6();
        if (config.ipv6() != null && config.backend().deviceName6() != null) {
            devices.add(config.backend().deviceName6());
        }
        if (state.network() != null && state.network().pool6() != null
                && state.network().backend().deviceName6() != null) {
            devices.add(state.network().backend().deviceName6());
        }
        Optional<HostState> recorded = state.host(target.name());
        recorded.ifPresent(h -> roots.add(h.root()));
        List<KernelObject> listed = recorded.filter(h -> !h.derived()).map(HostState::objects).orElse(List.of());
        for (KernelObject o : listed) {
            if (o instanceof Link link) {
                devices.add(link.name());
            }
        }
        Set<String> files = new HashSet<>();
        for (String root : roots) {
            OwnedObjects.FILES.forEach(name -> files.add(FlannelFiles.under(root, name)));
        }
        boolean forwarder = udp(config, state) || listed.stream().anyMatch(o -> o instanceof Forwarder);
        String iface = config.host(target.name()).map(HostConfig::iface).orElse(null);
        Ipv6 address6 = config.host(target.name()).map(HostConfig::address6).orElse(null);
        boolean wireguard = wireguard(config, state) || listed.stream().anyMatch(o -> o instanceof WireguardKey);
        return new ReadRequest(target.address(), iface, devices, files, config.pool(),
                forwarder ? OwnedObjects.UDP_DEVICE : null, pool6, address6,
                wireguard ? FlannelFiles.under(target.root(), WireguardKey.FILE) : null);
    }
}
