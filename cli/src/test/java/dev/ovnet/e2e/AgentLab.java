package dev.ovnet.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * A lab whose hosts run agents: etcd runs in a namespace of its own on the lab's underlay (192.0.2.250), so that
 * agents started inside the host namespaces reach it as real hosts would, and the central {@code ovnet} commands
 * run from there too (a controller on the same network). Closing it kills every agent and etcd, then closes the
 * lab, whatever the test left.
 */
final class AgentLab implements AutoCloseable {

    static final String ETCD_ADDRESS = "192.0.2.250";

    final Lab lab;
    final String etcdNs;
    private final Map<String, Process> agents = new LinkedHashMap<>();
    private Process etcd;

    AgentLab(String prefix, int hosts) throws IOException {
        this(prefix, yaml(prefix, hosts));
    }

    AgentLab(String prefix, String yaml) throws IOException {
        this.lab = new Lab(prefix, yaml);
        this.etcdNs = prefix + "-etcd";
    }

    /** A vxlan network of {@code hosts} netns hosts with its state in the lab's etcd. */
    static String yaml(String p, int hosts) {
        return yaml(p, "netns".repeat(hosts).replace("s", "s ").trim().split(" "));
    }

    /**
     * A vxlan network with its state in the lab's etcd, host i (1-based) reached by {@code connections[i - 1]}:
     * netns, or agent (in a lab namespace of its own name).
     */
    static String yaml(String p, String... connections) {
        StringBuilder y = new StringBuilder("network:\n  name: " + p + "\n  pool: 10.100.0.0/16\n  backend:\n"
                + "    type: vxlan\nstate:\n  backend: etcd\n  endpoints: [" + endpoint() + "]\n"
                + "  prefix: /" + p + "/network\nhosts:\n");
        for (int i = 1; i <= connections.length; i++) {
            if (connections[i - 1] == null) {
                continue; // a host left out of this version of the file
            }
            y.append("  - {name: ").append(host(p, i)).append(", address: 192.0.2.").append(10 + i)
                    .append(", connection: ").append(connections[i - 1])
                    .append(connections[i - 1].equals("agent") ? ", netns: " + host(p, i) : "").append("}\n");
        }
        return y.append("lab:\n  segments: [192.0.2.0/24]\n").toString();
    }

    /** Host i (1-based): {@code p-a} to {@code p-z}, then {@code p-27}, {@code p-28}... */
    static String host(String p, int i) {
        return p + "-" + (i <= 26 ? String.valueOf((char) ('a' + i - 1)) : String.valueOf(i));
    }

    static String endpoint() {
        return "http://" + ETCD_ADDRESS + ":2379";
    }

    /** Brings the lab up, plugs the etcd namespace into its underlay and starts etcd there. */
    AgentLab up() throws Exception {
        lab.up();
        Ovnet.sh("ip", "netns", "add", etcdNs);
        String sw = "ovnet-lab-" + lab.prefix;
        must("ip", "-n", etcdNs, "link", "add", "eth0", "type", "veth", "peer", "name", lab.prefix + "-e", "netns",
                sw);
        must("ip", "-n", sw, "link", "set", lab.prefix + "-e", "master", "br0", "up");
        must("ip", "-n", etcdNs, "addr", "add", ETCD_ADDRESS + "/24", "dev", "eth0");
        must("ip", "-n", etcdNs, "link", "set", "eth0", "up");
        must("ip", "-n", etcdNs, "link", "set", "lo", "up");
        startEtcd();
        return this;
    }

    private static void must(String... argv) {
        Ovnet.Result r = Ovnet.sh(argv);
        if (r.exit() != 0) {
            throw new IllegalStateException(String.join(" ", argv) + ": " + r);
        }
    }

    /** Starts etcd (again: the same data folder) and waits until it serves. */
    void startEtcd() throws Exception {
        Path data = lab.dir.resolve("etcd");
        Files.createDirectories(data);
        Path log = lab.dir.resolve("etcd.log");
        etcd = new ProcessBuilder("ip", "netns", "exec", etcdNs, "etcd", "--name", "e", "--data-dir",
                data.toString(), "--listen-client-urls", endpoint() + ",http://127.0.0.1:2379",
                "--advertise-client-urls", endpoint(), "--listen-peer-urls", "http://127.0.0.1:2380",
                "--initial-advertise-peer-urls", "http://127.0.0.1:2380", "--initial-cluster",
                "e=http://127.0.0.1:2380", "--heartbeat-interval", "50", "--election-timeout", "500")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        await(Duration.ofSeconds(20), () -> Lab.in(etcdNs, "curl", "-sf", "http://127.0.0.1:2379/health").out()
                .contains("true"), "etcd did not start: " + Files.readString(log));
    }

    /** SIGKILLs etcd. */
    void killEtcd() throws InterruptedException {
        etcd.destroyForcibly().waitFor();
    }

    /**
     * Runs a central ovnet command from the controller's namespace. Not {@code lab}: namespaces made from there
     * would be mounted in that command's mount namespace only (run those with {@code lab.ovnet}).
     */
    Ovnet.Result ovnet(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.add("-f");
        all.add(lab.yaml.toString());
        return Ovnet.runIn(etcdNs, lab.jar, all.toArray(String[]::new));
    }

