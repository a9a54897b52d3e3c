package dev.ovnet.planner.desired;

import dev.ovnet.planner.model.IptablesChain;
import dev.ovnet.planner.net.Cidr;
import java.util.List;

/**
 * flannel's rules (docs/flannel-compatibility.md) in chains of ovnet's own, each rule marked by an ovnet comment, in
 * iptables-save's canonical spelling so that what refresh reads back compares equal.
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
        String c = comment(FORWARD_COMMENT);
        return new IptablesChain("filter", FORWARD_CHAIN, "FORWARD", FORWARD_JUMP,
                List.of("-A " + FORWARD_CHAIN + " -s " + pool + c + " -j ACCEPT",
                        "-A " + FORWARD_CHAIN + " -d " + pool + c + " -j ACCEPT"));
    }

    /** Masquerade rules in flannel's order; {@code randomFully} as flannel when iptables supports it. */
    public static IptablesChain masquerade(Cidr pool, Cidr lease, boolean randomFully) {
        String c = comment(MASQ_COMMENT);
        String masq = " -j MASQUERADE" + (randomFully ? " --random-fully" : "");
        String n = pool.toString();
        String s = lease.toString();
        return new IptablesChain("nat", MASQ_CHAIN, "POSTROUTING", MASQ_JUMP,
                List.of("-A " + MASQ_CHAIN + " -m mark --mark 0x4000/0x4000" + c + " -j RETURN",
                        "-A " + MASQ_CHAIN + " -s " + s + " -d " + n + c + " -j RETURN",
                        "-A " + MASQ_CHAIN + " -s " + n + " -d " + s + c + " -j RETURN",
                        "-A " + MASQ_CHAIN + " ! -s " + n + " -d " + s + c + " -j RETURN",
                        "-A " + MASQ_CHAIN + " -s " + n + " ! -d 224.0.0.0/4" + c + masq,
                        "-A " + MASQ_CHAIN + " ! -s " + n + " -d " + n + c + masq));
    }

    private static String comment(String text) {
        return " -m comment --comment \"" + text + "\"";
    }
}
