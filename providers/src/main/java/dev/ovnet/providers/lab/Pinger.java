package dev.ovnet.providers.lab;

import dev.ovnet.providers.transport.Transport;
import dev.ovnet.providers.transport.TransportException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Pings every container from every container of another host, in each family both have an address of (IPv4, and
 * IPv6 on a dual-stack lab; IPv6 only on an IPv6-only lab), a bounded number at once: {@code ping -c 3 -i 0.2
 * -W 1} inside the source container's namespace, so a pair costs at most about 1.5 seconds whatever happens. The
 * pairs that got no reply are asked once more 5.5 s later (a wireguard handshake that met a peer not configured yet
 * is tried again only after 5 s), so a check with an unreachable pair takes about 7 seconds more.
 */
final class Pinger {

    static final int COUNT = 3;
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    /** Longer than wireguard's 5 s between handshake attempts. */
    private static final Duration RETRY_AFTER = Duration.ofMillis(5500);

    private final Namespaces ns;
    private final int parallelism;

    Pinger(Namespaces ns, int parallelism) {
        this.ns = ns;
        this.parallelism = parallelism;
    }

    List<LabReport.Probe> probeAll(List<LabContainer> containers) {
        List<LabContainer[]> pairs = new ArrayList<>();
        List<Boolean> families = new ArrayList<>();
        for (boolean ipv6 : new boolean[] {false, true}) {
            for (LabContainer from : containers) {
                for (LabContainer to : containers) {
                    boolean both = ipv6 ? from.address6() != null && to.address6() != null
                            : from.address() != null && to.address() != null;
                    if (!from.host().equals(to.host()) && both) {
                        pairs.add(new LabContainer[] {from, to});
                        families.add(ipv6);
                    }
                }
            }
        }
        if (pairs.isEmpty()) {
            return List.of();
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(parallelism, pairs.size()), runnable -> {
            Thread thread = new Thread(runnable, "ovnet-lab-ping");
            thread.setDaemon(true);
            return thread;
        });
        try {
            List<PingResult> results = pingAll(pool, pairs, families, null);
            if (results.stream().anyMatch(r -> !r.reachable())) {
                // an encrypted (wireguard) pair whose first handshake met a peer not configured yet tries again
                // only after 5 s: ask the silent pairs once more after that, so a pair is not called unreachable
                // for a handshake in flight
                Thread.sleep(RETRY_AFTER.toMillis());
                results = pingAll(pool, pairs, families, results);
            }
            List<LabReport.Probe> probes = new ArrayList<>();
            for (int i = 0; i < pairs.size(); i++) {
                probes.add(new LabReport.Probe(pairs.get(i)[0], pairs.get(i)[1], results.get(i), families.get(i)));
            }
            return probes;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LabException("interrupted while pinging", null);
        } catch (ExecutionException e) {
            throw new LabException("a ping could not run: " + e.getCause().getMessage(),
                    "the lab needs iputils ping (Debian: apt-get install iputils-ping)");
        } finally {
            pool.shutdownNow();
        }
    }

    /** Pings every pair, or with {@code before} only the pairs that got no reply then (the others keep theirs). */
    private List<PingResult> pingAll(ExecutorService pool, List<LabContainer[]> pairs, List<Boolean> families,
            List<PingResult> before) throws InterruptedException, ExecutionException {
        List<Future<PingResult>> futures = new ArrayList<>();
        for (int i = 0; i < pairs.size(); i++) {
            LabContainer[] pair = pairs.get(i);
            boolean ipv6 = families.get(i);
            futures.add(before != null && before.get(i).reachable() ? null
                    : pool.submit(() -> ping(pair[0], pair[1], ipv6)));
        }
        List<PingResult> results = new ArrayList<>();
        for (int i = 0; i < pairs.size(); i++) {
            results.add(futures.get(i) == null ? before.get(i) : futures.get(i).get());
        }
        return results;
    }

    PingResult ping(LabContainer from, LabContainer to) {
        return ping(from, to, false);
    }

    PingResult ping(LabContainer from, LabContainer to, boolean ipv6) {
        List<String> argv = ipv6
                ? List.of("ping", "-6", "-n", "-c", String.valueOf(COUNT), "-i", "0.2", "-W", "1",
                        to.address6().toString())
                : List.of("ping", "-n", "-c", String.valueOf(COUNT), "-i", "0.2", "-W", "1", to.address().toString());
        try {
            Transport.Result result = ns.exec(from.netns(), argv, "", TIMEOUT);
            return PingResult.parse(COUNT, result.exit(), result.stdout(), result.stderr());
        } catch (TransportException e) {
            return new PingResult(COUNT, 0, Double.NaN, e.getMessage());
        }
    }
}
