package dev.ovnet.planner.desired;

import dev.ovnet.planner.config.Backend;
import dev.ovnet.planner.config.BackendType;
import dev.ovnet.planner.model.Address;
import dev.ovnet.planner.model.KernelObject;
import dev.ovnet.planner.model.Link;
import dev.ovnet.planner.model.Route;
import dev.ovnet.planner.model.Sysctl;
import dev.ovnet.planner.net.Cidr6;
import java.util.ArrayList;
import java.util.List;

/**
 * The host objects a dual-stack host has for IPv6 (docs/backends.md), besides its IPv4 ones: IPv6 forwarding on; for
 * vxlan the device {@code flannel-v6.<vni>} (the same id, port and nolearning as {@code flannel.<vni>}, local the
 * host's address6, its own MAC derived from the IPv6 lease) with the IPv6 lease's network address as a /128; and the
 * forward and (with ipMasq) masquerade chains again in ip6tables, for pool6 and the IPv6 lease. For wireguard the
 * device {@code flannel-wg-v6} (as flannel-wg: kernel module or wireguard-go, the same key and MTU, listening on
 * port6) with the IPv6 lease's network address as a /128 and pool6 routed onto it. The per-peer objects
 * are {@link PeerObjects}'. udp has no IPv6 (the configuration refuses pool6 with udp).
 */
public final class Ipv6Objects {

    /** The kernel parameter that turns IPv6 forwarding on, as flannel relies on for IPv6. */
    public static final String FORWARDING = "net.ipv6.conf.all.forwarding";

    private Ipv6Objects() {
    }

    static List<KernelObject> forHost(NetworkSpec network, HostSpec self, int mtu) {
        Backend backend = network.backend();
        Cidr6 lease6 = self.lease6();
        List<KernelObject> objects = new ArrayList<>();
        objects.add(new Sysctl(FORWARDING, "1"));
        if (backend.type() == BackendType.VXLAN) {
            String device = backend.deviceName6();
            objects.add(Link.vxlan(device, backend.vni(), self.address6(), self.facts().iface(), backend.port(), mtu,
                    self.mac6()));
            objects.add(new Address(device, new Cidr6(lease6.network(), 128)));
        }
        if (backend.type() == BackendType.WIREGUARD) {
            String device = backend.deviceName6();
            WireguardFacts wg = self.facts().wireguard() == null ? WireguardFacts.UNKNOWN : self.facts().wireguard();
            objects.add(Link.wireguard(device, wg.usesUserspace(), backend.wireguard().port6(), mtu));
            objects.add(new Address(device, new Cidr6(lease6.network(), 128)));
            objects.add(new Route(network.pool6(), null, device, false));
        }
        objects.add(IptablesRules.forward6(network.pool6()));
        if (network.ipMasq()) {
            objects.add(IptablesRules.masquerade6(network.pool6(), lease6, self.facts().randomFully()));
        }
        return objects;
    }
}
