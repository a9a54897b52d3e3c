package dev.ovnet.planner.desired;

import dev.ovnet.planner.config.Backend;
import dev.ovnet.planner.config.BackendType;
import dev.ovnet.planner.model.Address;
import dev.ovnet.planner.model.FileObject;
import dev.ovnet.planner.model.Forwarder;
import dev.ovnet.planner.model.KernelObject;
import dev.ovnet.planner.model.Link;
import dev.ovnet.planner.model.Route;
import dev.ovnet.planner.model.Sysctl;
import dev.ovnet.planner.model.WireguardKey;
import dev.ovnet.planner.net.Cidr;
import dev.ovnet.planner.net.Cidr6;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;

/**
 * What a host gets (docs/backends.md) as a pure function: the objects a host needs given the network, itself and its
 * peers.
 *
 * <p>Design notes. flannel builds these objects inline while handling lease events; ovnet computes them up
 * front, so the plan can show every one of them and a diff can find what is missing or stale. The per-peer
 * objects are not built here but on demand from the peer entries ({@link PeerObjects}), because a network of
 * n hosts has 3n(n-1) of them. The VTEP MAC comes from the lease ({@code Mac.forLease}), so it is known
 * before anything runs and survives reboots. A dual-stack host also gets the IPv6 objects of {@link Ipv6Objects}, and
 * its files carry both families.
 */
public final class DesiredState {

    /** Mode of the files ovnet writes: as flanneld writes subnet.env (0644). */
    public static final int FILE_MODE = 0644;

    private DesiredState() {
    }

    /**
     * Orders peer entries by subnet, then IPv6 subnet (the only one on an IPv6-only network): the one order every host's peer list and the state use.
     */
    public static final Comparator<PeerEntry> BY_SUBNET = Comparator.comparing(PeerEntry::subnet,
            Comparator.nullsFirst(Comparator.naturalOrder())).thenComparing(PeerEntry::subnet6,
            Comparator.nullsFirst(Comparator.naturalOrder()));

    /**
     * The MTU containers get (FLANNEL_MTU) and the overlay devices get. On a dual-stack vxlan network it is one value
     * for both families and both devices: the underlay MTU minus the IPv6 encapsulation's 70 bytes, so that a
     * full-size packet of either family crosses (flannel gives the IPv6 device the IPv4 overhead of 50, and its
     * full-size IPv6 packets are lost).
     */
    public static int overlayMtu(NetworkSpec network, HostFacts facts) {
        if (network.mtu() != null) {
            return network.mtu();
        }
        return facts.mtu() - (network.dualStack() ? network.backend().overhead6() : network.backend().overhead());
    }

    /**
     * @param allPeers every host of the network as a peer entry, sorted {@link #BY_SUBNET}; the host itself may be
     *                 among them and is left out by a view, without copying.
     */
    public static DesiredHost forHost(NetworkSpec network, HostSpec self, List<PeerEntry> allPeers) {
        return forHost(network, self, allPeers, false);
    }

    /** As {@link #forHost(NetworkSpec, HostSpec, List)}; {@code rotateKey}: the host gets a new wireguard key. */
    public static DesiredHost forHost(NetworkSpec network, HostSpec self, List<PeerEntry> allPeers,
            boolean rotateKey) {
        Backend backend = network.backend();
        HostFacts facts = self.facts();
        Cidr lease = self.lease();
        int mtu = overlayMtu(network, facts);
        String device = backend.deviceName();
        List<KernelObject> objects = new ArrayList<>();

        if (lease != null) {
            ipv4(network, self, mtu, rotateKey, objects);
        }
        boolean dual = network.dualStack() && self.dualStack();
        Cidr6 pool6 = dual ? network.pool6() : null;
        Cidr6 lease6 = dual ? self.lease6() : null;
        if (dual) {
            objects.addAll(Ipv6Objects.forHost(network, self, mtu));
        }
        String root = self.root();
        objects.add(new FileObject(FlannelFiles.under(root, FlannelFiles.SUBNET_ENV),
                FlannelFiles.subnetEnv(network.pool(), lease, pool6, lease6, mtu, network.ipMasq()), FILE_MODE));
        switch (network.runtime()) {
            case DOCKER -> {
                if (lease != null) {
                    objects.add(new FileObject(FlannelFiles.under(root, FlannelFiles.DOCKER_OPTS),
                            FlannelFiles.dockerOpts(lease, mtu, network.ipMasq()), FILE_MODE));
                }
            }
            case CNI -> objects.add(new FileObject(FlannelFiles.under(root, FlannelFiles.CNI_CONFLIST),
                    FlannelFiles.cniConflist(network.name(), network.pool(), lease, pool6, lease6, mtu,
                            network.ipMasq()),
                    FILE_MODE));
            case NONE -> {
            }
        }
        List<PeerEntry> peers = new Excluding(allPeers, self);
        if (backend.type() == BackendType.UDP) {
            String peerFile = FlannelFiles.under(root, OwnedObjects.UDP_PEERS);
            objects.add(new FileObject(peerFile, ForwarderPeers.render(peers, backend.port()), FILE_MODE));
            objects.add(new Forwarder(device, self.address(), backend.port(), network.pool(), lease, peerFile,
                    peers.size(), facts.forwarderBuild()));
        }
        objects.sort(Comparator.comparing(KernelObject::key));
        Cidr direct = backend.type() == BackendType.VXLAN && backend.directRouting() ? facts.segment() : null;
        PeerContext context = backend.type() == BackendType.WIREGUARD
                ? wireguardContext(backend, facts, dual)
                : new PeerContext(backend.type(), device, facts.iface(), direct, dual,
                        dual ? backend.deviceName6() : null, dual && direct != null ? facts.segment6() : null);
        return new DesiredHost(self, context, objects, peers);
    }

