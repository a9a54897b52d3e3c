package dev.ovnet.providers.ssh;

import dev.ovnet.planner.config.Connection;
import dev.ovnet.planner.config.SshConfig;
import dev.ovnet.planner.net.Ipv4;
import dev.ovnet.planner.spi.HostTarget;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.net.SocketFactory;

/**
 * Real OpenSSH servers in network namespaces, for the ssh tests. Namespace {@code ovs-ctl} is the controller
 * side: a bridge holding 192.0.2.254/24. Each host {@code ovs-hN} has 192.0.2.N/24 on a veth into that bridge
 * and runs {@code /usr/sbin/sshd -D} with its own ed25519 host key, config and pid file in a temp folder; one
 * client key is authorized for every user through a temp authorized_keys file. The root namespace is never
 * touched.
 *
 * <p>How the JVM (in the root namespace) reaches 192.0.2.N: through {@link NetnsSockets}, a socket factory that
 * creates each socket inside {@code ovs-ctl} (a short-lived thread does {@code setns}). The SSH connection is
 * then a real TCP connection to the host's real address and port, so the known_hosts lookup is keyed on
 * exactly what ovnet sees in production ({@code 192.0.2.N}, port 22). This was chosen over a separate client
 * JVM in the namespace (slow, and results would come back as text) and over a socat UNIX-socket bridge (one more
 * process per host, and the TCP connect and its errors would be socat's, not sshj's).
 */
final class SshdLab implements AutoCloseable {

    static final String CTL = "ovs-ctl";
    private static final String SSHD = "/usr/sbin/sshd";

    private final Path dir;
    private final Path clientKey;
    private final Map<Integer, Process> sshds = new TreeMap<>();
    private final Map<Integer, StringBuilder> logs = new java.util.concurrent.ConcurrentHashMap<>();
    private final List<String> namespaces = new ArrayList<>();

    private SshdLab(Path dir) {
        this.dir = dir;
        this.clientKey = dir.resolve("client_ed25519");
    }

    /** Hosts 1..count, each with a running sshd. */
    static SshdLab start(int count) throws Exception {
        cleanStale();
        Path dir = Files.createTempDirectory("ovs-sshd-", PosixFilePermissions.asFileAttribute(
                PosixFilePermissions.fromString("rwxr-xr-x")));
        SshdLab lab = new SshdLab(dir);
        try {
            Files.createDirectories(Path.of("/run/sshd"));
            keygen(lab.clientKey, "ed25519");
            Path authorized = dir.resolve("authorized_keys");
            Files.copy(Path.of(lab.clientKey + ".pub"), authorized);
            Files.setPosixFilePermissions(authorized, PosixFilePermissions.fromString("rw-r--r--"));
            lab.netns(CTL);
            sh("ip", "-n", CTL, "link", "set", "lo", "up");
            sh("ip", "-n", CTL, "link", "add", "br0", "type", "bridge");
            sh("ip", "-n", CTL, "addr", "add", "192.0.2.254/24", "dev", "br0");
            sh("ip", "-n", CTL, "link", "set", "br0", "up");
            for (int i = 1; i <= count; i++) {
                String ns = netnsName(i);
                lab.netns(ns);
                sh("ip", "-n", ns, "link", "set", "lo", "up");
                sh("ip", "-n", CTL, "link", "add", "c" + i, "type", "veth", "peer", "name", "eth0", "netns", ns);
                sh("ip", "-n", CTL, "link", "set", "c" + i, "master", "br0", "up");
                sh("ip", "-n", ns, "addr", "add", address(i) + "/24", "dev", "eth0");
                sh("ip", "-n", ns, "link", "set", "eth0", "up");
                Path hostDir = Files.createDirectories(dir.resolve("h" + i));
                keygen(hostDir.resolve("ssh_host_ed25519_key"), "ed25519");
                Files.writeString(hostDir.resolve("sshd_config"), config(i, hostDir, authorized));
            }
            for (int i = 1; i <= count; i++) {
                lab.startSshd(i);
            }
            return lab;
        } catch (Exception e) {
            lab.close();
            throw e;
        }
    }

    static String netnsName(int host) {
        return "ovs-h" + host;
    }

    static String address(int host) {
        return "192.0.2." + host;
    }

    Path dir() {
        return dir;
    }

    Path clientKey() {
        return clientKey;
    }

    SocketFactory sockets() {
        return new NetnsSockets(CTL);
    }

    /** A connector as the CLI builds one, but with sockets in the lab and the given environment. */
    SshConnector connector(boolean acceptNew, Map<String, String> env) {
        return new SshConnector(acceptNew, Duration.ofSeconds(10), sockets(), env, PassphrasePrompt.NONE);
    }

    HostTarget target(int host, SshConfig ssh) {
        return new HostTarget("node-" + host, Connection.SSH, null, Ipv4.parse(address(host)), ssh, "/");
    }

    SshConfig ssh(String user, Path knownHosts, boolean sudo) {
        return new SshConfig(user, 22, clientKey.toString(), knownHosts.toString(), sudo);
    }

