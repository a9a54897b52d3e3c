package dev.ovnet.planner.model;

import java.util.List;

/**
 * One of ovnet's own iptables chains with its rules, in iptables-save's canonical form ({@code -A CHAIN ...}),
 * plus the single jump rule from the built-in chain {@code hook} that leads to it. The chain is owned whole:
 * its rules are replaced together, in order, in one iptables-restore transaction.
 */
public record IptablesChain(String table, String chain, String hook, String jumpRule, List<String> rules)
        implements KernelObject {

    public IptablesChain {
        rules = List.copyOf(rules);
    }

    @Override
    public Phase phase() {
        return Phase.IPTABLES;
    }

    @Override
    public ObjectKey key() {
        return new ObjectKey(Phase.IPTABLES, "iptables", table + " " + chain);
    }

    @Override
    public String describe() {
        return "iptables -t " + table + " chain " + chain + " (" + rules.size() + " rules, from " + hook + ")";
    }
}
