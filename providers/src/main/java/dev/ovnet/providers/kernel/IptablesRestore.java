package dev.ovnet.providers.kernel;

import dev.ovnet.planner.model.IptablesChain;
import java.util.List;
import java.util.Optional;

/**
 * Renders one chain change as the input of one {@code iptables-restore --noflush} transaction: nothing outside
 * ovnet's chain and its jump rule is touched. A chain is written whole (declared, flushed, every rule added in
 * order) and the built-in chain ends with exactly one jump to it, appended as flannel does; a jump that is
 * already exactly right is left where it is. Deleting removes every jump first, then flushes and deletes the
 * chain. The current rules come from an {@code iptables-save} taken just before.
 */
public final class IptablesRestore {

    private IptablesRestore() {
    }

    /** Creates or rewrites {@code want}. */
    public static String write(IptablesChain want, IptablesSave current) {
        StringBuilder out = new StringBuilder();
        out.append('*').append(want.table()).append('\n');
        out.append(':').append(want.chain()).append(" - [0:0]\n");
        out.append("-F ").append(want.chain()).append('\n');
        for (String rule : want.rules()) {
            out.append(rule).append('\n');
        }
        List<String> jumps = current.jumps(want.table(), want.hook(), want.chain());
        boolean keep = jumps.size() == 1 && jumps.get(0).equals(want.jumpRule());
        if (!keep) {
            for (String jump : jumps) {
                out.append("-D").append(jump.substring(2)).append('\n');
            }
            out.append(want.jumpRule()).append('\n');
        }
        out.append("COMMIT\n");
        return out.toString();
    }

    /** Removes the chain {@code before} names and every jump to it; empty when the chain is already gone. */
    public static Optional<String> delete(IptablesChain before, IptablesSave current) {
        if (!current.hasChain(before.table(), before.chain())) {
            return Optional.empty();
        }
        StringBuilder out = new StringBuilder();
        out.append('*').append(before.table()).append('\n');
        for (String jump : current.jumps(before.table(), before.hook(), before.chain())) {
            out.append("-D").append(jump.substring(2)).append('\n');
        }
        out.append("-F ").append(before.chain()).append('\n');
        out.append("-X ").append(before.chain()).append('\n');
        out.append("COMMIT\n");
        return Optional.of(out.toString());
    }
}
