package dev.ovnet.planner.config;

import dev.ovnet.planner.net.Cidr;
import dev.ovnet.planner.net.Ipv4;
import java.math.BigInteger;
import org.yaml.snakeyaml.nodes.Node;

/**
 * network.pool, subnetLength, subnetMin and subnetMax with flannel's rules and defaults
 * (docs/flannel-compatibility.md): an explicit length is at most 30 and at least the pool's prefix + 2 (four subnets);
 * without one, a pool of /22 or larger gives 24, /23 to /28 give prefix + 2, and a smaller pool is an error. subnetMin
 * defaults to the second subnet, subnetMax to the last one. Unlike flannel, a pool with host bits set is refused, not
 * masked.
 */
final class SubnetRules {

    static final int LONGEST = 30;

    private SubnetRules() {
    }

    /** The default subnetLength for a pool prefix, or -1 when the pool is too small for flannel. */
    static int defaultLength(int poolPrefix) {
        if (poolPrefix > LONGEST - 2) {
            return -1;
        }
        return poolPrefix <= 22 ? 24 : poolPrefix + 2;
    }

    /**
     * How many hosts a pool leases with subnets of {@code length} and the default subnetMin and subnetMax: every
     * subnet but the first (flannel never leases the pool's first subnet), as the allocator does.
     */
    static long leases(int poolPrefix, int length) {
        return (1L << (length - poolPrefix)) - 1;
    }

    /**
     * The hint for a pool smaller than a /28 (flannel's smallest) that must lease {@code hosts} subnets: a pool
     * at the same start that really holds them by {@link #leases}, with the default subnetLength where a /28 is
     * enough, else with subnetLength 30, which packs the most leases into the smallest pool.
     */
    static String tooSmallHint(Cidr pool, int hosts) {
        if (leases(28, defaultLength(28)) >= hosts) {
            return "use a /28 or a larger pool, e.g. " + widened(pool, 28) + ", which leases "
                    + leases(28, defaultLength(28)) + " subnets of /30 (the pool's first subnet is never leased)";
        }
        int prefix = 28;
        while (leases(prefix, LONGEST) < hosts) {
            prefix--;
        }
        int plain = 28;
        while (leases(plain, defaultLength(plain)) < hosts) {
            plain--;
        }
        return "use e.g. pool: " + widened(pool, prefix) + " with subnetLength: " + LONGEST + ", which leases "
                + leases(prefix, LONGEST) + " subnets for the " + hosts + " hosts (the pool's first subnet is never"
                + " leased), or pool: " + widened(pool, plain) + " with the default subnetLength: "
                + defaultLength(plain);
    }

    /** The pool of {@code prefix} that starts where {@code pool} does (its bits beyond the prefix cleared). */
    static Cidr widened(Cidr pool, int prefix) {
        return new Cidr(new Ipv4(pool.network().bits() & Cidr.mask(prefix)), prefix);
    }

    static void read(YamlMapping network, PartialConfig draft) {
        Values values = network.values();
        Problems problems = values.problems();
        if (Ipv6OnlyChecks.ipv6Only(network)) {
            draft.ipv6Only = true;
            Ipv6OnlyChecks.network(network, problems);
            return;
        }
        if (network.require("pool", "10.100.0.0/16")) {
            Located<String> text = network.text("pool", "10.100.0.0/16");
            Cidr pool = text == null ? null : cidr(text, network.child("pool"), "10.100.0.0/16", problems);
            draft.pool = pool == null ? null : new Located<>(pool, text.node());
        }
        Integer length = length(network, draft.pool, problems);
        if (draft.pool != null && !network.given("subnetLength") && defaultLength(draft.pool.value().prefix()) < 0) {
            draft.tooSmallPool = draft.pool; // reported with the hosts' count (CrossChecks), which is not read yet
        }
        draft.lengthGiven = network.given("subnetLength");
        draft.minGiven = network.given("subnetMin");
        draft.maxGiven = network.given("subnetMax");
        Ipv4 min = bound(network, "subnetMin", draft.pool, length, problems);
        Ipv4 max = bound(network, "subnetMax", draft.pool, length, problems);
        if (length == null || draft.pool == null || network.given("subnetMin") && min == null
                || network.given("subnetMax") && max == null) {
            return;
        }
        Cidr pool = draft.pool.value();
        long size = 1L << (32 - length);
        Ipv4 first = min != null ? min : pool.network().plus(size);
        Ipv4 last = max != null ? max : pool.network().plus(pool.size() - size);
        if (first.compareTo(last) > 0) {
            boolean atMax = network.given("subnetMax");
            problems.at(network.value(atMax ? "subnetMax" : "subnetMin"), network.child("subnetMin") + " " + first
                    + (min == null ? " (the default)" : "") + " is above " + network.child("subnetMax") + " " + last
                    + (max == null ? " (the default)" : ""), min == null ? "write a subnetMax of " + first
                    + " or more (the pool's first subnet is never used)" : "write subnetMin at or below subnetMax");
            return;
        }
        draft.length = length;
        draft.min = first;
        draft.max = last;
    }

