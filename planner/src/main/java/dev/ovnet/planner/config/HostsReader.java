package dev.ovnet.planner.config;

import dev.ovnet.planner.config.PartialConfig.HostDraft;
import dev.ovnet.planner.net.Cidr;
import dev.ovnet.planner.net.Ipv4;
import java.util.List;
import java.util.Locale;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;

/**
 * The {@code hosts:} list, one entry at a time, with the checks that concern a single entry. A host is called
 * {@code hosts[i] (name)} in messages (i counted from 0) once its name is known to be valid. Checks between
 * hosts are {@link CrossChecks}'.
 */
final class HostsReader {

    static final String ENTRY_EXAMPLE = "{name: node-1, address: 192.0.2.11}";
    static final String NETNS_ROOT = "/run/ovnet/netns/";
    private static final List<String> CONNECTIONS = List.of("ssh", "local", "netns", "agent");

    private HostsReader() {
    }

    static void read(YamlMapping top, PartialConfig draft) {
        if (!top.require("hosts", "[" + ENTRY_EXAMPLE + "]")) {
            return;
        }
        List<Node> items = top.list("hosts", "[" + ENTRY_EXAMPLE + "]");
        if (items == null) {
            return;
        }
        if (items.isEmpty()) {
            top.values().problems().at(top.value("hosts"), "hosts is empty",
                    "list at least one host, e.g. hosts: [" + ENTRY_EXAMPLE + "]");
            return;
        }
        for (int i = 0; i < items.size(); i++) {
            Node item = items.get(i);
            String name = peekName(item);
            HostDraft host = new HostDraft(i, item, "hosts[" + i + "]" + (name == null ? "" : " (" + name + ")"));
            YamlMapping block = YamlMapping.open(item, host.label(), item, Keys.HOST, ENTRY_EXAMPLE, top.values());
            if (block != null) {
                readHost(block, host, draft);
                draft.hosts.add(host);
            }
        }
    }

    /** The entry's name when it is a valid one, so that every message about the entry can show it. */
    private static String peekName(Node item) {
        if (item instanceof MappingNode mapping) {
            for (NodeTuple tuple : mapping.getValue()) {
                if (tuple.getKeyNode() instanceof ScalarNode key && key.getValue().equals("name")
                        && tuple.getValueNode() instanceof ScalarNode value
                        && Names.HOST.matcher(value.getValue()).matches()) {
                    return value.getValue();
                }
            }
        }
        return null;
    }

    private static void readHost(YamlMapping block, HostDraft host, PartialConfig draft) {
        Problems problems = block.values().problems();
        if (block.require("name", "node-1")) {
            Located<String> name = block.text("name", "node-1");
            if (name != null && Names.HOST.matcher(name.value()).matches()) {
                host.name = name;
            } else if (name != null) {
                problems.at(name.node(), block.child("name") + " " + Names.show(name.value())
                        + " is not a valid host name", Names.HOST_RULE + ", e.g. node-1");
            }
        }
        if (draft.ipv6Only) {
            Ipv6OnlyChecks.host(block, problems);
        } else if (block.require("address", "192.0.2.11")) {
            Located<String> text = block.text("address", "192.0.2.11");
            Ipv4 address = text == null ? null : SubnetRules.address(text, block.child("address"), "192.0.2.11",
                    problems);
            if (address != null && usable(address, text, block.child("address"), draft, problems)) {
                host.address = new Located<>(address, text.node());
            }
        }
        Located<String> iface = block.text("iface", "eth0");
        if (iface != null) {
            String why = Names.ifaceProblem(iface.value());
            if (why == null) {
                host.iface = iface.value();
            } else {
                problems.at(iface.node(), block.child("iface") + " " + Names.show(iface.value()) + " " + why,
                        "write an interface name of " + Names.IFACE_RULE + ", e.g. eth0");
            }
        }
        Located<String> connection = block.word("connection", CONNECTIONS);
        if (connection != null) {
            host.connection = Connection.valueOf(connection.value().toUpperCase(Locale.ROOT));
            host.connectionNode = connection.node();
        } else if (block.given("connection")) {
            host.connection = null;
        }
        readNetns(block, host);
        readRoot(block, host);
        if (!draft.ipv6Only) {
            readSubnet(block, host, draft);
        }
        Subnet6Rules.readHost(block, host, draft);
        host.ssh = draft.ssh;
        if (block.key("ssh") != null && host.connection != null && host.connection != Connection.SSH) {
            problems.at(block.key("ssh"), block.child("ssh") + " applies only to connection ssh, not "
                    + host.connection, "remove this host's ssh: block");
        }
        YamlMapping ssh = block.block("ssh", Keys.SSH, "{user: admin, sudo: true}");
        if (ssh != null) {
            host.ssh = SshReader.read(ssh, draft.ssh);
        }
    }

