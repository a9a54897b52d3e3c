package dev.ovnet.planner.config;

import dev.ovnet.planner.config.PartialConfig.HostDraft;
import dev.ovnet.planner.net.Cidr6;
import dev.ovnet.planner.net.IpAddress;
import dev.ovnet.planner.net.Ipv4;
import dev.ovnet.planner.net.Ipv6;
import java.math.BigInteger;
import org.yaml.snakeyaml.nodes.Node;

/**
 * The IPv6 keys (docs/configuration.md): network.pool6, subnetLength6, subnetMin6 and subnetMax6 with flannel's
 * IPv6 rules, and each host's address6 and subnet6. flannel's rules for IPv6 mirror the IPv4 ones with other
 * bounds: an explicit length is at most 126 and at least the pool's prefix + 2; without one, a pool6 of /62 or
 * larger gives 64, /63 to /124 give prefix + 2, and a smaller pool6 is an error. subnetMin6 defaults to the second
 * subnet, subnetMax6 to the last. As for IPv4, host bits are refused, not masked, and a value of the other family
 * is named as such with the key it belongs under.
 */
final class Subnet6Rules {

    static final int LONGEST = 126;
    static final String POOL_EXAMPLE = "fd10:100::/48";
    static final String ADDRESS_EXAMPLE = "fd00:192:0:2::11";

    private Subnet6Rules() {
    }

    /** The default subnetLength6 for a pool6 prefix, or -1 when the pool is too small for flannel. */
    static int defaultLength(int poolPrefix) {
        if (poolPrefix > LONGEST - 2) {
            return -1;
        }
        return poolPrefix <= 62 ? 64 : poolPrefix + 2;
    }

    static void read(YamlMapping network, PartialConfig draft) {
        Problems problems = network.values().problems();
        draft.pool6Given = network.given("pool6");
        for (String key : new String[] {"subnetLength6", "subnetMin6", "subnetMax6"}) {
            if (!draft.pool6Given && network.key(key) != null) {
                problems.at(network.key(key), network.child(key) + " needs network.pool6, which is not given",
                        "add pool6: " + POOL_EXAMPLE + " to make the network dual-stack, or remove " + key);
            }
        }
        if (!draft.pool6Given) {
            return;
        }
        Located<String> text = network.text("pool6", POOL_EXAMPLE);
        Cidr6 pool = text == null ? null : cidr(text, network.child("pool6"), POOL_EXAMPLE, problems);
        if (pool == null) {
            return;
        }
        draft.pool6 = new Located<>(pool, text.node());
        Integer length = length(network, draft.pool6, problems);
        Ipv6 min = bound(network, "subnetMin6", pool, length, problems);
        Ipv6 max = bound(network, "subnetMax6", pool, length, problems);
        if (length == null || network.given("subnetMin6") && min == null || network.given("subnetMax6") && max == null) {
            return;
        }
        Ipv6 first = min != null ? min : pool.subnet(BigInteger.ONE, length).network();
        Ipv6 last = max != null ? max : pool.subnet(BigInteger.ONE.shiftLeft(length - pool.prefix())
                .subtract(BigInteger.ONE), length).network();
        if (first.compareTo(last) > 0) {
            problems.at(network.value(max != null ? "subnetMax6" : "subnetMin6"), network.child("subnetMin6") + " "
                    + first + (min == null ? " (the default)" : "") + " is above " + network.child("subnetMax6") + " "
                    + last + (max == null ? " (the default)" : ""), "write subnetMin6 at or below subnetMax6");
            return;
        }
        draft.ipv6 = new Ipv6Network(pool, length, first, last);
    }

    /** An IPv6 network as written (host bits zero), or null after a problem. */
    static Cidr6 cidr(Located<String> text, String path, String example, Problems problems) {
        String value = text.value();
        if (!Ipv6.looksLike(value)) {
            problems.at(text.node(), path + " " + Names.show(value) + " is " + (isIpv4Network(value) ? "an IPv4"
                    : "not an IPv6") + " network", "write an IPv6 network, e.g. " + example
                    + (isIpv4Network(value) ? "; IPv4 goes under " + ipv4Key(path) : ""));
            return null;
        }
        Cidr6 lenient;
        try {
            lenient = Cidr6.parseLenient(value);
        } catch (IllegalArgumentException e) {
            problems.at(text.node(), path + " " + Names.show(value) + " is not an IPv6 network",
                    isAddress(value) ? "add the prefix length, e.g. " + value + example.substring(example.indexOf('/'))
                            : "write address/length, e.g. " + example);
            return null;
        }
        String address = value.substring(0, value.indexOf('/'));
        if (!Ipv6.parse(address).equals(lenient.network())) {
            problems.at(text.node(), path + " " + Names.show(value) + " has host bits set",
                    "write " + lenient + " (the /" + lenient.prefix() + " that holds " + address + ")");
            return null;
        }
        return lenient;
    }

