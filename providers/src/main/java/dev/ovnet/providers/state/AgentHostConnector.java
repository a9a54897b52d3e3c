package dev.ovnet.providers.state;

import dev.ovnet.planner.desired.HostFacts;
import dev.ovnet.planner.plan.HostPlan;
import dev.ovnet.planner.plan.HostReading;
import dev.ovnet.planner.spi.ApplyListener;
import dev.ovnet.planner.spi.ApplyResult;
import dev.ovnet.planner.spi.Host;
import dev.ovnet.planner.spi.HostConnector;
import dev.ovnet.planner.spi.HostException;
import dev.ovnet.planner.spi.HostTarget;
import dev.ovnet.planner.spi.Probe;
import dev.ovnet.planner.spi.ReadRequest;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Agent hosts as the commands see them: never reached directly. Reading one is reading its agent's live report (a
 * host whose agent does not report, or is in the middle of a change, cannot be read: plan says so and exits 1).
 * Applying to one hands the change over: the state written at the end of the apply is what its agent makes true,
 * and the command then waits for the agents' reports ({@link AgentWait}).
 */
public final class AgentHostConnector implements HostConnector {

    private final Supplier<AgentChannel> channel;

    /** {@code channel}: the etcd connection of the network's state, opened on first use. */
    public AgentHostConnector(Supplier<AgentChannel> channel) {
        this.channel = channel;
    }

    @Override
    public Host connect(HostTarget target) {
        String name = target.name();
        Map<String, AgentReport> reports;
        try {
            reports = channel.get().reports();
        } catch (RuntimeException e) {
            throw new HostException(name, null, "cannot read its agent's report: " + e.getMessage(), true);
        }
        AgentReport report = reports.get(name);
        if (report == null) {
            throw new HostException(name, null, "its agent has no live report under " + channel.get().reportKey(name)
                    + ": start 'ovnet agent --host " + name + "' on it (docs/agents.md)", true);
        }
        boolean waiting = report.status() != null && report.status().startsWith("waiting");
        if (report.reading() == null && !waiting) {
            throw new HostException(name, null, "its agent is in the middle of a change ("
                    + (report.lastError() != null ? "last error: " + report.lastError() : "status " + report.status())
                    + "); run the command again in a moment", true);
        }
        return new AgentHost(name, report.reading());
    }

    /**
     * One agent host, as its report shows it. An agent still waiting for its host to be recorded has made nothing
     * there yet: it reads as empty, its underlay assumed until the agent reads it.
     */
    private record AgentHost(String name, HostReading reading) implements Host {

        @Override
        public HostReading read(ReadRequest request) {
            return reading != null ? reading : new HostReading(HostFacts.assumed(request.iface()), List.of());
        }

        @Override
        public ApplyResult apply(HostPlan plan, ApplyListener listener) {
            long total = plan.changes().size();
            listener.hostProgress(name, total, total, "handed to its agent");
            return new ApplyResult(plan.changes(), null);
        }

        @Override
        public boolean probe(Probe probe) {
            return false; // --verify probes from hosts ovnet reaches; an agent host is not one of them
        }

        @Override
        public void close() {
            // nothing open
        }
    }
}
