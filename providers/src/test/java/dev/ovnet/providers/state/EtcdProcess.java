package dev.ovnet.providers.state;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * A real etcd for tests ({@code apt-get install etcd-server} gives /usr/bin/etcd): one member or a cluster of
 * several, each on free loopback ports with its data in a temporary folder, optionally serving TLS. Closing it
 * kills every member and removes the folder. Any test may use it; a missing binary is a failure, not a skip.
 */
public final class EtcdProcess implements AutoCloseable {

    static final Path BINARY = Path.of("/usr/bin/etcd");

    private final Path root;
    private final List<Member> members = new ArrayList<>();
    private final TlsFiles tls;

    /** Server-side TLS: the CA that signed the client certificates, and the server's certificate and key. */
    public record TlsFiles(Path ca, Path cert, Path key) {
    }

    private record Member(String name, int clientPort, int peerPort, Path dir, Process process) {
    }

    private EtcdProcess(int size, TlsFiles tls) throws IOException {
        if (!Files.isExecutable(BINARY)) {
            throw new IllegalStateException(BINARY + " is missing: apt-get install -y etcd-server");
        }
        this.tls = tls;
        this.root = Files.createTempDirectory("ovnet-etcd-");
        String token = "ovnet-test-" + UUID.randomUUID();
        List<int[]> ports = new ArrayList<>();
        StringBuilder cluster = new StringBuilder();
        for (int i = 0; i < size; i++) {
            int[] p = {freePort(), freePort()};
            ports.add(p);
            cluster.append(cluster.length() == 0 ? "" : ",").append("m").append(i).append("=http://127.0.0.1:")
                    .append(p[1]);
        }
        try {
            for (int i = 0; i < size; i++) {
                members.add(start("m" + i, ports.get(i)[0], ports.get(i)[1], cluster.toString(), token));
            }
            awaitHealthy(Duration.ofSeconds(30));
        } catch (IOException | RuntimeException e) {
            close();
            throw e;
        }
    }

    /** One member. */
    public static EtcdProcess single() throws IOException {
        return new EtcdProcess(1, null);
    }

    /** A cluster of {@code size} members (3 for a failover test). */
    public static EtcdProcess cluster(int size) throws IOException {
        return new EtcdProcess(size, null);
    }

    /** One member serving https and requiring a client certificate signed by {@code files.ca()}. */
    public static EtcdProcess tls(TlsFiles files) throws IOException {
        return new EtcdProcess(1, files);
    }

    private Member start(String name, int clientPort, int peerPort, String cluster, String token)
            throws IOException {
        Path dir = root.resolve(name);
        Files.createDirectories(dir);
        String scheme = tls == null ? "http" : "https";
        List<String> command = new ArrayList<>(List.of(BINARY.toString(), "--name", name,
                "--data-dir", dir.resolve("data").toString(),
                "--listen-client-urls", scheme + "://127.0.0.1:" + clientPort,
                "--advertise-client-urls", scheme + "://127.0.0.1:" + clientPort,
                "--listen-peer-urls", "http://127.0.0.1:" + peerPort,
                "--initial-advertise-peer-urls", "http://127.0.0.1:" + peerPort,
                "--initial-cluster", cluster, "--initial-cluster-token", token,
                "--initial-cluster-state", "new", "--heartbeat-interval", "50", "--election-timeout", "500"));
        if (tls != null) {
            command.addAll(List.of("--cert-file", tls.cert().toString(), "--key-file", tls.key().toString(),
                    "--trusted-ca-file", tls.ca().toString(), "--client-cert-auth"));
        }
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(dir.resolve("etcd.log").toFile()).start();
        return new Member(name, clientPort, peerPort, dir, process);
    }

    private void awaitHealthy(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        for (Member member : members) {
            while (!healthy(member)) {
                if (!member.process().isAlive()) {
                    throw new IllegalStateException("etcd " + member.name() + " exited: " + log(member));
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("etcd " + member.name() + " not healthy: " + log(member));
                }
                sleep(50);
            }
        }
    }

    private boolean healthy(Member member) {
        if (tls != null) {
            return log(member).contains("ready to serve client requests");
        }
        try {
            HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + member.clientPort() + "/health"))
                    .timeout(Duration.ofSeconds(1)).build(), HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 && response.body().contains("\"true\"");
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static String log(Member member) {
        try {
            return Files.readString(member.dir().resolve("etcd.log"));
        } catch (IOException e) {
            return "(no log)";
        }
    }

    /** Client URLs of every member. */
    public List<String> endpoints() {
        return members.stream().map(this::endpoint).toList();
    }

    public String endpoint(int member) {
        return endpoint(members.get(member));
    }

    private String endpoint(Member member) {
        return (tls == null ? "http" : "https") + "://127.0.0.1:" + member.clientPort();
    }

    public int size() {
        return members.size();
    }

    /** SIGKILLs one member. */
    public void kill(int member) throws InterruptedException {
        Process process = members.get(member).process();
        process.destroyForcibly();
        process.waitFor();
    }

    @Override
    public void close() {
        for (Member member : members) {
            member.process().destroyForcibly();
            try {
                member.process().waitFor();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        try (Stream<Path> files = Files.walk(root)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