    /**
     * The JVM options of an agent, as docs/agents.md recommends them for a small footprint: a small heap that
     * starts at 8 MiB and gives memory back after a collection (without these the heap grows to its limit and
     * stays there, about 12 MiB more), a small code cache, one thread of the client compiler only, and netty's
     * unpooled buffers (its pooled arenas reserve 16 MiB chunks).
     */
    static final List<String> AGENT_JVM = List.of("-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
            "-XX:CICompilerCount=1", "-Xms8m", "-Xmx48m", "-XX:MinHeapFreeRatio=10", "-XX:MaxHeapFreeRatio=30",
            "-Xss512k", "-XX:ReservedCodeCacheSize=12m", "-XX:MaxMetaspaceSize=64m",
            "-Dio.netty.allocator.type=unpooled");

    /** Starts the agent of host {@code name} inside its namespace; its log goes to the lab's folder. */
    void startAgent(String name) throws IOException {
        Path log = lab.dir.resolve("agent-" + name + ".log");
        List<String> command = new ArrayList<>(List.of("ip", "netns", "exec", name, "java"));
        command.addAll(AGENT_JVM);
        command.addAll(List.of("-jar", lab.jar.toString(), "agent", "--host", name, "--etcd-endpoints", endpoint(),
                "--prefix", "/" + lab.prefix + "/network", "--network", lab.prefix, "--root",
                "/run/ovnet/netns/" + name));
        Process p = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        agents.put(name, p);
    }

    /** The process of the agent of {@code name} (the JVM itself: ip netns exec execs it). */
    Process agent(String name) {
        return agents.get(name);
    }

    /** SIGKILLs the agent of {@code name}. */
    void killAgent(String name) throws InterruptedException {
        Process p = agents.remove(name);
        if (p != null) {
            p.destroyForcibly().waitFor();
        }
    }

    String agentLog(String name) {
        try {
            return Files.readString(lab.dir.resolve("agent-" + name + ".log"));
        } catch (IOException e) {
            return "(no log)";
        }
    }

    /** The live report of the agent of {@code host}, read through etcd's JSON gateway. */
    Optional<JsonNode> report(String host) {
        return get("/" + lab.prefix + "/network/ovnet/" + lab.prefix + "/agents/" + host).map(value -> {
            try {
                return new ObjectMapper().readTree(value);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /** The network's state key. */
    String stateKey() {
        return "/" + lab.prefix + "/network/ovnet/" + lab.prefix + "/state";
    }

    /** One key's value, read through etcd's JSON gateway (empty: no such key, or etcd did not answer). */
    Optional<byte[]> get(String key) {
        Ovnet.Result r = Lab.in(etcdNs, "curl", "-sf", "http://127.0.0.1:2379/v3/kv/range", "-d",
                "{\"key\":\"" + base64(key.getBytes(StandardCharsets.UTF_8)) + "\"}");
        if (r.exit() != 0) {
            return Optional.empty();
        }
        try {
            JsonNode kvs = new ObjectMapper().readTree(r.out()).get("kvs");
            return kvs == null || kvs.isEmpty() ? Optional.empty()
                    : Optional.of(Base64.getDecoder().decode(kvs.get(0).get("value").asText()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Puts one key through etcd's JSON gateway, as someone with etcd access but without ovnet would. */
    void put(String key, byte[] value) {
        Ovnet.Result r = Lab.in(etcdNs, "curl", "-sf", "http://127.0.0.1:2379/v3/kv/put", "-d",
                "{\"key\":\"" + base64(key.getBytes(StandardCharsets.UTF_8)) + "\",\"value\":\"" + base64(value)
                        + "\"}");
        if (r.exit() != 0) {
            throw new IllegalStateException("etcd put " + key + ": " + r);
        }
    }

    private static String base64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }

    /** Waits until {@code host}'s report says {@code serial} (or later), and returns it. */
    JsonNode awaitReport(String host, long serial, Duration timeout) throws Exception {
        JsonNode[] seen = new JsonNode[1];
        await(timeout, () -> {
            seen[0] = report(host).orElse(null);
            return seen[0] != null && seen[0].get("serial").asLong() >= serial;
        }, "no report of serial " + serial + " from " + host + " (last: " + seen[0] + ")\n" + agentLog(host));
        return seen[0];
    }

    /** Waits for {@code done}; {@code what} (its text taken when the wait fails) says what did not happen. */
    static void await(Duration timeout, BooleanSupplier done, Supplier<String> what) throws InterruptedException {
        await(timeout, done, new Object() {
            @Override
            public String toString() {
                return what.get();
            }
        });
    }

    static void await(Duration timeout, BooleanSupplier done, Object what) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(String.valueOf(what));
            }
            Thread.sleep(100);
        }
    }

    @Override
    public void close() throws IOException {
        for (Process p : agents.values()) {
            p.destroyForcibly();
        }
        agents.clear();
        if (etcd != null) {
            etcd.destroyForcibly();
        }
        Ovnet.sh("ip", "netns", "del", etcdNs);
        lab.close();
    }
}
