package dev.ovnet.planner.desired;

import dev.ovnet.planner.model.IptablesChain;
import dev.ovnet.planner.net.Cidr;
import dev.ovnet.planner.net.Cidr6;
import java.util.List;

/**
 * flannel's rules (docs/flannel-compatibility.md) in chains of ovnet's own, each rule marked by an ovnet comment, in
 * iptables-save's canonical spelling so that what refresh reads back compares equal. A dual-stack network has the same
 * chains in ip6tables for pool6 and the IPv6 lease, with IPv6 multicast (ff00::/8) in place of 224.0.0.0/4.
 */
public final class IptablesRules {

    public static final String FORWARD_CHAIN = "OVNET-FWD";
    public static final String MASQ_CHAIN = "OVNET-POSTRTG";
    public static final String FORWARD_COMMENT = "ovnet forward";
    public static final String MASQ_COMMENT = "ovnet masq";
    /** The forward chain's jump from the built-in FORWARD chain of table filter. */
    public static final String FORWARD_JUMP = "-A FORWARD" + comment(FORWARD_COMMENT) + " -j " + FORWARD_CHAIN;
    /** The masquerade chain's jump from the built-in POSTROUTING chain of table nat. */
    public static final String MASQ_JUMP = "-A POSTROUTING" + comment(MASQ_COMMENT) + " -j " + MASQ_CHAIN;

    private IptablesRules() {
    }

    public static IptablesChain forward(Cidr pool) {
        return forward(pool.toString(), false);
    }

    /** The same forward rules for pool6, in an ip6tables chain of the same name. */
    public static IptablesChain forward6(Cidr6 pool6) {
        return forward(pool6.toString(), true);
    }

    private static IptablesChain forward(String pool, boolean ipv6) {
        String c = comment(FORWARD_COMMENT);
        return new IptablesChain("filter", FORWARD_CHAIN, "FORWARD", FORWARD_JUMP,
                List.of("-A " + FORWARD_CHAIN + " -s " + pool + c + " -j ACCEPT",
                        "-A " + FORWARD_CHAIN + " -d " + pool + c + " -j ACCEPT"), ipv6);
    }

    /** Masquerade rules in flannel's order; {@code randomFully} as flannel when iptables supports it. */
    public static IptablesChain masquerade(Cidr pool, Cidr lease, boolean randomFully) {
        return masquerade(pool.toString(), lease.toString(), "224.0.0.0/4", randomFully, false);
    }

    /** The same masquerade rules for pool6 and the IPv6 lease in ip6tables; IPv6 multicast is ff00::/8. */
    public static IptablesChain masquerade6(Cidr6 pool6, Cidr6 lease6, boolean randomFully) {
        return masquerade(pool6.toString(), lease6.toString(), "ff00::/8", randomFully, true);
    }

    private static IptablesChain masquerade(String n, String s, String multicast, boolean randomFully, boolean ipv6) {
        String c = comment(MASQ_COMMENT);
        String masq = " -j MASQUERADE" + (randomFully ? " --random-fully" : "");
        return new IptablesChain("nat", MASQ_CHAIN, "POSTROUTING", MASQ_JUMP,
                List.of("-A " + MASQ_CHAIN + " -m mark --mark 0x4000/0x4000" + c + " -j RETURN",
                        "-A " + MASQ_CHAIN + " -s " + s + " -d " + n + c + " -j RETURN",
                        "-A " + MASQ_CHAIN + " -s " + n + " -d " + s + c + " -j RETURN",
                        "-A " + MASQ_CHAIN + " ! -s " + n + " -d " + s + c + " -j RETURN",
                        "-A " + MASQ_CHAIN + " -s " + n + " ! -d " + multicast + c + masq,
                        "-A " + MASQ_CHAIN + " ! -s " + n + " -d " + n + c + masq), ipv6);
    }

    private static String comment(String text) {
        return " -m comment --comment \"" + text + "\"";
    }
}
