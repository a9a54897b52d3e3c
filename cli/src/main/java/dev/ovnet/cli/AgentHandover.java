package dev.ovnet.cli;

import dev.ovnet.planner.config.Connection;
import dev.ovnet.planner.engine.Session;
import dev.ovnet.planner.plan.Plan;
import dev.ovnet.planner.spi.ApplyResult;
import dev.ovnet.planner.spi.HostFailure;
import dev.ovnet.planner.spi.HostTarget;
import dev.ovnet.providers.state.AgentChannel;
import dev.ovnet.providers.state.AgentReport;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * After an apply or destroy has written the state: waits until every agent host it changed reports that serial
 * (docs/agents.md), and turns each one that did not, within {@code --agent-timeout}, into a host that did not
 * finish, with what its last report says. The recap and the exit code then follow from the reports.
 */
final class AgentHandover {

    /** No agent hosts: nothing to wait for. */
    static final AgentHandover NONE = new AgentHandover(null, Duration.ZERO, null);

    private static final Duration POLL = Duration.ofMillis(100);

    private final Supplier<AgentChannel> channel;
    private final Duration timeout;
    private final PrintWriter out;

    AgentHandover(Supplier<AgentChannel> channel, Duration timeout, PrintWriter out) {
        this.channel = channel;
        this.timeout = timeout;
        this.out = out;
    }

    Session.Outcome settle(Session session, Plan plan, Session.Outcome outcome) {
        Set<String> waiting = new TreeSet<>();
        Map<String, HostTarget> targets = session.targets();
        for (String host : Session.withWork(plan)) {
            HostTarget t = targets.get(host);
            ApplyResult r = outcome.results().get(host);
            if (t != null && t.connection() == Connection.AGENT && r != null && r.ok()) {
                waiting.add(host);
            }
        }
        if (waiting.isEmpty() || channel == null) {
            return outcome;
        }
        long serial = session.state().serial();
        out.println("Waiting up to " + Durations.format(timeout) + " for " + waiting.size() + " agent host(s) to"
                + " report serial " + serial + "...");
        out.flush();
        Map<String, AgentReport> last = new TreeMap<>();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            try {
                last = channel.get().reports();
            } catch (RuntimeException e) {
                // etcd did not answer this time: the deadline still holds
            }
            Map<String, AgentReport> seen = last;
            waiting.removeIf(h -> seen.containsKey(h) && seen.get(h).serial() >= serial);
            if (waiting.isEmpty() || System.nanoTime() > deadline) {
                break;
            }
            try {
                Thread.sleep(POLL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        if (waiting.isEmpty()) {
            return outcome;
        }
        Map<String, ApplyResult> results = new TreeMap<>(outcome.results());
        for (String host : waiting) {
            AgentReport r = last.get(host);
            String why = r == null ? "its agent did not report within " + Durations.format(timeout)
                    + " (no live report: is 'ovnet agent --host " + host + "' running there?)"
                    : "its agent did not report serial " + serial + " within " + Durations.format(timeout)
                            + " (its report: serial " + r.serial() + ", " + r.status()
                            + (r.lastError() == null ? "" : ", last error: " + r.lastError()) + ")";
            results.put(host, new ApplyResult(List.of(), new HostFailure(host, null, host + ": " + why, true)));
        }
        return new Session.Outcome(results, outcome.done() - waiting.size());
    }
}
