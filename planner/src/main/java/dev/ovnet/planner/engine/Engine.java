package dev.ovnet.planner.engine;

import dev.ovnet.planner.OvnetException;
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
import dev.ovnet.planner.spi.ReadRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.BooleanSupplier;
import java.util.function.Function;

/**
 * Works on many hosts at once: refresh reads them, apply changes them, {@code parallelism} at a time. A host
 * that fails or cannot be reached never stops the others. Connections opened by refresh are reused by apply
 * within one command, and all are closed by {@link #close()}.
 */
public final class Engine implements AutoCloseable {

    private final HostConnector connector;
    private final int parallelism;
    private final Map<String, Host> open = new ConcurrentHashMap<>();

    public Engine(HostConnector connector, int parallelism) {
        this.connector = connector;
        this.parallelism = Math.max(1, parallelism);
    }

    /** What refresh found: the readings of the hosts it could read, and why the others could not be read. */
    public record Refresh(Map<String, HostReading> readings, Map<String, HostFailure> failures) {
    }

    public Refresh refresh(List<HostTarget> targets, Function<HostTarget, ReadRequest> requests) {
        Map<String, HostReading> readings = new ConcurrentHashMap<>();
        Map<String, HostFailure> failures = new ConcurrentHashMap<>();
        runAll(targets, target -> {
            try {
                readings.put(target.name(), host(target).read(requests.apply(target)));
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
        return apply(plan, targets, listener, () -> false);
    }

    /**
     * As {@link #apply(Plan, Map, ApplyListener)}, but once {@code stop} says so no further host is started: the
     * hosts in flight finish, and the others get no result (the state then records them as not reached).
     */
    public Map<String, ApplyResult> apply(Plan plan, Map<String, HostTarget> targets, ApplyListener listener,
            BooleanSupplier stop) {
        Map<String, ApplyResult> results = new ConcurrentHashMap<>();
        List<HostTarget> work = new ArrayList<>();
        Map<String, HostPlan> byHost = new TreeMap<>();
        for (HostPlan hp : plan.hosts()) {
            if (!hp.isEmpty() && targets.containsKey(hp.host())) {
                work.add(targets.get(hp.host()));
                byHost.put(hp.host(), hp);
            }
        }
        runAll(work, target -> {
            if (stop.getAsBoolean()) {
                return;
            }
            HostPlan hp = byHost.get(target.name());
            listener.hostStarted(target.name(), hp.summary().add() + hp.summary().change() + hp.summary().destroy());
            ApplyResult result;
            try {
                result = host(target).apply(hp, listener);
            } catch (HostException e) {
                result = new ApplyResult(List.of(), e.failure());
            } catch (RuntimeException e) {
                result = new ApplyResult(List.of(), new HostFailure(target.name(), null, message(e), false));
            }
            results.put(target.name(), result);
            listener.hostFinished(target.name(), result);
        });
        return new TreeMap<>(results);
    }

    private Host host(HostTarget target) {
        Host existing = open.get(target.name());
        if (existing != null) {
            return existing;
        }
        Host fresh = connector.connect(target);
        open.put(target.name(), fresh);
        return fresh;
    }

    private static String message(RuntimeException e) {
        if (e instanceof OvnetException) {
            return e.getMessage();
        }
        return e.getClass().getSimpleName() + ": " + e.getMessage();
    }

    private interface Task {
        void run(HostTarget target);
    }

    private void runAll(List<HostTarget> targets, Task task) {
        if (targets.isEmpty()) {
            return;
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(parallelism, targets.size()), r -> {
            Thread t = new Thread(r, "ovnet-host");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (HostTarget target : targets) {
                futures.add(pool.submit(() -> task.run(target)));
            }
            for (Future<?> f : futures) {
                try {
                    f.get();
                } catch (ExecutionException e) {
                    throw new IllegalStateException("a host task failed unexpectedly", e.getCause());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted", e);
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Override
    public void close() {
        for (Host host : open.values()) {
            try {
                host.close();
            } catch (RuntimeException e) {
                // closing a connection that already failed is not worth reporting
            }
        }
        open.clear();
    }
}
