package dev.ovnet.planner.model;

import java.util.List;

/**
 * One of ovnet's own iptables chains with its rules, in iptables-save's canonical form ({@code -A CHAIN ...}),
 * plus the single jump rule from the built-in chain {@code hook} that leads to it. The chain is owned whole:
 * its rules are replaced together, in order, in one iptables-restore transaction. {@code ipv6} marks a chain of
 * ip6tables (a dual-stack network has the same chains in both), which is another object than the iptables chain of
 * the same table and name.
 */
public record IptablesChain(String table, String chain, String hook, String jumpRule, List<String> rules,
        boolean ipv6) implements KernelObject {

    public IptablesChain {
        rules = List.copyOf(rules);
    }

    /** A chain of iptables (IPv4). */
    public IptablesChain(String table, String chain, String hook, String jumpRule, List<String> rules) {
        this(table, chain, hook, jumpRule, rules, false);
    }

    /** The command that manages this chain's family: iptables or ip6tables. */
    public String command() {
        return ipv6 ? "ip6tables" : "iptables";
    }

    @Override
    public Phase phase() {
        return Phase.IPTABLES;
    }

    @Override
    public ObjectKey key() {
        return new ObjectKey(Phase.IPTABLES, command(), table + " " + chain);
    }

    @Override
    public String describe() {
        return command() + " -t " + table + " chain " + chain + " (" + rules.size() + " rules, from " + hook + ")";
    }
}
