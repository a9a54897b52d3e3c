package dev.ovnet.planner.engine;

import dev.ovnet.planner.spi.Host;
import dev.ovnet.planner.spi.HostConnector;
import dev.ovnet.planner.spi.HostTarget;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The hosts an {@link Engine} works on: a connection per host, opened on first use and kept for the command (refresh
 * and apply share it), and a pool that runs one task per host, {@code parallelism} at a time.
 */
final class HostPool implements AutoCloseable {

    private final HostConnector connector;
    private final int parallelism;
    private final Map<String, Host> open = new ConcurrentHashMap<>();

    HostPool(HostConnector connector, int parallelism) {
        this.connector = connector;
        this.parallelism = Math.max(1, parallelism);
    }

    /** The open connection to a host, or a new one. */
    Host host(HostTarget target) {
        Host existing = open.get(target.name());
        if (existing != null) {
            return existing;
        }
        Host fresh = connector.connect(target);
        open.put(target.name(), fresh);
        return fresh;
    }

    interface Task {
        void run(HostTarget target);
    }

    /** Runs {@code task} for every target, {@code parallelism} at a time, and waits for all. */
    void runAll(List<HostTarget> targets, Task task) {
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