    /**
     * A CIDR as written (IPv4, host bits zero), or null after a problem. An IPv6 value is named as such, with the key
     * it belongs under (the same key with a 6: pool6, subnet6, segments6).
     */
    static Cidr cidr(Located<String> text, String path, String example, Problems problems) {
        String value = text.value();
        if (value.contains(":")) {
            problems.at(text.node(), path + " " + Names.show(value) + " is an IPv6 network",
                    "write an IPv4 network, e.g. " + example + "; IPv6 goes under " + Values.last(path) + "6");
            return null;
        }
        Cidr lenient;
        try {
            lenient = Cidr.parseLenient(value);
        } catch (IllegalArgumentException e) {
            String length = example.substring(example.indexOf('/'));
            problems.at(text.node(), path + " " + Names.show(value) + " is not an IPv4 network",
                    isAddress(value) ? "add the prefix length, e.g. " + value + length
                            : "write address/length, e.g. " + example);
            return null;
        }
        if (!Ipv4.parse(value.substring(0, value.indexOf('/'))).equals(lenient.network())) {
            problems.at(text.node(), path + " " + Names.show(value) + " has host bits set",
                    "write " + lenient + " (the /" + lenient.prefix() + " that holds "
                            + value.substring(0, value.indexOf('/')) + ")");
            return null;
        }
        return lenient;
    }

    /** An IPv4 address as written, or null after a problem. */
    static Ipv4 address(Located<String> text, String path, String example, Problems problems) {
        String value = text.value();
        if (value.contains(":")) {
            problems.at(text.node(), path + " " + Names.show(value) + " is an IPv6 address",
                    "write an IPv4 address, e.g. " + example + "; IPv6 goes under " + Values.last(path) + "6");
            return null;
        }
        try {
            return Ipv4.parse(value);
        } catch (IllegalArgumentException e) {
            int slash = value.indexOf('/');
            problems.at(text.node(), path + " " + Names.show(value) + " is not an IPv4 address",
                    slash > 0 && isAddress(value.substring(0, slash))
                            ? "write the address without the /length: " + value.substring(0, slash)
                            : "write four numbers from 0 to 255 joined by dots, e.g. " + example);
            return null;
        }
    }

    private static boolean isAddress(String text) {
        try {
            Ipv4.parse(text);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static Integer length(YamlMapping network, Located<Cidr> pool, Problems problems) {
        if (!network.given("subnetLength")) {
            if (pool == null) {
                return null;
            }
            int length = defaultLength(pool.value().prefix());
            return length < 0 ? null : length;
        }
        Node node = network.value("subnetLength");
        String path = network.child("subnetLength");
        Located<BigInteger> whole = network.values().whole(node, path, "24");
        if (whole == null) {
            return null;
        }
        BigInteger value = whole.value();
        String shown = Values.numberText(node);
        int shortest = pool == null ? 2 : pool.value().prefix() + 2;
        if (value.compareTo(BigInteger.valueOf(LONGEST)) > 0) {
            problems.at(node, path + " " + shown + " is longer than /" + LONGEST,
                    "write " + LONGEST + " or less: each subnet needs room for a gateway and containers");
            return null;
        }
        if (value.compareTo(BigInteger.valueOf(shortest)) < 0) {
            if (pool == null || value.signum() <= 0) {
                problems.at(node, path + " " + shown + " is out of range", "write a prefix length from "
                        + shortest + " to " + LONGEST + ", e.g. 24");
            } else {
                problems.at(node, path + " " + shown + " leaves room for fewer than four subnets in the pool "
                        + pool.value(), "the pool must hold at least four subnets: write " + shortest + " to "
                        + LONGEST + ", or use a larger pool");
            }
            return null;
        }
        return value.intValue();
    }

    private static Ipv4 bound(YamlMapping network, String key, Located<Cidr> pool, Integer length, Problems problems) {
        String example = pool == null || length == null ? "10.100.1.0"
                : pool.value().network().plus(1L << (32 - length)).toString();
        Located<String> text = network.text(key, example);
        if (text == null) {
            return null;
        }
        String path = network.child(key);
        Ipv4 address = address(text, path, example, problems);
        if (address == null || pool == null || length == null) {
            return address;
        }
        if (!pool.value().contains(address)) {
            problems.at(text.node(), path + " " + address + " is outside the pool " + pool.value(),
                    "write an address inside " + pool.value() + " on a /" + length + " boundary, e.g. " + example);
            return null;
        }
        Ipv4 aligned = new Ipv4(address.bits() & Cidr.mask(length));
        if (!aligned.equals(address)) {
            problems.at(text.node(), path + " " + address + " is not on a /" + length + " boundary",
                    "write " + aligned + ", the start of the /" + length + " that holds " + address);
            return null;
        }
        return address;
    }
}
