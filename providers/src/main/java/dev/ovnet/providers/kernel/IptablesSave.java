package dev.ovnet.providers.kernel;

import dev.ovnet.planner.model.IptablesChain;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The output of {@code iptables-save}, parsed into tables, their chains and their {@code -A} rules in order.
 * Rules are kept exactly as iptables-save prints them (only trailing blanks removed): the planner writes its
 * rules in that canonical spelling, so a chain read back after an apply compares equal to the one wanted.
 */
public final class IptablesSave {

    private final Map<String, Set<String>> chains;
    private final Map<String, List<String>> rules;

    private IptablesSave(Map<String, Set<String>> chains, Map<String, List<String>> rules) {
        this.chains = chains;
        this.rules = rules;
    }

    public static IptablesSave parse(String text) {
        Map<String, Set<String>> chains = new HashMap<>();
        Map<String, List<String>> rules = new HashMap<>();
        String table = null;
        for (String raw : text.split("\n")) {
            String line = raw.stripTrailing();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            if (line.startsWith("*")) {
                table = line.substring(1);
                chains.computeIfAbsent(table, t -> new LinkedHashSet<>());
                rules.computeIfAbsent(table, t -> new ArrayList<>());
            } else if (table != null && line.startsWith(":")) {
                int space = line.indexOf(' ');
                chains.get(table).add(space < 0 ? line.substring(1) : line.substring(1, space));
            } else if (table != null && line.startsWith("-A ")) {
                rules.get(table).add(line);
            }
        }
        return new IptablesSave(chains, rules);
    }

    public boolean hasChain(String table, String chain) {
        return chains.getOrDefault(table, Set.of()).contains(chain);
    }

    /** The {@code -A chain ...} rules of one chain, in order. */
    public List<String> rules(String table, String chain) {
        String prefix = "-A " + chain + " ";
        List<String> out = new ArrayList<>();
        for (String rule : rules.getOrDefault(table, List.of())) {
            if (rule.startsWith(prefix)) {
                out.add(rule);
            }
        }
        return out;
    }

    /** The rules of {@code hook} that jump to {@code chain}. */
    public List<String> jumps(String table, String hook, String chain) {
        List<String> out = new ArrayList<>();
        for (String rule : rules(table, hook)) {
            if (rule.endsWith(" -j " + chain) || rule.contains(" -j " + chain + " ")) {
                out.add(rule);
            }
        }
        return out;
    }

    /**
     * ovnet's chain as it is, or empty when the chain does not exist. {@code jumpRule} is the one jump from
     * {@code hook}, "" when there is none, or every jump joined by newlines when there are several, so that the
     * diff sees a difference unless there is exactly the one wanted.
     */
    public Optional<IptablesChain> chain(String table, String chain, String hook) {
        if (!hasChain(table, chain)) {
            return Optional.empty();
        }
        String jump = String.join("\n", jumps(table, hook, chain));
        return Optional.of(new IptablesChain(table, chain, hook, jump, rules(table, chain)));
    }
}
