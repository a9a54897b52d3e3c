package dev.ovnet.planner.engine;

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
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * A connector that keeps each host's connection open from one session to the next, for a caller that runs
 * session after session on the same host (the agent: a round per change). Connecting probes the host and a
 * connection keeps what it learned (the iptables version), so each round saves those commands. Closing a session
 * leaves the connections open; {@link #close} closes them. A connection through which the host was unreachable is
 * dropped, and the next session connects again; a host whose target changed (another root, another address) gets
 * a new connection.
 */
public final class KeptConnections implements HostConnector, AutoCloseable {

    private final HostConnector connector;
    private final Map<String, Kept> open = new HashMap<>();

    private record Kept(HostTarget target, Host host) {
    }

    public KeptConnections(HostConnector connector) {
        this.connector = connector;
    }

    @Override
    public synchronized Host connect(HostTarget target) {
        Kept kept = open.get(target.name());
        if (kept == null || !kept.target().equals(target)) {
            if (kept != null) {
                kept.host().close();
            }
            kept = new Kept(target, connector.connect(target));
            open.put(target.name(), kept);
        }
        return new Shared(kept);
    }

    private synchronized void drop(Kept kept) {
        if (open.remove(kept.target().name(), kept)) {
            kept.host().close();
        }
    }

    @Override
    public synchronized void close() {
        open.values().forEach(k -> k.host().close());
        open.clear();
    }

    /** The kept host as one session sees it: closing it keeps the connection; an unreachable host drops it. */
    private final class Shared implements Host {

        private final Kept kept;

        Shared(Kept kept) {
            this.kept = kept;
        }

        private <T> T use(Supplier<T> call) {
            try {
                return call.get();
            } catch (HostException e) {
                if (e.unreachable()) {
                    drop(kept);
                }
                throw e;
            }
        }

        @Override
        public String name() {
            return kept.host().name();
        }

        @Override
        public HostReading read(ReadRequest request) {
            return use(() -> kept.host().read(request));
        }

        @Override
        public ApplyResult apply(HostPlan plan, ApplyListener listener) {
            ApplyResult result = use(() -> kept.host().apply(plan, listener));
            if (!result.ok() && result.failure().unreachable()) {
                drop(kept);
            }
            return result;
        }

        @Override
        public boolean probe(Probe probe) {
            return use(() -> kept.host().probe(probe));
        }

        @Override
        public void close() {
            // kept for the next session
        }
    }
}
