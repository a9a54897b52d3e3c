package dev.ovnet.providers.kernel;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ovnet.planner.model.FdbEntry;
import dev.ovnet.planner.model.Link;
import dev.ovnet.planner.model.Neighbour;
import dev.ovnet.planner.model.Route;
import dev.ovnet.planner.net.Cidr;
import dev.ovnet.planner.net.Cidr6;
import dev.ovnet.planner.net.IpAddress;
import dev.ovnet.planner.net.IpNetwork;
import dev.ovnet.planner.net.Ipv4;
import dev.ovnet.planner.net.Ipv6;
import dev.ovnet.planner.net.Mac;
import dev.ovnet.planner.plan.Underlay;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Parsers for iproute2's JSON output ({@code ip -j}, {@code bridge -j}), pure functions from text to ovnet's
 * kernel object records. Only what ovnet owns survives: permanent neighbours and fdb entries on ovnet's devices,
 * of either family (IPv6 ones exist on a dual-stack network); everything else a host has is skipped, never
 * reported.
 */
public final class Iproute2Json {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String ZERO_MAC = "00:00:00:00:00:00";

    private Iproute2Json() {
    }

    /**
     * One interface as {@code ip -d -j addr show} prints it. {@code vxlan} is null unless the kind is vxlan.
     * {@code ipv6} holds its global IPv6 addresses (link-local ones are skipped).
     */
    public record Iface(int index, String name, int mtu, String kind, String mac, Vxlan vxlan, List<Inet> ipv4,
            List<Inet6> ipv6) {
        public Iface {
            ipv4 = List.copyOf(ipv4);
            ipv6 = List.copyOf(ipv6);
        }

        public Iface(int index, String name, int mtu, String kind, String mac, Vxlan vxlan, List<Inet> ipv4) {
            this(index, name, mtu, kind, mac, vxlan, ipv4, List.of());
        }
    }

    /** An IPv6 address with the prefix length it was configured with. */
    public record Inet6(Ipv6 address, int prefix) {
    }

    /**
     * A vxlan device's settings; {@code link} is the underlay device name, or its ifindex when ip printed one;
     * {@code local} is either family (iproute2 names an IPv6 one {@code local6}).
     */
    public record Vxlan(Integer id, String local, String link, Integer port) {
    }

    /** An IPv4 address with the prefix length it was configured with (host bits may be set). */
    public record Inet(Ipv4 address, int prefix) {
    }

    /**
     * Splits the output of {@code ip -j -batch -}: one JSON array per command, one after the other.
     *
     * @throws IllegalArgumentException when the text is not a sequence of JSON values
     */
    public static List<JsonNode> arrays(String text) {
        List<JsonNode> out = new ArrayList<>();
        try (JsonParser parser = MAPPER.createParser(text);
                MappingIterator<JsonNode> values = MAPPER.readValues(parser, JsonNode.class)) {
            while (values.hasNextValue()) {
                out.add(values.nextValue());
            }
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("not iproute2 JSON output: " + e.getMessage(), e);
        }
        return out;
    }

    /** Parses one JSON array. */
    public static JsonNode array(String text) {
        List<JsonNode> all = arrays(text);
        if (all.size() != 1) {
            throw new IllegalArgumentException("expected one JSON array, found " + all.size() + " values");
        }
        return all.get(0);
    }