    /** An IPv6 address as written, or null after a problem. */
    static Ipv6 address(Located<String> text, String path, String example, Problems problems) {
        String value = text.value();
        if (!Ipv6.looksLike(value)) {
            boolean v4 = isIpv4(value);
            problems.at(text.node(), path + " " + Names.show(value) + " is " + (v4 ? "an IPv4" : "not an IPv6")
                    + " address", "write an IPv6 address, e.g. " + example + (v4 ? "; IPv4 goes under "
                    + ipv4Key(path) : ""));
            return null;
        }
        try {
            return Ipv6.parse(value);
        } catch (IllegalArgumentException e) {
            int slash = value.indexOf('/');
            problems.at(text.node(), path + " " + Names.show(value) + " is not an IPv6 address",
                    slash > 0 && isAddress(value.substring(0, slash))
                            ? "write the address without the /length: " + value.substring(0, slash)
                            : "write eight groups of hex digits joined by colons, :: for a run of zeros, e.g. "
                                    + example);
            return null;
        }
    }

    /** A host's address6 and subnet6. */
    static void readHost(YamlMapping block, HostDraft host, PartialConfig draft) {
        Problems problems = block.values().problems();
        host.address6Given = block.key("address6") != null;
        if (!draft.pool6Given) {
            for (String key : new String[] {"address6", "subnet6"}) {
                if (block.key(key) != null) {
                    problems.at(block.key(key), block.child(key) + " needs network.pool6, which is not given",
                            "add pool6: " + POOL_EXAMPLE + " to network to make it dual-stack, or remove " + key);
                }
            }
            return;
        }
        Located<String> text = block.text("address6", ADDRESS_EXAMPLE);
        Ipv6 address = text == null ? null : address(text, block.child("address6"), ADDRESS_EXAMPLE, problems);
        if (address != null && usable(address, text, block.child("address6"), draft, problems)) {
            host.address6 = new Located<>(address, text.node());
        }
        readSubnet(block, host, draft);
    }

    /** Addresses no peer can reach a host at, or that a vxlan device cannot use as its local address. */
    private static boolean usable(Ipv6 address, Located<String> text, String path, PartialConfig draft,
            Problems problems) {
        String why = address.equals(new Ipv6(0, 0)) ? "is the unspecified address"
                : address.equals(new Ipv6(0, 1)) ? "is the loopback address"
                : Cidr6.parse("ff00::/8").contains(address) ? "is a multicast address"
                : Cidr6.parse("fe80::/10").contains(address) ? "is a link-local address, which needs an interface"
                        + " to mean anything" : null;
        if (why != null) {
            problems.at(text.node(), path + " " + address + " " + why,
                    "write the global or unique-local IPv6 address other hosts reach this host at, e.g. "
                            + ADDRESS_EXAMPLE);
            return false;
        }
        if (draft.pool6 != null && draft.pool6.value().contains(address)) {
            problems.at(text.node(), path + " " + address + " is inside the pool6 " + draft.pool6.value(),
                    "pool6 is for containers: choose a pool6 that does not hold the hosts' own addresses");
            return false;
        }
        return true;
    }

