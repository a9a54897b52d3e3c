package dev.ovnet.cli;

import dev.ovnet.planner.spi.ApplyListener;
import dev.ovnet.planner.spi.ApplyResult;
import java.io.PrintWriter;

/**
 * Progress of an apply as plain lines, one per event, safe for CI logs and pipes. (On a terminal the same
 * events drive the same lines; they are short and few: one when a host starts, one when it ends.)
 */
final class Progress implements ApplyListener {

    private final PrintWriter out;
    private final String verb;

    Progress(PrintWriter out, String verb) {
        this.out = out;
        this.verb = verb;
    }

    @Override
    public synchronized void hostStarted(String host, long changes) {
        out.println(host + ": " + verb + " " + changes(changes) + "...");
        out.flush();
    }

    @Override
    public synchronized void hostFinished(String host, ApplyResult result) {
        if (result.ok()) {
            out.println(host + ": done, " + changes(result.applied().size()));
        } else {
            out.println(host + ": FAILED after " + changes(result.applied().size()) + ": "
                    + result.failure().detail().lines().findFirst().orElse(""));
        }
        out.flush();
    }

    /** "1 change", "1,024 changes". */
    static String changes(long n) {
        return Plural.of(n, "change");
    }
}
