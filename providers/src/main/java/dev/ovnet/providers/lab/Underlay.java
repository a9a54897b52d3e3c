package dev.ovnet.providers.lab;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ovnet.planner.net.Cidr;
import dev.ovnet.planner.net.Cidr6;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds the simulated hosts and the wire between them: the switch namespace with one bridge per segment (and the
 * router role when there are several), each host namespace with its veth on its segment's bridge. Every step
 * first looks at what is there, so running it again repairs a half-built lab and otherwise changes nothing.
 */
final class Underlay {

    private final Namespaces ns;
    private final LabListener listener;

    Underlay(Namespaces ns, LabListener listener) {
        this.ns = ns;
        this.listener = listener;
    }

    void build(LabLayout layout) {
        buildSwitch(layout);
        for (LabHost host : layout.hosts()) {
            buildHost(layout, host);
        }
    }

    private void buildSwitch(LabLayout layout) {
        String sw = layout.switchNamespace();
        if (ns.add(sw)) {
            listener.step("created namespace " + sw + (layout.routed() ? " (switch and router)" : " (switch)"));
        }
        ns.ipMust(sw, "link", "set", "lo", "up");
        for (int i = 0; i < layout.segmentCount(); i++) {
            Cidr segment = layout.ipv6Only() ? null : layout.segments().get(i);
            String bridge = LabLayout.bridge(i);
            if (!ns.linkExists(sw, bridge)) {
                ns.ipMust(sw, "link", "add", bridge, "type", "bridge");
                listener.step("created bridge " + bridge + " for segment " + (segment != null ? segment
                        : layout.segments6().get(i)) + " in " + sw);
            }
            ns.ipMust(sw, "link", "set", bridge, "mtu", String.valueOf(LabLayout.UNDERLAY_MTU), "up");
            if (layout.routed()) {
                if (segment != null) {
                    ns.setOnlyAddress(sw, bridge, LabLayout.withPrefix(segment.host(1), segment));
                }
                if (layout.dualStack()) {
                    Cidr6 segment6 = layout.segments6().get(i);
                    ns.setOnlyAddress6(sw, bridge, LabLayout.withPrefix(segment6.host(1), segment6));
                }
            } else {
                ns.ipMust(sw, "addr", "flush", "dev", bridge);
            }
        }
        removeStaleBridges(layout);
        ns.sysctl(sw, "net.ipv4.ip_forward", layout.routed() && !layout.ipv6Only() ? "1" : "0");
        if (layout.dualStack()) {
            ns.sysctl(sw, "net.ipv6.conf.all.forwarding", layout.routed() ? "1" : "0");
        }
    }

    /** Bridges of segments an earlier version of the file had. */
    private void removeStaleBridges(LabLayout layout) {
        String sw = layout.switchNamespace();
        for (JsonNode link : ns.ipJson(sw, "link", "show", "type", "bridge")) {
            String name = link.path("ifname").asText();
            if (name.matches("br\\d+") && Integer.parseInt(name.substring(2)) >= layout.segmentCount()) {
                ns.ipMust(sw, "link", "del", name);
                listener.step("removed bridge " + name + " (segment no longer in the file) from " + sw);
            }
        }
    }

    private void buildHost(LabLayout layout, LabHost host) {
        String sw = layout.switchNamespace();
        if (ns.add(host.netns())) {
            listener.step("created namespace " + host.netns() + " (host " + host.name() + ")");
        } else if (!ns.madeByLab(host.netns())) {
            listener.warning("namespace " + host.netns() + " existed and was not made by the lab: it serves as host "
                    + host.name() + ", and lab down will leave it");
        }
        ns.ipMust(host.netns(), "link", "set", "lo", "up");
        if (!ns.linkExists(host.netns(), host.iface())) {
            if (ns.linkExists(sw, host.port())) {
                ns.ipMust(sw, "link", "del", host.port());
            }
            ns.ipMust(sw, "link", "add", host.port(), "type", "veth", "peer", "name", host.iface(),
                    "netns", host.netns());
            listener.step("connected " + host.netns() + " " + host.iface() + " to " + host.bridge() + " in " + sw);
        }
        String mtu = String.valueOf(LabLayout.UNDERLAY_MTU);
        ns.ipMust(sw, "link", "set", host.port(), "mtu", mtu, "master", host.bridge(), "up");
        ns.ipMust(host.netns(), "link", "set", host.iface(), "mtu", mtu, "address", mac(host), "up");
        if (host.address() != null) {
            ns.setOnlyAddress(host.netns(), host.iface(), LabLayout.withPrefix(host.address(), host.segment()));
            if (layout.routed()) {
                ns.ipMust(host.netns(), "route", "replace", "default", "via", host.segment().host(1).toString(),
                        "dev", host.iface());
            } else {
                ns.ip(host.netns(), "route", "del", "default", "via", host.segment().host(1).toString());
            }
        }
        if (host.address6() != null) {
            // the host's IPv6 underlay: its address6, and through the router the other IPv6 segments
            ns.sysctl(host.netns(), "net.ipv6.conf." + host.iface() + ".accept_ra", "0");
            ns.setOnlyAddress6(host.netns(), host.iface(), LabLayout.withPrefix(host.address6(), host.segment6()));
            if (layout.routed()) {
                ns.ipMust(host.netns(), "-6", "route", "replace", "default", "via",
                        host.segment6().host(1).toString(), "dev", host.iface());
            }
        }
        try {
            Files.createDirectories(Path.of(host.root()));
        } catch (IOException e) {
            throw new LabException("cannot create " + host.root() + " for host " + host.name() + ": " + e.getMessage(),
                    "ovnet writes the simulated host's files there; check that the folder can be created");
        }
    }

    /**
     * A fixed MAC per host address (locally administered, 02:0f + the IPv4 bytes; 02:06 + the last four bytes of
     * address6 on an IPv6-only host): a host rebuilt by {@code up} keeps its MAC, so its peers' ARP caches stay right.
     */
    static String mac(LabHost host) {
        if (host.address() == null) {
            long low = host.address6().lo();
            return String.format("02:06:%02x:%02x:%02x:%02x", low >>> 24 & 0xff, low >>> 16 & 0xff, low >>> 8 & 0xff,
                    low & 0xff);
        }
        byte[] ip = host.address().toBytes();
        return String.format("02:0f:%02x:%02x:%02x:%02x", ip[0] & 0xff, ip[1] & 0xff, ip[2] & 0xff, ip[3] & 0xff);
    }

    /** Removes the host namespaces, then the switch, that the lab made; returns those removed. */
    List<String> remove(LabLayout layout) {
        List<String> removed = new ArrayList<>();
        for (LabHost host : layout.hosts()) {
            if (ns.delete(host.netns(), listener)) {
                listener.step("removed namespace " + host.netns() + " (host " + host.name() + ")");
                removed.add(host.netns());
            }
        }
        if (ns.delete(layout.switchNamespace(), listener)) {
            listener.step("removed namespace " + layout.switchNamespace());
            removed.add(layout.switchNamespace());
        }
        return removed;
    }
}
