package dev.ovnet.planner.plan;

import dev.ovnet.planner.config.Backend;
import dev.ovnet.planner.config.BackendType;
import dev.ovnet.planner.config.NetworkConfig;
import dev.ovnet.planner.desired.HostFacts;
import dev.ovnet.planner.desired.WireguardFacts;
import dev.ovnet.planner.net.Cidr;
import dev.ovnet.planner.net.Ipv4;
import dev.ovnet.planner.state.HostState;
import dev.ovnet.planner.state.HostStatus;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks that need a host's facts, run after refresh and before anything changes: what the plan would make on a
 * host must fit what the host already has. Each finding is a {@link HostProblem} of kind CLASH, with what was found
 * and what to do; all are found at once, and a plan with any is not applied anywhere.
 *
 * <ul>
 *   <li>host-gw: every peer's address lies in the host's own underlay segment (the network of its address on its
 *       iface), since host-gw routes a peer's subnet via the peer's own address and the kernel refuses a next hop
 *       it cannot reach directly.</li>
 *   <li>wireguard: the host has {@code wg} (wireguard-tools), and the kernel's wireguard module or
 *       wireguard-go to make the device with; each missing one is named with the package that brings it.</li>
 *   <li>MTU: the iface's MTU leaves room for the backend's encapsulation: with {@code mtu: auto}, at least IPv4's
 *       minimum of 68 bytes for containers; with a fixed {@code mtu}, the fixed value fits.</li>
 *   <li>Clashes: no address or route that ovnet did not make lies inside the pool, except the host's own subnet on
 *       the container bridge (docker0 or cni0 holds the subnet's gateway address, and the kernel's route for it).
 *       Routes to a peer's subnet via that peer's underlay address are flannel's own host-gw (or direct) routes on
 *       a host being adopted: ovnet replaces them with the same route, marked as its own, so they are not clashes.
 *       Routes that hold the whole pool and more (a default route, 10.0.0.0/8 around a 10.244.0.0/16 pool) are
 *       not clashes either: ovnet's longer routes win only inside the pool, the user's route serves the rest.</li>
 * </ul>
 *
 * <p>Pure: only hosts that were read are checked; their peers' addresses and subnets come from the plan.
 */
public final class Preflight {

    /** The smallest MTU an IPv4 interface may have (RFC 791); the kernel refuses less for vxlan and TUN devices. */
    public static final int IPV4_MIN_MTU = 68;
    /** The smallest MTU a link may have for IPv6 (RFC 8200). */
    public static final int IPV6_MIN_MTU = 1280;

    /** At most this many examples are named per problem. */
    private static final int EXAMPLES = 5;

    private Preflight() {
    }

    /**
     * The clashes on the hosts of {@code readings}, for the plan {@code full} (before any {@code --target}
     * limits it, so that every peer of a read host is known). A destroy plan routes nothing: no check.
     */
    public static List<HostProblem> check(NetworkConfig config, Plan full, Map<String, HostReading> readings,
            boolean destroy) {
        List<HostProblem> out = new ArrayList<>();
        if (destroy) {
            return out;
        }
        Set<String> inFile = new HashSet<>();
        config.hosts().forEach(h -> inFile.add(h.name()));
        List<HostState> members = full.next().hosts().stream()
                .filter(h -> h.status() != HostStatus.REMOVING && inFile.contains(h.name())).toList();
        Map<Cidr, HostState> byLease = new HashMap<>();
        members.stream().filter(h -> h.lease() != null).forEach(h -> byLease.put(h.lease(), h));
        for (HostState self : members) {
            HostReading reading = readings.get(self.name());
            if (reading == null || reading.facts() == null) {
                continue;
            }
            mtu(config, self, reading.facts(), out);
            if (config.ipv6Only()) {
                continue; // the segment and pool checks look at IPv4, which an IPv6-only host has none of
            }
            if (config.backend().type() == BackendType.HOST_GW) {
                segment(self, reading.facts(), members, out);
            }
            if (config.backend().type() == BackendType.WIREGUARD) {
                wireguard(self, reading.facts(), out);
            }
            clashes(config, self, reading, byLease, out);
        }
        return out;
    }

    /**
     * The underlay's room for containers: its MTU less the encapsulation (the IPv6 one, 70 bytes on vxlan, when the
     * network carries IPv6, as the MTU ovnet gives it), at least what the network's smallest family needs.
     */
    private static void mtu(NetworkConfig config, HostState self, HostFacts facts, List<HostProblem> out) {
        Backend backend = config.backend();
        int overhead = config.dualStack() ? backend.overhead6() : backend.overhead();
        int room = facts.mtu() - overhead;
        String iface = facts.iface() + " has MTU " + facts.mtu();
        String need = overhead == 0 ? "" : ": the " + backend.type().word() + " backend needs "
                + overhead + " bytes of each packet, which leaves " + room;
        int least = config.ipv6Only() ? IPV6_MIN_MTU : IPV4_MIN_MTU;
        if (config.mtu() == null && room < least) {
            out.add(new HostProblem(self.name(), HostProblem.Kind.CLASH, iface + need + " for containers, less than"
                    + " the " + least + (config.ipv6Only() ? " bytes IPv6 needs (the kernel would turn IPv6 off on the"
                    + " overlay device)" : " bytes IPv4 needs (the kernel would refuse the overlay device)"),
                    "raise the MTU of " + facts.iface() + " (ip link set " + facts.iface() + " mtu 1500), or give"
                            + " the host an iface with a larger MTU"));
        } else if (config.mtu() != null && config.mtu() > room) {
            out.add(new HostProblem(self.name(), HostProblem.Kind.CLASH, "network.mtu is " + config.mtu() + " but "
                    + iface + (need.isEmpty() ? "" : need) + ": full-size container packets would not fit in one"
                    + " underlay packet", "write mtu: auto, or at most " + room));
        }
    }

