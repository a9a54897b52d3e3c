package dev.ovnet.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Benchmark (bench/agents): N agents (system property {@code agents}, default 50) in an N-host lab, each inside its
 * host's namespace, etcd on the lab's underlay. Measures, and prints: the time from {@code apply} writing a join
 * (the state key's new serial, seen through an etcd watch) to each agent reporting that serial (p50, p99, over every
 * agent and every join), the time to repair a route removed by hand, each agent's resident memory, and each agent's
 * CPU while idle.
 */
@Tag("bench")
class AgentBenchIT {

    private static final int JOINS = 3;
    private static final int REPAIRS = 10;
    private static final Duration IDLE = Duration.ofSeconds(30);

    @Test
    void agentsAtScale() throws Exception {
        int n = Integer.getInteger("agents", 50);
        String p = "oab";
        String[] all = new String[n + JOINS];
        java.util.Arrays.fill(all, "agent");
        try (AgentLab agents = new AgentLab(p, AgentLab.yaml(p, all))) {
            agents.up();
            String[] members = all.clone();
            for (int j = n; j < n + JOINS; j++) {
                members[j] = null;
            }
            agents.lab.write(AgentLab.yaml(p, members));
            long started = System.nanoTime();
            for (int i = 1; i <= n + JOINS; i++) {
                agents.startAgent(AgentLab.host(p, i));
            }
            AgentLab.await(Duration.ofMinutes(10), () -> everyReport(agents, p, n + JOINS),
                    () -> "not every agent reported");
            System.out.printf("agents: %d started and reporting in %.1f s%n", n + JOINS, secs(started));
            long apply = System.nanoTime();
            Ovnet.Result first = agents.ovnet("apply", "--auto-approve", "--agent-timeout", "10m");
            assertEquals(0, first.exit(), first::toString);
            System.out.printf("first apply of %d agent hosts, all reported: %.1f s%n", n, secs(apply));

            List<Double> latencies = Collections.synchronizedList(new ArrayList<>());
            try (Watch watch = new Watch(agents, p)) {
                for (int j = n; j < n + JOINS; j++) {
                    members[j] = "agent";
                    agents.lab.write(AgentLab.yaml(p, members));
                    Ovnet.Result join = agents.ovnet("apply", "--auto-approve", "--agent-timeout", "5m");
                    assertEquals(0, join.exit(), join::toString);
                    long serial = serial(agents);
                    int expected = j + 1;
                    AgentLab.await(Duration.ofMinutes(2), () -> watch.reportedAt(serial).size() >= expected,
                            () -> "reports of serial " + serial + ": " + watch.reportedAt(serial).size());
                    Long written = watch.stateAt.get(serial);
                    for (long at : watch.reportedAt(serial).values()) {
                        latencies.add((at - written) / 1e6);
                    }
                }
            }
            Collections.sort(latencies);
            System.out.printf("join to report (%d samples): p50 %.0f ms, p99 %.0f ms, max %.0f ms%n",
                    latencies.size(), pct(latencies, 50), pct(latencies, 99), latencies.get(latencies.size() - 1));

            List<Double> repairs = new ArrayList<>();
            for (int r = 0; r < REPAIRS; r++) {
                String h = AgentLab.host(p, 1 + r % n);
                String route = Lab.in(h, "ip", "route", "show", "dev", "flannel.1").out().lines().findFirst()
                        .orElseThrow().split(" ")[0];
                Lab.in(h, "ip", "route", "del", route, "dev", "flannel.1");
                long removed = System.nanoTime();
                AgentLab.await(Duration.ofSeconds(30), () -> Lab.in(h, "ip", "route", "show", route, "dev",
                        "flannel.1").out().contains(route), () -> "route not repaired on " + h);
                repairs.add((System.nanoTime() - removed) / 1e6);
            }
            Collections.sort(repairs);
            System.out.printf("route repair (%d samples, polled): p50 %.0f ms, max %.0f ms%n", repairs.size(),
                    pct(repairs, 50), repairs.get(repairs.size() - 1));

            Thread.sleep(5000); // let the repairs' reports settle
            long ticks = 100; // USER_HZ
            Map<String, long[]> before = new java.util.TreeMap<>();
            for (int i = 1; i <= n; i++) {
                before.put(AgentLab.host(p, i), cpu(agents.agent(AgentLab.host(p, i)).pid()));
            }
            long idleStart = System.nanoTime();
            Thread.sleep(IDLE.toMillis());
            double wall = (System.nanoTime() - idleStart) / 1e9;
            List<Double> idle = new ArrayList<>();
            List<Double> rss = new ArrayList<>();
            for (int i = 1; i <= n; i++) {
                long pid = agents.agent(AgentLab.host(p, i)).pid();
                long[] b = before.get(AgentLab.host(p, i));
                long[] a = cpu(pid);
                idle.add(100.0 * ((a[0] - b[0]) / (double) ticks) / wall);
                rss.add(rssMiB(pid));
            }
            Collections.sort(idle);
            Collections.sort(rss);
            System.out.printf("idle CPU per agent over %d s: median %.2f %%, max %.2f %% of a core%n",
                    IDLE.toSeconds(), pct(idle, 50), idle.get(idle.size() - 1));
            System.out.printf("resident memory per agent: median %.0f MiB, max %.0f MiB%n", pct(rss, 50),
                    rss.get(rss.size() - 1));
        }
    }