    /** {@code ip -d -j addr show} (or {@code link show}, then without addresses). */
    public static List<Iface> interfaces(JsonNode array) {
        List<Iface> out = new ArrayList<>();
        for (JsonNode n : array) {
            JsonNode linkinfo = n.path("linkinfo");
            String kind = linkinfo.path("info_kind").asText(null);
            Vxlan vxlan = null;
            if (Link.VXLAN.equals(kind)) {
                JsonNode d = linkinfo.path("info_data");
                vxlan = new Vxlan(intOrNull(d.get("id")), d.path("local").asText(d.path("local6").asText(null)),
                        d.path("link").asText(null), intOrNull(d.get("port")));
            }
            List<Inet> inets = new ArrayList<>();
            List<Inet6> inet6s = new ArrayList<>();
            for (JsonNode a : n.path("addr_info")) {
                if ("inet".equals(a.path("family").asText()) && a.has("local")) {
                    inets.add(new Inet(Ipv4.parse(a.get("local").asText()), a.path("prefixlen").asInt(32)));
                } else if ("inet6".equals(a.path("family").asText()) && a.has("local")
                        && !"link".equals(a.path("scope").asText())) {
                    inet6s.add(new Inet6(Ipv6.parse(a.get("local").asText()), a.path("prefixlen").asInt(128)));
                }
            }
            out.add(new Iface(n.path("ifindex").asInt(), n.path("ifname").asText(), n.path("mtu").asInt(), kind,
                    n.path("address").asText(null), vxlan, inets, inet6s));
        }
        return out;
    }

    /**
     * The {@link Link} ovnet would describe this interface as. A vxlan's underlay device given as an ifindex is
     * resolved to its name with {@code all}; a kind ovnet does not make is reported with only name, kind and MTU
     * (so the diff replaces it).
     */
    public static Link link(Iface iface, List<Iface> all) {
        String kind = iface.kind() == null ? "unknown" : iface.kind();
        if (iface.vxlan() != null) {
            Vxlan v = iface.vxlan();
            return new Link(iface.name(), Link.VXLAN, v.id(), v.local() == null ? null : IpAddress.parse(v.local()),
                    deviceName(v.link(), all), v.port(), iface.mtu(), mac(iface.mac()));
        }
        return new Link(iface.name(), kind, null, null, null, null, iface.mtu(), null);
    }

    private static String deviceName(String link, List<Iface> all) {
        if (link == null || link.isEmpty() || !link.chars().allMatch(Character::isDigit)) {
            return link;
        }
        int index = Integer.parseInt(link);
        for (Iface i : all) {
            if (i.index() == index) {
                return i.name();
            }
        }
        return link;
    }

    /**
     * The routes of {@code ip -j route show} (the main table) that carry ovnet's protocol number: ovnet's own,
     * parsed as {@link #routes}. iproute2 prints the protocol as a name only for numbers /etc/iproute2/rt_protos
     * names, and no entry names {@link Route#PROTO}.
     */
    public static List<Route> ovnetRoutes(JsonNode array) {
        List<JsonNode> own = new ArrayList<>();
        for (JsonNode n : array) {
            if (isOvnet(n)) {
                own.add(n);
            }
        }
        return routes(own);
    }

    /**
     * The routes of {@code ip -j route show} that ovnet did not make and that are not on one of {@code devices}
     * (ovnet's devices): what the preflight checks compare ovnet's routes with. IPv6 and multipath routes are
     * skipped.
     */
    public static List<Underlay.HostRoute> otherRoutes(JsonNode array, Set<String> devices) {
        List<Underlay.HostRoute> out = new ArrayList<>();
        for (JsonNode n : array) {
            String dev = n.path("dev").asText(null);
            if (isOvnet(n) || (dev != null && devices.contains(dev)) || n.has("nexthops")) {
                continue;
            }
            if (!(destination(n.path("dst").asText()) instanceof Cidr dst)) {
                continue;
            }
            Ipv4 via = n.has("gateway") && isIpv4(n.get("gateway").asText()) ? Ipv4.parse(n.get("gateway").asText())
                    : null;
            out.add(new Underlay.HostRoute(n.path("type").asText("unicast"), dst, via, dev,
                    n.path("protocol").asText(null)));
        }
        return out;
    }

    /** The IPv4 addresses of every interface but {@code devices} (ovnet's), as configured. */
    public static List<Underlay.HostAddress> otherAddresses(List<Iface> ifaces, Set<String> devices) {
        List<Underlay.HostAddress> out = new ArrayList<>();
        for (Iface i : ifaces) {
            if (!devices.contains(i.name())) {
                i.ipv4().forEach(a -> out.add(new Underlay.HostAddress(i.name(), a.address(), a.prefix())));
            }
        }
        return out;
    }

