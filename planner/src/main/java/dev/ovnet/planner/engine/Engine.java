package dev.ovnet.planner.engine;

import dev.ovnet.planner.OvnetException;
import dev.ovnet.planner.model.KernelObject;
import dev.ovnet.planner.plan.HostPlan;
import dev.ovnet.planner.plan.HostReading;
import dev.ovnet.planner.plan.Plan;
import dev.ovnet.planner.spi.ApplyListener;
import dev.ovnet.planner.spi.ApplyResult;
import dev.ovnet.planner.spi.Host;
import dev.ovnet.planner.spi.HostConnector;
import dev.ovnet.planner.spi.HostException;
import dev.ovnet.planner.spi.HostFailure;
import dev.ovnet.planner.spi.HostTarget;
import dev.ovnet.planner.spi.Probe;
import dev.ovnet.planner.spi.Verification;
import dev.ovnet.planner.state.HostState;
import dev.ovnet.planner.state.HostStatus;
import dev.ovnet.planner.spi.ReadRequest;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.Function;

/**
 * Works on many hosts at once: refresh reads them, apply changes them, {@code parallelism} at a time. A host
 * that fails or cannot be reached never stops the others. Connections opened by refresh are reused by apply
 * within one command, and all are closed by {@link #close()}.
 */
public final class Engine implements AutoCloseable {

    private final HostPool hosts;

    public Engine(HostConnector connector, int parallelism) {
        this.hosts = new HostPool(connector, parallelism);
    }

    /** What refresh found: the readings of the hosts it could read, and why the others could not be read. */
    public record Refresh(Map<String, HostReading> readings, Map<String, HostFailure> failures) {
    }

    public Refresh refresh(List<HostTarget> targets, Function<HostTarget, ReadRequest> requests) {
        Map<String, HostReading> readings = new ConcurrentHashMap<>();
        Map<String, HostFailure> failures = new ConcurrentHashMap<>();
        hosts.runAll(targets, target -> {
            try {
                readings.put(target.name(), hosts.host(target).read(requests.apply(target)));
            } catch (HostException e) {
                failures.put(target.name(), e.failure());
            } catch (RuntimeException e) {
                failures.put(target.name(), new HostFailure(target.name(), null, message(e), false));
            }
        });
        return new Refresh(new TreeMap<>(readings), new TreeMap<>(failures));
    }

    /** Applies every non-empty host plan; the result of each host that was attempted, by name. */
    public Map<String, ApplyResult> apply(Plan plan, Map<String, HostTarget> targets, ApplyListener listener) {
        return apply(plan, targets, listener, () -> false, Transactions.NONE);
    }

    /**
     * How hosts are changed. {@code rollback}: a host whose apply fails is put back exactly as it was when the
     * apply started (its objects are read just before, the checkpoint, and read again after the rollback to
     * prove it). {@code verify}: once every host is done, each changed host probes its peers ({@link Probes}) and
     * is rolled back when none answers. Both need {@code reads}, what to read on a host. A host that leaves the
     * network (its removal failed) is never rolled back: it is going away. {@code limitTo}, when not empty, are
     * the only hosts read or probed ({@code --target}): another host that gets changes (its peer entries for the
     * targeted hosts) is changed without a checkpoint, so it is not rolled back. {@code taken}: readings made
     * moments before the apply, which are the checkpoint of their hosts instead of a new read (the agent's, which
     * reads, plans and applies in one go; see {@link Session#guardFromRefresh}).
     */
    public record Transactions(boolean rollback, boolean verify, Function<HostTarget, ReadRequest> reads,
            Set<String> limitTo, Map<String, HostReading> taken) {

        public static final Transactions NONE = new Transactions(false, false, null, Set.of(), Map.of());

        public Transactions {
            if ((rollback || verify) && reads == null) {
                throw new IllegalArgumentException("rollback and verify need to read the hosts");
            }
            limitTo = Set.copyOf(limitTo);
            taken = Map.copyOf(taken);
        }

        public Transactions(boolean rollback, boolean verify, Function<HostTarget, ReadRequest> reads) {
            this(rollback, verify, reads, Set.of(), Map.of());
        }

        /** Whether this apply may read (checkpoint, probe) the host. */
        boolean mayRead(String host) {
            return limitTo.isEmpty() || limitTo.contains(host);
        }

        /** The same, limited to reading {@code hosts} (empty: all). */
        public Transactions limitedTo(Set<String> hosts) {
            return new Transactions(rollback, verify, reads, hosts, taken);
        }

        /** The same, with {@code readings} as the checkpoints of their hosts. */
        public Transactions taking(Map<String, HostReading> readings) {
            return new Transactions(rollback, verify, reads, limitTo, readings);
        }

        /** A host's checkpoint: the reading taken for it, or a read now. */
        List<KernelObject> checkpoint(Host host, HostTarget target) {
            HostReading reading = taken.get(target.name());
            return (reading != null ? reading : host.read(reads.apply(target))).objects();
        }
    }