    private static void readSubnet(YamlMapping block, HostDraft host, PartialConfig draft) {
        Ipv6Network range = draft.ipv6;
        String example = range != null ? new Cidr6(range.subnetMin(), range.subnetLength()).toString()
                : "fd10:100:0:32::/64";
        Located<String> text = block.text("subnet6", example);
        if (text == null) {
            return;
        }
        Problems problems = block.values().problems();
        String path = block.child("subnet6");
        Cidr6 subnet = cidr(text, path, example, problems);
        if (subnet == null || draft.pool6 == null) {
            return;
        }
        Cidr6 pool = draft.pool6.value();
        String choose = ", or remove the key to let ovnet choose";
        if (!pool.contains(subnet.network())) {
            problems.at(text.node(), path + " " + subnet + " is outside the pool6 " + pool,
                    "write a " + (range == null ? "subnet" : "/" + range.subnetLength()) + " inside " + pool + choose);
            return;
        }
        if (range == null) {
            host.subnet6 = new Located<>(subnet, text.node());
            return;
        }
        int len = range.subnetLength();
        if (subnet.prefix() != len) {
            problems.at(text.node(), path + " " + subnet + " is a /" + subnet.prefix() + ", but network.subnetLength6"
                    + " is " + len, "write a /" + len + ", e.g. " + new Cidr6(subnet.network().masked(len), len)
                    + choose);
            return;
        }
        if (subnet.network().compareTo(range.subnetMin()) < 0 || subnet.network().compareTo(range.subnetMax()) > 0) {
            boolean below = subnet.network().compareTo(range.subnetMin()) < 0;
            problems.at(text.node(), path + " " + subnet + " is " + (below ? "below network.subnetMin6 "
                    + range.subnetMin() : "above network.subnetMax6 " + range.subnetMax()), "write a /" + len
                    + " from " + range.subnetMin() + " to " + range.subnetMax() + choose);
            return;
        }
        host.subnet6 = new Located<>(subnet, text.node());
    }

    private static Integer length(YamlMapping network, Located<Cidr6> pool, Problems problems) {
        int prefix = pool.value().prefix();
        if (!network.given("subnetLength6")) {
            int length = defaultLength(prefix);
            if (length < 0) {
                problems.at(pool.node(), network.child("pool6") + " " + pool.value() + " is too small: the smallest"
                        + " pool6 is a /124", "use a /124 or a larger pool6, e.g. "
                        + new Cidr6(pool.value().network().masked(124), 124) + ", which holds four /126 subnets");
                return null;
            }
            return length;
        }
        Node node = network.value("subnetLength6");
        String path = network.child("subnetLength6");
        Located<BigInteger> whole = network.values().whole(node, path, "64");
        if (whole == null) {
            return null;
        }
        BigInteger value = whole.value();
        String shown = Values.numberText(node);
        if (value.compareTo(BigInteger.valueOf(LONGEST)) > 0) {
            problems.at(node, path + " " + shown + " is longer than /" + LONGEST,
                    "write " + LONGEST + " or less, usually 64: each subnet needs room for a gateway and containers");
            return null;
        }
        if (value.compareTo(BigInteger.valueOf(prefix + 2)) < 0) {
            problems.at(node, path + " " + shown + " leaves room for fewer than four subnets in the pool6 "
                    + pool.value(), "the pool6 must hold at least four subnets: write " + (prefix + 2) + " to "
                    + LONGEST + ", or use a larger pool6");
            return null;
        }
        return value.intValue();
    }

    private static Ipv6 bound(YamlMapping network, String key, Cidr6 pool, Integer length, Problems problems) {
        String example = length == null ? "fd10:100:0:1::" : pool.subnet(BigInteger.ONE, length).network().toString();
        Located<String> text = network.text(key, example);
        if (text == null) {
            return null;
        }
        String path = network.child(key);
        Ipv6 address = address(text, path, example, problems);
        if (address == null || length == null) {
            return address;
        }
        if (!pool.contains(address)) {
            problems.at(text.node(), path + " " + address + " is outside the pool6 " + pool,
                    "write an address inside " + pool + " on a /" + length + " boundary, e.g. " + example);
            return null;
        }
        Ipv6 aligned = address.masked(length);
        if (!aligned.equals(address)) {
            problems.at(text.node(), path + " " + address + " is not on a /" + length + " boundary",
                    "write " + aligned + ", the start of the /" + length + " that holds " + address);
            return null;
        }
        return address;
    }

    /** The IPv4 key beside an IPv6 one: network.pool6 -> pool, lab.segments6[0] -> segments. */
    static String ipv4Key(String path) {
        String key = Values.last(path);
        return key.endsWith("6") ? key.substring(0, key.length() - 1) : key;
    }

    private static boolean isAddress(String text) {
        return IpAddress.tryParse(text).filter(Ipv6.class::isInstance).isPresent();
    }

    private static boolean isIpv4(String text) {
        return IpAddress.tryParse(text).filter(Ipv4.class::isInstance).isPresent();
    }

    private static boolean isIpv4Network(String text) {
        int slash = text.indexOf('/');
        return isIpv4(slash < 0 ? text : text.substring(0, slash));
    }
}