    private static boolean isOvnet(JsonNode route) {
        return String.valueOf(Route.PROTO).equals(route.path("protocol").asText());
    }

    /**
     * Unicast routes of {@code ip -j route show proto N}, of either family ({@code ip -6} prints IPv6 ones);
     * multipath and special-type routes are skipped.
     */
    public static List<Route> routes(Iterable<JsonNode> array) {
        List<Route> out = new ArrayList<>();
        for (JsonNode n : array) {
            String type = n.path("type").asText("unicast");
            if (!"unicast".equals(type) || !n.has("dev") || n.has("nexthops")) {
                continue;
            }
            IpNetwork dst = destination(n.path("dst").asText());
            if (dst == null) {
                continue;
            }
            IpAddress via = n.has("gateway") ? IpAddress.parse(n.get("gateway").asText()) : null;
            out.add(new Route(dst, via, n.get("dev").asText(), hasFlag(n.path("flags"), "onlink")));
        }
        return out;
    }

    /** A route's destination as iproute2 prints it (a host route without /32 or /128), or null when unreadable. */
    private static IpNetwork destination(String text) {
        if ("default".equals(text)) {
            return new Cidr(new Ipv4(0), 0);
        }
        try {
            if (text.contains("/")) {
                return IpNetwork.parse(text);
            }
            IpAddress host = IpAddress.parse(text);
            return host instanceof Ipv6 v6 ? new Cidr6(v6, 128) : new Cidr((Ipv4) host, 32);
        } catch (IllegalArgumentException e) {
            return null; // not ovnet's
        }
    }

    /** Permanent neighbours of {@code ip -j neigh show nud permanent} (IPv6 ones with -6) on the given devices. */
    public static List<Neighbour> neighbours(JsonNode array, Set<String> devices) {
        List<Neighbour> out = new ArrayList<>();
        for (JsonNode n : array) {
            String dev = n.path("dev").asText(null);
            String dst = n.path("dst").asText("");
            if (dev == null || !devices.contains(dev) || !n.has("lladdr") || !isAddress(dst)
                    || !hasFlag(n.path("state"), "PERMANENT")) {
                continue;
            }
            out.add(new Neighbour(IpAddress.parse(dst), mac(n.get("lladdr").asText()), dev));
        }
        return out;
    }

    /**
     * Permanent {@code self} entries with a {@code dst} (either family) of {@code bridge -j fdb show} on the given devices;
     * the all-zero default entries (flood targets) are skipped.
     */
    public static List<FdbEntry> fdb(JsonNode array, Set<String> devices) {
        List<FdbEntry> out = new ArrayList<>();
        for (JsonNode n : array) {
            String dev = n.path("ifname").asText(null);
            String mac = n.path("mac").asText("");
            String dst = n.path("dst").asText("");
            if (dev == null || !devices.contains(dev) || ZERO_MAC.equals(mac) || !isAddress(dst)
                    || !hasFlag(n.path("flags"), "self") || !"permanent".equals(n.path("state").asText())) {
                continue;
            }
            out.add(new FdbEntry(mac(mac), dev, IpAddress.parse(dst)));
        }
        return out;
    }

    /** Interfaces by name. */
    public static Map<String, Iface> byName(List<Iface> ifaces) {
        Map<String, Iface> out = new HashMap<>();
        ifaces.forEach(i -> out.put(i.name(), i));
        return out;
    }

    private static boolean hasFlag(JsonNode node, String flag) {
        if (node.isTextual()) {
            return node.asText().equals(flag);
        }
        for (JsonNode f : node) {
            if (flag.equals(f.asText())) {
                return true;
            }
        }
        return false;
    }

    private static boolean isIpv4(String text) {
        return IpAddress.tryParse(text).filter(Ipv4.class::isInstance).isPresent();
    }

    private static boolean isAddress(String text) {
        return IpAddress.tryParse(text).isPresent();
    }

    private static Mac mac(String text) {
        return text == null ? null : Mac.parse(text);
    }

    private static Integer intOrNull(JsonNode node) {
        return node == null || !node.canConvertToInt() ? null : node.asInt();
    }
}