    /**
     * As {@link #apply(Plan, Map, ApplyListener)}, but once {@code stop} says so no further host is started: the
     * hosts in flight finish, and the others get no result (the state then records them as not reached).
     */
    public Map<String, ApplyResult> apply(Plan plan, Map<String, HostTarget> targets, ApplyListener listener,
            BooleanSupplier stop, Transactions tx) {
        Map<String, ApplyResult> results = new ConcurrentHashMap<>();
        Map<String, List<KernelObject>> checkpoints = new ConcurrentHashMap<>();
        List<HostTarget> work = new ArrayList<>();
        Map<String, HostPlan> byHost = new TreeMap<>();
        for (HostPlan hp : plan.hosts()) {
            if (!hp.isEmpty() && targets.containsKey(hp.host())) {
                work.add(targets.get(hp.host()));
                byHost.put(hp.host(), hp);
            }
        }
        hosts.runAll(work, target -> {
            if (stop.getAsBoolean()) {
                return;
            }
            HostPlan hp = byHost.get(target.name());
            listener.hostStarted(target.name(), hp.summary().add() + hp.summary().change() + hp.summary().destroy());
            ApplyResult result;
            try {
                Host host = hosts.host(target);
                if (tx.rollback() && staying(plan, target.name()) && tx.mayRead(target.name())) {
                    checkpoints.put(target.name(), tx.checkpoint(host, target));
                }
                result = host.apply(hp, listener);
                List<KernelObject> checkpoint = checkpoints.get(target.name());
                if (!result.ok() && checkpoint != null && !result.failure().unreachable()) {
                    listener.hostProgress(target.name(), 0, 0, "rolling back");
                    result = Rollbacks.rollBack(host, target, tx, checkpoint, result, result.failure());
                }
            } catch (HostException e) {
                result = new ApplyResult(List.of(), e.failure());
            } catch (RuntimeException e) {
                result = new ApplyResult(List.of(), new HostFailure(target.name(), null, message(e), false));
            }
            results.put(target.name(), result);
            if (!tx.verify()) {
                listener.hostFinished(target.name(), result);
            }
        });
        if (tx.verify()) {
            verify(plan, targets, listener, tx, results, checkpoints, byHost.keySet());
        }
        return new TreeMap<>(results);
    }

    /** Whether the host stays in the network after this plan (so a failed change on it is worth undoing). */
    private static boolean staying(Plan plan, String host) {
        return plan.next().host(host).map(h -> h.status() != HostStatus.REMOVING).orElse(false);
    }

    /**
     * Probes from every host that finished, towards peers that hold the applied network; a host none of whose
     * peers answers is rolled back. Hosts with no peer to probe pass: there is nothing to prove against.
     */
    private void verify(Plan plan, Map<String, HostTarget> targets, ApplyListener listener, Transactions tx,
            Map<String, ApplyResult> results, Map<String, List<KernelObject>> checkpoints, Set<String> attempted) {
        Set<String> healthy = new HashSet<>();
        for (HostState h : plan.next().hosts()) {
            ApplyResult r = results.get(h.name());
            if (r != null ? r.ok() : !attempted.contains(h.name())) {
                healthy.add(h.name());
            }
        }
        AtomicInteger probed = new AtomicInteger();
        AtomicInteger sent = new AtomicInteger();
        AtomicInteger answered = new AtomicInteger();
        List<HostTarget> probing = new ArrayList<>();
        for (String name : results.keySet()) {
            if (results.get(name).ok() && staying(plan, name) && tx.mayRead(name)) {
                probing.add(targets.get(name));
            } else {
                listener.hostFinished(name, results.get(name));
            }
        }
        hosts.runAll(probing, target -> {
            String name = target.name();
            ApplyResult result = results.get(name);
            listener.hostProgress(name, 0, 0, "verifying");
            List<Probe> probes = Probes.forHost(plan.next(), name, healthy);
            try {
                Host host = hosts.host(target);
                // every peer is asked (not only until one answers), so the summary counts what really answered
                long answers = probes.stream().filter(p -> answers(host, p)).count();
                if (!probes.isEmpty()) {
                    probed.incrementAndGet();
                    sent.addAndGet(probes.size());
                    answered.addAndGet((int) answers);
                }
                if (!probes.isEmpty() && answers == 0) {
                    HostFailure why = new HostFailure(name, probes.get(0).describe(),
                            "verify: no peer answered (" + String.join(", ", probes.stream().map(Probe::describe)
                                    .toList()) + ")", false);
                    List<KernelObject> checkpoint = checkpoints.get(name);
                    result = checkpoint == null ? result.withRollback(why, null)
                            : Rollbacks.rollBack(host, target, tx, checkpoint, result, why);
                }
            } catch (HostException e) {
                result = result.withRollback(e.failure(), null);
            } catch (RuntimeException e) {
                result = result.withRollback(new HostFailure(name, null, message(e), false), null);
            }
            results.put(name, result);
            listener.hostFinished(name, result);
        });
        listener.verified(new Verification(probed.get(), sent.get(), answered.get()));
    }

    /** A probe answered within a few tries (a link or neighbour may take a moment to settle). */
    private static boolean answers(Host host, Probe probe) {
        for (int attempt = 0; attempt < 3; attempt++) {
            if (host.probe(probe)) {
                return true;
            }
        }
        return false;
    }

    static String message(RuntimeException e) {
        if (e instanceof OvnetException) {
            return e.getMessage();
        }
        return e.getClass().getSimpleName() + ": " + e.getMessage();
    }

    @Override
    public void close() {
        hosts.close();
    }
}
