package dev.ovnet.cli;

import dev.ovnet.cli.render.Style;
import dev.ovnet.planner.engine.Session;
import dev.ovnet.planner.plan.Change;
import dev.ovnet.planner.plan.HostProblem;
import dev.ovnet.planner.spi.ApplyResult;
import dev.ovnet.planner.spi.HostFailure;
import dev.ovnet.planner.spi.Rollback;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Messages shared by the commands: a plan's problems (unread hosts, preflight), the per-host recap after apply. */
final class Reports {

    private Reports() {
    }

    /**
     * The plan's problems, one error each with its hint: the hosts that could not be read, then what the preflight
     * checks found. Prints nothing when there are none.
     */
    static void problems(List<HostProblem> problems, Style style, PrintWriter err) {
        for (HostProblem p : problems) {
            String what = p.kind() == HostProblem.Kind.UNREAD ? "could not read " + p.host() + ": "
                    : "preflight: " + p.host() + ": ";
            err.println(style.error() + what + p.detail());
            if (p.hint() != null) {
                err.println("  " + p.hint());
            }
        }
    }

    /** Takes the state lock, saying so when it has to wait, then reads the state. */
    static void lock(Session session, String operation, Duration timeout, PrintWriter err) {
        if (!timeout.isZero()) {
            err.println("Acquiring state lock. This may take a few moments...");
        }
        session.lock(operation, timeout);
    }

    /** Totals of the changes done, in Terraform's words. */
    record Totals(long added, long changed, long destroyed) {
        static Totals of(Map<String, ApplyResult> results) {
            long a = 0;
            long c = 0;
            long d = 0;
            for (ApplyResult r : results.values()) {
                for (Change ch : r.applied()) {
                    switch (ch.action()) {
                        case CREATE -> a++;
                        case UPDATE -> c++;
                        case REPLACE -> {
                            a++;
                            d++;
                        }
                        case DELETE -> d++;
                    }
                }
            }
            return new Totals(a, c, d);
        }
    }

    /**
     * Ansible's recap: one line per host, sorted. A host with work that was never started (an interrupted apply)
     * is skipped, not ok; a host put back as it was after a failure counts as failed and rolled back.
     */
    static void recap(Set<String> hosts, Set<String> withWork, Map<String, ApplyResult> results, PrintWriter out) {
        int width = hosts.stream().mapToInt(String::length).max().orElse(4);
        out.println();
        out.println("RECAP " + "*".repeat(60));
        for (String host : hosts) {
            ApplyResult r = results.get(host);
            boolean skipped = r == null && withWork.contains(host);
            int changed = r == null ? 0 : r.applied().size();
            boolean unreachable = r != null && r.failure() != null && r.failure().unreachable();
            boolean failed = r != null && r.failure() != null && !unreachable;
            int ok = skipped ? 0 : r == null || r.ok() ? 1 : 0;
            out.println(String.format("%-" + width + "s : ok=%d changed=%d failed=%d unreachable=%d skipped=%d"
                    + " rolled_back=%d", host, ok, changed, failed ? 1 : 0, unreachable ? 1 : 0, skipped ? 1 : 0,
                    r != null && r.rolledBack() ? 1 : 0));
        }
        out.println();
    }

    static void failures(Map<String, ApplyResult> results, Style style, PrintWriter err) {
        for (ApplyResult r : results.values()) {
            if (r.failure() != null) {
                HostFailure f = r.failure();
                String detail = Session.reason(f);
                // an ssh failure already reads "node-2 (192.0.2.12:22) is unreachable: ..."
                err.println(style.error() + (detail.startsWith(f.host() + " (") ? detail
                        : f.host() + (f.unreachable() ? " is unreachable: " : ": ") + detail));
                if (f.command() != null && !f.detail().contains(f.command())) {
                    err.println("  command: " + f.command());
                }
                Rollback rb = r.rollback();
                if (rb != null && rb.complete()) {
                    err.println("  rolled back: " + f.host() + " holds exactly what it held before this apply ("
                            + Plural.of(rb.undone().size(), "change") + " undone)");
                } else if (rb != null) {
                    err.println("  rollback incomplete: " + rb.problem() + "; the state lists what " + f.host()
                            + " holds now");
                }
            }
        }
    }
}