    /** Lets the key {@code publicKey} (a .pub file) log in as every user of every host. */
    void authorize(Path publicKey) throws IOException {
        Files.writeString(dir.resolve("authorized_keys"), Files.readString(publicKey),
                java.nio.file.StandardOpenOption.APPEND);
    }

    /** A new key pair in the lab folder, e.g. {@code ("rsa", "")} or {@code ("ed25519", "secret")}. */
    Path newKey(String name, String type, String passphrase) throws Exception {
        Path key = dir.resolve(name);
        sh("ssh-keygen", "-q", "-t", type, "-N", passphrase, "-C", "ovs-" + name, "-f", key.toString());
        return key;
    }

    Path hostKey(int host) {
        return dir.resolve("h" + host).resolve("ssh_host_ed25519_key");
    }

    /** {@code 192.0.2.N ssh-ed25519 AAAA...}: the line ssh-keyscan would print. */
    String knownHostsLine(int host) throws IOException {
        String[] pub = Files.readString(Path.of(hostKey(host) + ".pub")).trim().split("\\s+");
        return address(host) + " " + pub[0] + " " + pub[1];
    }

    /** The host key's fingerprint as {@code ssh-keygen -lf} prints it. */
    String fingerprint(int host) throws Exception {
        return sh("ssh-keygen", "-lf", hostKey(host) + ".pub").split("\\s+")[1];
    }

    /** The host gets a new host key (a reinstall, or an attacker), and its sshd restarts with it. */
    void replaceHostKey(int host) throws Exception {
        stopSshd(host);
        Files.delete(hostKey(host));
        Files.delete(Path.of(hostKey(host) + ".pub"));
        keygen(hostKey(host), "ed25519");
        startSshd(host);
    }

    /** What the host's sshd logged so far (-e: its log goes to stderr), for failure messages. */
    String log(int host) {
        StringBuilder log = logs.getOrDefault(host, new StringBuilder());
        synchronized (log) {
            return log.toString();
        }
    }

    void stopSshd(int host) throws InterruptedException {
        Process sshd = sshds.remove(host);
        if (sshd != null) {
            sshd.destroy();
            if (!sshd.waitFor(5, TimeUnit.SECONDS)) {
                sshd.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        }
    }

    void startSshd(int host) throws Exception {
        Path config = dir.resolve("h" + host).resolve("sshd_config");
        Process sshd = new ProcessBuilder("ip", "netns", "exec", netnsName(host), SSHD, "-D", "-e", "-f",
                config.toString()).redirectErrorStream(true).start();
        sshds.put(host, sshd);
        CountDownLatch listening = new CountDownLatch(1);
        StringBuilder log = logs.computeIfAbsent(host, h -> new StringBuilder());
        Thread pump = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(sshd.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String line; (line = lines.readLine()) != null; ) {
                    synchronized (log) {
                        log.append(line).append('\n');
                    }
                    if (line.contains("Server listening on " + address(host))) {
                        listening.countDown();
                    }
                }
            } catch (IOException e) {
                // the process ended
            }
        }, "sshd-log-" + host);
        pump.setDaemon(true);
        pump.start();
        if (!listening.await(10, TimeUnit.SECONDS)) {
            synchronized (log) {
                throw new IllegalStateException("sshd in " + netnsName(host) + " did not start:\n" + log);
            }
        }
    }

    @Override
    public void close() {
        for (Integer host : List.copyOf(sshds.keySet())) {
            try {
                stopSshd(host);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        for (String ns : namespaces) {
            try {
                sh("ip", "netns", "del", ns);
            } catch (Exception e) {
                // reported by the stale check of the next run
            }
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temp folder left behind
        }
    }

    private void netns(String name) throws Exception {
        sh("ip", "netns", "add", name);
        namespaces.add(name);
    }

    private static String config(int host, Path hostDir, Path authorized) {
        return String.join("\n",
                "ListenAddress " + address(host),
                "Port 22",
                "HostKey " + hostDir.resolve("ssh_host_ed25519_key"),
                "PidFile " + hostDir.resolve("sshd.pid"),
                "AuthorizedKeysFile " + authorized,
                "StrictModes no",
                "UsePAM no",
                "PermitRootLogin prohibit-password",
                "PasswordAuthentication no",
                "KbdInteractiveAuthentication no",
                "Subsystem sftp internal-sftp",
                "LogLevel VERBOSE",
                "");
    }

    private static void keygen(Path file, String type) throws Exception {
        sh("ssh-keygen", "-q", "-t", type, "-N", "", "-C", "ovs-test", "-f", file.toString());
    }

    /** Leftovers of a run that was killed: only this test's names. */
    private static void cleanStale() throws Exception {
        String list = sh("ip", "netns", "list");
        for (String line : list.split("\n")) {
            String name = line.split("\\s+")[0];
            if (name.equals(CTL) || name.matches("ovs-h\\d+")) {
                sh("ip", "netns", "del", name);
            }
        }
    }

    /** Runs a command (an argv, never a shell line) and returns its stdout; fails on a non-zero exit. */
    static String sh(String... argv) throws Exception {
        Process process = new ProcessBuilder(argv).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", argv) + " failed: " + out);
        }
        return out;
    }
}
