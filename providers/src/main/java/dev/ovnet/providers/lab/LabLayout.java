package dev.ovnet.providers.lab;

import dev.ovnet.planner.config.Connection;
import dev.ovnet.planner.config.ContainerRuntime;
import dev.ovnet.planner.config.HostConfig;
import dev.ovnet.planner.config.NetworkConfig;
import dev.ovnet.planner.net.Cidr;
import dev.ovnet.planner.net.Cidr6;
import dev.ovnet.planner.net.Ipv4;
import dev.ovnet.planner.net.Ipv6;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Every name and address the lab uses, derived from the file alone, so up, check, status and down agree on them
 * (which of those namespaces the lab itself created is {@link LabRecord}'s to say).
 *
 * <p>Design notes. The switch namespace ({@code ovnet-lab-<network name>} unless overridden) holds one bridge per
 * underlay segment, {@code br0}, {@code br1}... in the order of {@code lab.segments} (default: the /24 holding the
 * first netns host's address). With several segments the switch namespace is also the router: each bridge holds
 * its segment's first address (.1), ip_forward is on there, and every host's default route points at its
 * segment's .1. A host's veth peer in the switch namespace is {@code p-<host netns>} (shortened with a hash when
 * longer than 15 characters), so a host keeps its port when hosts are reordered. With {@code lab.segments6} each
 * segment also carries its IPv6 network: hosts hold their address6 there, and a routing switch namespace holds each
 * IPv6 segment's first address and forwards IPv6 too. The lab of an IPv6-only network has no IPv4 segment at all:
 * its bridges are those of {@code lab.segments6}, and hosts hold only their address6. An agent host with a
 * {@code netns} is a lab host too: its agent runs inside that namespace.
 */
public record LabLayout(
        String network,
        String switchNamespace,
        List<Cidr> segments,
        List<LabHost> hosts,
        ContainerRuntime runtime,
        List<Cidr6> segments6) {

    /** Under each host's root: the lab's own files. */
    public static final String LAB_DIR = "var/lib/ovnet-lab";
    /** Roots below this folder belong to the simulated host entirely; down removes them. */
    public static final String NETNS_ROOTS = "/run/ovnet/netns/";
    public static final String DEFAULT_IFACE = "eth0";
    public static final int UNDERLAY_MTU = 1500;

    private static final Pattern NETNS_NAME = Pattern.compile("[A-Za-z0-9_.][A-Za-z0-9_.-]{0,200}");
    private static final Pattern IFNAME = Pattern.compile("[A-Za-z0-9_.-]{1,15}");

    public LabLayout {
        segments = List.copyOf(segments);
        hosts = List.copyOf(hosts);
        segments6 = List.copyOf(segments6);
    }

    public LabLayout(String network, String switchNamespace, List<Cidr> segments, List<LabHost> hosts,
            ContainerRuntime runtime) {
        this(network, switchNamespace, segments, hosts, runtime, List.of());
    }

    /** True when the hosts have an IPv6 underlay too ({@code lab.segments6}). */
    public boolean dualStack() {
        return !segments6.isEmpty();
    }

    /** True when the hosts have no IPv4 underlay (the network is IPv6-only). */
    public boolean ipv6Only() {
        return segments.isEmpty() && !segments6.isEmpty();
    }

    /** How many underlay segments (bridges) there are, of whichever family defines them. */
    public int segmentCount() {
        return ipv6Only() ? segments6.size() : segments.size();
    }

    public boolean routed() {
        return segmentCount() > 1;
    }

    /** Bridge of segment {@code i} in the switch namespace. */
    public static String bridge(int i) {
        return "br" + i;
    }

    /** Every namespace the lab creates except containers: the switch, then the hosts in file order. */
    public List<String> fixedNamespaces() {
        List<String> all = new ArrayList<>();
        all.add(switchNamespace);
        hosts.forEach(h -> all.add(h.netns()));
        return all;
    }

    public static LabLayout of(NetworkConfig config, LabOptions options) {
        String file = config.file() == null ? "the file" : config.file();
        List<HostConfig> netnsHosts = config.hosts().stream()
                .filter(h -> h.connection() == Connection.NETNS
                        || h.connection() == Connection.AGENT && h.netns() != null).toList();
        if (netnsHosts.isEmpty()) {
            throw new LabException(file + " has no host with connection: netns (or an agent host with a netns); the"
                    + " lab simulates only those", "add hosts with `connection: netns` (each becomes a network"
                    + " namespace of this machine)");
        }
        List<Cidr6> segments6 = config.lab() == null ? List.of() : config.lab().segments6();
        if (config.ipv6Only() && segments6.isEmpty()) {
            throw new LabException(file + " is an IPv6-only network and its lab has no segments6",
                    "add `segments6: [fd00:192:0:2::/64]` to the lab block, holding every netns host's address6");
        }
        List<Cidr> segments = config.ipv6Only() ? List.of()
                : config.lab() == null || config.lab().segments().isEmpty()
                ? List.of(Cidr.parseLenient(netnsHosts.get(0).address() + "/24"))
                : config.lab().segments();
        int containers = config.lab() == null || config.lab().containers() < 1 ? 1 : config.lab().containers();
        String switchNs = options.switchNamespace() != null ? options.switchNamespace() : "ovnet-lab-" + config.name();
        checkNetnsName(switchNs, "switch namespace", file);

        List<LabHost> hosts = new ArrayList<>();
        Set<String> taken = new HashSet<>(Set.of(switchNs));
        Set<String> ports = new HashSet<>();
        for (HostConfig host : netnsHosts) {
            String netns = host.netns() != null ? host.netns() : host.name();
            checkNetnsName(netns, "netns of host " + host.name(), file);
            if (!taken.add(netns)) {
                throw new LabException(file + ": host " + host.name() + " uses namespace " + netns
                        + ", which another host or the lab's switch already uses",
                        "give every netns host its own `netns:` name");
            }
            String iface = host.iface() != null ? host.iface() : DEFAULT_IFACE;
            if (!IFNAME.matcher(iface).matches()) {
                throw new LabException(file + ": host " + host.name() + ": iface " + iface + " is not a valid interface"
                        + " name", "use at most 15 letters, digits, '_', '.' or '-', e.g. eth0");
            }
            int segment = config.ipv6Only() ? segment6Of(host, segments6, file) : segmentOf(host, segments, file);
            Cidr cidr = config.ipv6Only() ? null : segments.get(segment);
            if (cidr != null && segments.size() > 1 && host.address().equals(cidr.host(1))) {
                throw new LabException(file + ": host " + host.name() + " has address " + host.address()
                        + ", the router's address on segment " + cidr,
                        "with several lab segments, each segment's first address belongs to the lab's router");
            }
            String port = port(netns);
            if (!ports.add(port)) {
                throw new LabException("two lab hosts map to the switch port " + port,
                        "give the netns hosts namespace names that differ in their first 8 characters");
            }
            String root = host.root() != null ? host.root() : NETNS_ROOTS + netns;
            Cidr6 segment6 = segments6.isEmpty() ? null : segments6.get(Math.min(segment, segments6.size() - 1));
            hosts.add(new LabHost(host.name(), netns, iface, host.address(), cidr, bridge(segment), port, root,
                    containers, segment6 == null ? null : host.address6(), segment6));
        }
        for (LabHost host : hosts) {
            for (int n = 1; n <= containers; n++) {
                if (taken.contains(host.containerNetns(n))) {
                    throw new LabException("container namespace " + host.containerNetns(n) + " of host " + host.name()
                            + " is also a lab host or switch namespace", "rename that host's netns");
                }
            }
        }
        return new LabLayout(config.name(), switchNs, segments, hosts, config.runtime(), segments6);
    }

    private static int segmentOf(HostConfig host, List<Cidr> segments, String file) {
        for (int i = 0; i < segments.size(); i++) {
            Cidr cidr = segments.get(i);
            if (cidr.contains(host.address())) {
                boolean edge = cidr.prefix() <= 30
                        && (host.address().equals(cidr.network()) || host.address().equals(cidr.last()));
                if (edge) {
                    throw new LabException(file + ": host " + host.name() + " has address " + host.address()
                            + ", which is not a host address of segment " + cidr,
                            "pick an address between " + cidr.host(1) + " and " + cidr.last().plus(-1));
                }
                return i;
            }
        }
        throw new LabException(file + ": host " + host.name() + " has address " + host.address()
                + ", which is in no lab segment " + segments,
                "add a `lab: segments:` list whose segments hold every netns host's address");
    }

    /** The index of the IPv6 segment holding the address6 of a host of an IPv6-only network. */
    private static int segment6Of(HostConfig host, List<Cidr6> segments6, String file) {
        for (int i = 0; i < segments6.size(); i++) {
            Cidr6 cidr = segments6.get(i);
            if (cidr.contains(host.address6())) {
                if (segments6.size() > 1 && host.address6().equals(cidr.host(1))) {
                    throw new LabException(file + ": host " + host.name() + " has address6 " + host.address6()
                            + ", the router's address on segment " + cidr,
                            "with several lab segments, each segment's first address belongs to the lab's router");
                }
                return i;
            }
        }
        throw new LabException(file + ": host " + host.name() + " has address6 " + host.address6()
                + ", which is in no lab segment " + segments6,
                "give every netns host an address6 inside one of lab.segments6");
    }

    /** The host's veth end in the switch namespace: at most 15 characters, stable per namespace name. */
    static String port(String netns) {
        String plain = "p-" + netns;
        if (IFNAME.matcher(plain).matches()) {
            return plain;
        }
        String clean = netns.replaceAll("[^A-Za-z0-9_.-]", "_");
        String hash = String.format("%04x", netns.hashCode() & 0xffff);
        return "p-" + clean.substring(0, Math.min(8, clean.length())) + "-" + hash;
    }

    private static void checkNetnsName(String name, String what, String file) {
        if (name == null || !NETNS_NAME.matcher(name).matches()) {
            throw new LabException(file + ": " + what + " '" + name + "' cannot name a network namespace",
                    "use letters, digits, '_', '.' and '-' only");
        }
    }

    /** The IPv6 address a host's veth gets, with its IPv6 segment's prefix, e.g. fd00:192:0:2::11/64. */
    public static String withPrefix(Ipv6 address, Cidr6 segment) {
        return address + "/" + segment.prefix();
    }

    /** The address a host's veth gets, with its segment's prefix, e.g. 192.0.2.11/24. */
    public static String withPrefix(Ipv4 address, Cidr segment) {
        return address + "/" + segment.prefix();
    }
}