    /** The host has {@code wg}, and the kernel module or wireguard-go to make the device with. */
    private static void wireguard(HostState self, HostFacts facts, List<HostProblem> out) {
        WireguardFacts wg = facts.wireguard();
        if (wg == null) {
            return;
        }
        if (!wg.tools()) {
            out.add(new HostProblem(self.name(), HostProblem.Kind.CLASH, "the wireguard backend needs the wg"
                    + " command, which is not installed", "install the package wireguard-tools (apt-get install"
                    + " wireguard-tools)"));
        }
        if (!wg.module() && !wg.userspace()) {
            out.add(new HostProblem(self.name(), HostProblem.Kind.CLASH, "the kernel has no wireguard module and"
                    + " wireguard-go is not installed, so there is nothing to make the flannel-wg device with",
                    "install the package wireguard-go (apt-get install wireguard-go), or load the kernel's module"
                            + " (modprobe wireguard)"));
        }
    }

    private static void segment(HostState self, HostFacts facts, List<HostState> members, List<HostProblem> out) {
        Cidr segment = facts.segment();
        if (segment == null) {
            return;
        }
        List<String> off = new ArrayList<>();
        HostState first = null;
        for (HostState peer : members) {
            if (!peer.name().equals(self.name()) && !segment.contains(peer.address())) {
                if (first == null) {
                    first = peer;
                }
                off.add(peer.name() + " (" + peer.address() + ")");
            }
        }
        if (first == null) {
            return;
        }
        out.add(new HostProblem(self.name(), HostProblem.Kind.CLASH, examples(off, "peer") + " not on "
                + self.name() + "'s segment " + segment + " (" + facts.iface() + "): host-gw routes each peer's"
                + " subnet via the peer's own address, so the kernel would refuse 'route " + first.lease() + " via "
                + first.address() + " dev " + facts.iface() + "'",
                "host-gw needs every host on one L2 segment: move the hosts onto one, or use backend type vxlan"
                        + " (with directRouting: true, hosts that share a segment still route directly)"));
    }

    private static void clashes(NetworkConfig config, HostState self, HostReading reading, Map<Cidr, HostState> byLease,
            List<HostProblem> out) {
        Cidr pool = config.pool();
        Cidr own = self.lease();
        List<String> found = new ArrayList<>();
        for (Underlay.HostAddress a : reading.underlay().addresses()) {
            if (pool.contains(a.address()) && !own.contains(a.address())) {
                found.add(a.describe() + where(new Cidr(a.address(), 32), pool, config.subnetLength(), byLease));
            }
        }
        for (Underlay.HostRoute r : reading.underlay().routes()) {
            if (!pool.contains(r.dst()) || bridgeRoute(r, own, reading.underlay()) || adopted(r, byLease)) {
                continue;
            }
            found.add(r.describe() + where(r.dst(), pool, config.subnetLength(), byLease));
        }
        if (found.isEmpty()) {
            return;
        }
        out.add(new HostProblem(self.name(), HostProblem.Kind.CLASH, examples(found, "") + " not made by ovnet"
                + " but inside the pool " + pool + ": ovnet's routes would take the traffic it serves, or the kernel"
                + " would refuse them", "remove " + (found.size() == 1 ? "it" : "them") + " from the host if ovnet is"
                        + " to route there, or choose a pool that does not hold " + (found.size() == 1 ? "it" : "them")));
    }

    /** Whose subnet {@code dst} falls in: this host's, a peer's, several peers', or the pool's unleased part. */
    private static String where(Cidr dst, Cidr pool, int subnetLength, Map<Cidr, HostState> byLease) {
        if (dst.equals(pool)) {
            return " (the whole pool)";
        }
        if (dst.prefix() < subnetLength) {
            return " (it spans several hosts' subnets)";
        }
        Cidr lease = new Cidr(new Ipv4(dst.network().bits() & Cidr.mask(subnetLength)), subnetLength);
        HostState owner = byLease.get(lease);
        return owner == null ? " (a part of the pool no host holds yet)" : " (in " + owner.name() + "'s subnet " + lease
                + ")";
    }

    /**
     * The kernel's route for the container bridge: a device route inside the host's own subnet, on a device that
     * holds an address of that subnet (docker0 or cni0 with the subnet's gateway address).
     */
    private static boolean bridgeRoute(Underlay.HostRoute r, Cidr own, Underlay underlay) {
        if (!own.contains(r.dst()) || r.via() != null || r.dev() == null || !"unicast".equals(r.type())) {
            return false;
        }
        return underlay.addresses().stream().anyMatch(a -> a.dev().equals(r.dev()) && own.contains(a.address()));
    }

    /** flannel's own host-gw or direct route to a peer: the peer's whole subnet via the peer's underlay address. */
    private static boolean adopted(Underlay.HostRoute r, Map<Cidr, HostState> byLease) {
        HostState peer = byLease.get(r.dst());
        return peer != null && "unicast".equals(r.type()) && peer.address().equals(r.via());
    }

    private static String examples(List<String> items, String noun) {
        String named = String.join(", ", items.subList(0, Math.min(EXAMPLES, items.size())))
                + (items.size() > EXAMPLES ? " and " + (items.size() - EXAMPLES) + " more" : "");
        if (noun.isEmpty()) {
            return named + (items.size() == 1 ? " is" : " are");
        }
        return items.size() == 1 ? noun + " " + named + " is" : items.size() + " " + noun + "s (" + named + ") are";
    }
}
