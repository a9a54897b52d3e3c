package dev.ovnet.providers.state;

import dev.ovnet.planner.spi.StateException;
import dev.ovnet.planner.state.State;
import io.etcd.jetcd.KeyValue;
import io.etcd.jetcd.Watch;
import io.etcd.jetcd.kv.GetResponse;
import io.etcd.jetcd.lease.LeaseKeepAliveResponse;
import io.etcd.jetcd.support.CloseableClient;
import io.etcd.jetcd.watch.WatchResponse;
import io.grpc.stub.StreamObserver;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * What an agent and the commands that wait for agents need of etcd: the recorded state with the revision it was
 * read at, a watch on it from the next revision (so that no change between the read and the watch is missed and
 * none is seen twice), and the agents' reports under {@code <prefix>/ovnet/<network>/agents/<host>}, each written
 * on an etcd lease that its agent keeps alive, so a dead agent's report expires with the lease.
 */
public final class AgentChannel implements AutoCloseable {

    /** How long a report outlives its agent. */
    public static final Duration REPORT_TTL = Duration.ofSeconds(5);

    private final EtcdKv kv;
    private final EtcdKeys keys;
    private long lease;
    private CloseableClient keepAlive;
    private volatile boolean leaseLost;

    private AgentChannel(EtcdKv kv, EtcdKeys keys) {
        this.kv = kv;
        this.keys = keys;
    }

    /** Connects, failing with a clear {@link StateException} when etcd cannot be reached. */
    public static AgentChannel connect(EtcdSettings settings, String network, Function<String, String> env) {
        EtcdKeys keys = new EtcdKeys(settings.prefix(), Objects.requireNonNull(network));
        return new AgentChannel(EtcdKv.connect(settings, env, keys.state()), keys);
    }

    /**
     * The state as read: {@code state} null when none is recorded; {@code refused} set (and {@code state} null)
     * when the value is not a state this ovnet can read. {@code revision} is etcd's revision at the read, the one
     * to watch after; {@code modRevision} the state key's own (0: none).
     */
    public record Snapshot(State state, StateException refused, long revision, long modRevision) {
    }

    public Snapshot readState() {
        GetResponse response = kv.read(keys.state());
        long revision = response.getHeader().getRevision();
        if (response.getKvs().isEmpty()) {
            return new Snapshot(null, null, revision, 0);
        }
        KeyValue value = response.getKvs().get(0);
        try {
            State state = StateCodec.decode(EtcdStateStore.unpack(value.getValue().getBytes()), keys.state(),
                    "the agent keeps its host as it is; run 'ovnet apply' to record a readable state");
            return new Snapshot(state, null, revision, value.getModRevision());
        } catch (StateException e) {
            return new Snapshot(null, e, revision, value.getModRevision());
        }
    }

    /**
     * Watches the state key from {@code afterRevision + 1}: {@code onChange} gets the revision of every change,
     * {@code onError} a broken watch (the caller reads again and watches from what it read).
     */
    public AutoCloseable watchState(long afterRevision, Consumer<Long> onChange, Consumer<Throwable> onError) {
        Watch.Watcher watcher = kv.watch(keys.state(), afterRevision + 1, new Watch.Listener() {
            @Override
            public void onNext(WatchResponse response) {
                response.getEvents().stream().mapToLong(e -> e.getKeyValue().getModRevision()).max()
                        .ifPresent(onChange::accept);
            }

            @Override
            public void onError(Throwable error) {
                onError.accept(error);
            }

            @Override
            public void onCompleted() {
                onError.accept(new IllegalStateException("the etcd watch ended"));
            }
        });
        return watcher::close;
    }

    /**
     * Writes the report of {@code host} on this channel's lease (granted on first use, and again after etcd lost
     * it while unreachable).
     */
    public synchronized void report(String host, AgentReport report) {
        byte[] value = report.encode();
        if (lease == 0 || leaseLost) {
            renewLease();
        }
        try {
            kv.put(keys.report(host), value, lease);
        } catch (StateException e) {
            if (e.getMessage() == null || !e.getMessage().contains("lease not found")) {
                throw e;
            }
            renewLease();
            kv.put(keys.report(host), value, lease);
        }
    }

    /** Whether etcd dropped the report's lease (it was unreachable for longer than the lease lives). */
    public boolean leaseLost() {
        return leaseLost;
    }

    private void renewLease() {
        if (keepAlive != null) {
            keepAlive.close();
        }
        leaseLost = false;
        lease = kv.grant(REPORT_TTL);
        keepAlive = kv.keepAlive(lease, new StreamObserver<LeaseKeepAliveResponse>() {
            @Override
            public void onNext(LeaseKeepAliveResponse response) {
                if (response.getTTL() <= 0) {
                    leaseLost = true;
                }
            }

            @Override
            public void onError(Throwable error) {
                leaseLost = true;
            }

            @Override
            public void onCompleted() {
                leaseLost = true;
            }
        });
    }

    /** Every live report that this ovnet reads, by host name (others are left out, as flannel skips bad keys). */
    public Map<String, AgentReport> reports() {
        Map<String, AgentReport> out = new TreeMap<>();
        String folder = keys.reports();
        List<KeyValue> values = kv.list(folder);
        for (KeyValue v : values) {
            String key = v.getKey().toString(StandardCharsets.UTF_8);
            try {
                out.put(key.substring(folder.length()), AgentReport.decode(v.getValue().getBytes(), key));
            } catch (IllegalArgumentException e) {
                // not a report of this ovnet: its host counts as not reporting
            }
        }
        return out;
    }

    /** Where the reports are, for messages. */
    public String reportKey(String host) {
        return keys.report(host);
    }

    /** Closes the connection and revokes the report's lease, so a stopped agent's report goes at once. */
    @Override
    public synchronized void close() {
        if (keepAlive != null) {
            keepAlive.close();
        }
        if (lease != 0) {
            kv.revokeQuietly(lease, Duration.ofSeconds(1));
        }
        kv.close();
    }
}