    /** Addresses no peer can reach a host at. */
    private static boolean usable(Ipv4 address, Located<String> text, String path, PartialConfig draft, Problems problems) {
        int first = address.bits() >>> 24;
        String why = first == 0 ? "is not a host address" : first == 127 ? "is a loopback address"
                : first >= 224 ? "is a multicast or reserved address" : null;
        if (why != null) {
            problems.at(text.node(), path + " " + address + " " + why,
                    "write the underlay address other hosts reach this host at, e.g. 192.0.2.11");
            return false;
        }
        if (draft.pool != null && draft.pool.value().contains(address)) {
            problems.at(text.node(), path + " " + address + " is inside the pool " + draft.pool.value(),
                    "the pool is for containers: choose a pool that does not hold the hosts' own addresses");
            return false;
        }
        return true;
    }

    private static void readNetns(YamlMapping block, HostDraft host) {
        Problems problems = block.values().problems();
        // netns: on an ssh or local host means nothing, but the full example in docs/configuration.md writes it that
        // way: it is checked as a name and otherwise ignored
        Located<String> netns = block.text("netns", "node-1");
        if (netns != null && !Names.HOST.matcher(netns.value()).matches()) {
            problems.at(netns.node(), block.child("netns") + " " + Names.show(netns.value())
                    + " is not a valid namespace name", Names.HOST_RULE + ", e.g. node-1");
            return;
        }
        if (host.connection == Connection.NETNS) {
            host.netns = netns != null ? netns : host.name == null ? null : new Located<>(host.name.value(), null);
        } else if (host.connection == Connection.AGENT) {
            host.netns = netns; // given: the lab makes the namespace its agent runs in
        }
    }

    private static void readRoot(YamlMapping block, HostDraft host) {
        if (!block.given("root")) {
            if (host.connection != Connection.NETNS && !(host.connection == Connection.AGENT && host.netns != null)) {
                host.root = new Located<>("/", null);
            } else if (host.netns != null) {
                host.root = new Located<>(NETNS_ROOT + host.netns.value(), null);
            }
            return;
        }
        Located<String> root = block.text("root", "/");
        if (root == null) {
            return;
        }
        String path = block.child("root");
        if (!root.value().startsWith("/")) {
            block.values().problems().at(root.node(), path + " " + Names.show(root.value())
                    + " is not an absolute path", "write a path that starts with /, e.g. /srv/ovnet/node-1");
            return;
        }
        String normal = Names.normalisedPath(root.value());
        if (normal == null) {
            block.values().problems().at(root.node(), path + " " + Names.show(root.value()) + " contains ..",
                    "write the path without .. segments, e.g. /srv/ovnet/node-1");
            return;
        }
        host.root = new Located<>(normal, root.node());
    }

    private static void readSubnet(YamlMapping block, HostDraft host, PartialConfig draft) {
        Located<String> text = block.text("subnet", "10.100.50.0/24");
        // examples use the pool's own first subnet, so that a hint is something that could be written as is
        if (text == null) {
            return;
        }
        Problems problems = block.values().problems();
        String path = block.child("subnet");
        String example = draft.rangeKnown() ? new Cidr(draft.min, draft.length).toString() : "10.100.50.0/24";
        Cidr subnet = SubnetRules.cidr(text, path, example, problems);
        if (subnet == null || draft.pool == null) {
            return;
        }
        Cidr pool = draft.pool.value();
        String len = draft.length == null ? "subnet" : "/" + draft.length;
        String choose = ", or remove the key to let ovnet choose";
        if (!pool.contains(subnet.network())) {
            problems.at(text.node(), path + " " + subnet + " is outside the pool " + pool,
                    "write a " + len + " inside " + pool + choose);
            return;
        }
        if (!draft.rangeKnown()) {
            host.subnet = new Located<>(subnet, text.node());
            return;
        }
        if (subnet.prefix() != draft.length) {
            Cidr fixed = new Cidr(new Ipv4(subnet.network().bits() & Cidr.mask(draft.length)), draft.length);
            problems.at(text.node(), path + " " + subnet + " is a /" + subnet.prefix() + ", but network.subnetLength"
                    + " is " + draft.length, "write a " + len + ", e.g. " + fixed + choose);
            return;
        }
        String range = "write a " + len + " from " + draft.min + " to " + draft.max + choose;
        if (subnet.network().compareTo(draft.min) < 0) {
            problems.at(text.node(), path + " " + subnet + " is below network.subnetMin " + draft.min
                    + (draft.minGiven ? "" : " (the default: the pool's first subnet is never used)"), range);
            return;
        }
        if (subnet.network().compareTo(draft.max) > 0) {
            problems.at(text.node(), path + " " + subnet + " is above network.subnetMax " + draft.max, range);
            return;
        }
        host.subnet = new Located<>(subnet, text.node());
    }
}