    /**
     * A host's IPv4 host objects: forwarding, the backend's device and address (and for wireguard its key), the
     * iptables chains.
     */
    private static void ipv4(NetworkSpec network, HostSpec self, int mtu, boolean rotateKey,
            List<KernelObject> objects) {
        Backend backend = network.backend();
        HostFacts facts = self.facts();
        Cidr lease = self.lease();
        String device = backend.deviceName();
        objects.add(new Sysctl("net.ipv4.ip_forward", "1"));
        switch (backend.type()) {
            case VXLAN -> {
                objects.add(Link.vxlan(device, backend.vni(), self.address(), facts.iface(), backend.port(), mtu,
                        self.mac()));
                objects.add(new Address(device, new Cidr(lease.network(), 32)));
            }
            case UDP -> {
                objects.add(Link.tun(device, mtu));
                objects.add(new Address(device, new Cidr(lease.network(), 32)));
                objects.add(new Route(network.pool(), null, device, false));
            }
            case WIREGUARD -> {
                WireguardFacts wg = facts.wireguard() == null ? WireguardFacts.UNKNOWN : facts.wireguard();
                objects.add(new WireguardKey(FlannelFiles.under(self.root(), WireguardKey.FILE),
                        rotateKey ? null : wg.publicKey(), rotateKey));
                objects.add(Link.wireguard(device, wg.usesUserspace(), backend.port(), mtu));
                objects.add(new Address(device, new Cidr(lease.network(), 32)));
                objects.add(new Route(network.pool(), null, device, false));
            }
            case HOST_GW -> {
            }
        }
        objects.add(IptablesRules.forward(network.pool()));
        if (network.ipMasq()) {
            objects.add(IptablesRules.masquerade(network.pool(), lease, facts.randomFully()));
        }
    }

    private static PeerContext wireguardContext(Backend backend, HostFacts facts, boolean dual) {
        PeerContext context = PeerContext.wireguard(backend.deviceName(), facts.iface(), backend.port(),
                backend.wireguard().psk(), backend.wireguard().persistentKeepalive());
        return dual ? context.withIpv6(backend.deviceName6(), backend.wireguard().port6()) : context;
    }

    /** A list without the entry of one host, as a view: no copy per host. */
    private static final class Excluding extends AbstractList<PeerEntry> {
        private final List<PeerEntry> all;
        private final int skip;

        Excluding(List<PeerEntry> all, HostSpec self) {
            this.all = all;
            int at = Collections.binarySearch(all, PeerEntry.of(self), BY_SUBNET);
            this.skip = at >= 0 && all.get(at).host().equals(self.name()) ? at : linear(all, self.name());
        }

        private static int linear(List<PeerEntry> all, String host) {
            for (int i = 0; i < all.size(); i++) {
                if (all.get(i).host().equals(host)) {
                    return i;
                }
            }
            return -1;
        }

        @Override
        public PeerEntry get(int index) {
            return all.get(skip >= 0 && index >= skip ? index + 1 : index);
        }

        @Override
        public int size() {
            return skip >= 0 ? all.size() - 1 : all.size();
        }
    }
}