    private static boolean everyReport(AgentLab agents, String p, int count) {
        for (int i = 1; i <= count; i++) {
            if (agents.report(AgentLab.host(p, i)).isEmpty()) {
                return false;
            }
        }
        return true;
    }

    private static long serial(AgentLab agents) throws Exception {
        return new ObjectMapper().readTree(agents.ovnet("show", "--json").out()).get("serial").asLong();
    }

    private static double secs(long since) {
        return (System.nanoTime() - since) / 1e9;
    }

    private static double pct(List<Double> sorted, int p) {
        int i = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, i)));
    }

    /** utime + stime of a process, in clock ticks. */
    private static long[] cpu(long pid) throws Exception {
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return new long[] {Long.parseLong(f[11]) + Long.parseLong(f[12])};
    }

    private static double rssMiB(long pid) throws Exception {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D", "")) / 1024.0;
            }
        }
        return -1;
    }

    /**
     * etcd's watch of the network's keys through its JSON gateway (curl in the controller's namespace): when each
     * state serial was written and when each agent reported each serial, as this JVM saw the events arrive.
     */
    private static final class Watch implements AutoCloseable {

        final Map<Long, Long> stateAt = new ConcurrentHashMap<>();
        final Map<Long, Map<String, Long>> reports = new ConcurrentHashMap<>();
        private final Process curl;
        private final Thread reader;

        Watch(AgentLab agents, String p) throws Exception {
            String base = "/" + p + "/network/ovnet/" + p + "/";
            String end = base.substring(0, base.length() - 1) + "0";
            String body = "{\"create_request\":{\"key\":\"" + b64(base) + "\",\"range_end\":\"" + b64(end) + "\"}}";
            curl = new ProcessBuilder("ip", "netns", "exec", agents.etcdNs, "curl", "-sN",
                    "http://127.0.0.1:2379/v3/watch", "-d", body).redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
            ObjectMapper json = new ObjectMapper();
            reader = new Thread(() -> {
                try (MappingIterator<JsonNode> it = json.readerFor(JsonNode.class).readValues(curl.getInputStream())) {
                    while (it.hasNext()) {
                        long now = System.nanoTime();
                        JsonNode events = it.next().path("result").path("events");
                        for (JsonNode e : events) {
                            String key = new String(Base64.getDecoder().decode(e.path("kv").path("key").asText()),
                                    StandardCharsets.UTF_8);
                            String value = e.path("kv").path("value").asText("");
                            if (value.isEmpty()) {
                                continue;
                            }
                            JsonNode v = json.readTree(Base64.getDecoder().decode(value));
                            if (key.equals(base + "state")) {
                                stateAt.putIfAbsent(v.path("serial").asLong(), now);
                            } else if (key.startsWith(base + "agents/")) {
                                reports.computeIfAbsent(v.path("serial").asLong(), s -> new ConcurrentHashMap<>())
                                        .putIfAbsent(key.substring((base + "agents/").length()), now);
                            }
                        }
                    }
                } catch (Exception e) {
                    // the watch ends with the benchmark
                }
            }, "bench-watch");
            reader.setDaemon(true);
            reader.start();
            Thread.sleep(500);
        }

        Map<String, Long> reportedAt(long serial) {
            return reports.getOrDefault(serial, Map.of());
        }

        private static String b64(String s) {
            return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
        }

        @Override
        public void close() {
            curl.destroyForcibly();
        }
    }
}
