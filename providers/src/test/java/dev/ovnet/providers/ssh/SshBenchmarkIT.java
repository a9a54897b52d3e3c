package dev.ovnet.providers.ssh;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ovnet.providers.transport.Transport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * What an apply over 20 SSH hosts costs in connections: 20 sshd namespaces, 10 hosts at a time (the engine's
 * parallelism), each connected once and running 3 commands. Prints the wall time; asserts every host answered
 * from its own address. Each command starts the user's login shell, and bash sources ~/.bashrc for commands
 * that sshd starts: on a machine whose root ~/.bashrc is slow (pyenv init: 300 ms), that dominates the figure.
 */
@Tag("ssh")
class SshBenchmarkIT {

    private static final int HOSTS = 20;
    private static final int PARALLEL = 10;
    /** root by default; {@code -Dovs.bench.user=NAME} names an existing user whose shell starts faster. */
    private static final String USER = System.getProperty("ovs.bench.user", "root");

    @Test
    void twentyHostsTenAtATime() throws Exception {
        long setup = System.nanoTime();
        try (SshdLab lab = SshdLab.start(HOSTS)) {
            long setupMillis = (System.nanoTime() - setup) / 1_000_000;
            Path knownHosts = lab.dir().resolve("known_hosts");
            StringBuilder lines = new StringBuilder();
            for (int i = 1; i <= HOSTS; i++) {
                lines.append(lab.knownHostsLine(i)).append('\n');
            }
            Files.writeString(knownHosts, lines);
            SshConnector connector = lab.connector(false, Map.of());
            ExecutorService pool = Executors.newFixedThreadPool(PARALLEL);
            try {
                long start = System.nanoTime();
                List<Future<String>> results = new ArrayList<>();
                java.util.concurrent.atomic.LongAdder connectNanos = new java.util.concurrent.atomic.LongAdder();
                java.util.concurrent.atomic.LongAdder commandNanos = new java.util.concurrent.atomic.LongAdder();
                for (int i = 1; i <= HOSTS; i++) {
                    int host = i;
                    results.add(pool.submit(() -> {
                        long connecting = System.nanoTime();
                        try (SshTransport ssh = connector.connect(lab.target(host, lab.ssh(USER, knownHosts,
                                false)))) {
                            long commands = System.nanoTime();
                            connectNanos.add(commands - connecting);
                            Transport.Result address = ssh.run(List.of("ip", "-4", "-o", "addr", "show", "eth0"));
                            ssh.run(List.of("cat", "/proc/sys/net/ipv4/ip_forward"));
                            ssh.run(List.of("ip", "-batch", "-"), "link show lo\n".getBytes(), java.time.Duration
                                    .ofSeconds(10));
                            commandNanos.add(System.nanoTime() - commands);
                            return address.stdout().split("\\s+")[3];
                        }
                    }));
                }
                for (int i = 1; i <= HOSTS; i++) {
                    assertEquals(SshdLab.address(i) + "/24", results.get(i - 1).get());
                }
                long millis = (System.nanoTime() - start) / 1_000_000;
                System.out.printf("ssh benchmark: %d hosts, %d in parallel, connect + 3 commands each: %d ms wall;"
                        + " per host: connect %d ms, one command %d ms (averages); lab setup with %d sshd: %d ms%n",
                        HOSTS, PARALLEL, millis, connectNanos.sum() / HOSTS / 1_000_000,
                        commandNanos.sum() / HOSTS / 3 / 1_000_000, HOSTS, setupMillis);
            } finally {
                pool.shutdownNow();
            }
        }
    }
}
