package dev.ovnet.e2e;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Debian's real sshd for one simulated SSH host: it runs in the host's network namespace and in a mount namespace
 * of its own, so that what ovnet writes through it lands in the host's lab folder ({@code root}, e.g.
 * {@code /run/ovnet/netns/oss-a}) where {@code ovnet lab check} reads it, and never in this machine's /run or /etc.
 *
 * <p>Inside that mount namespace (made by {@code unshare --mount --propagation private}, so nothing leaks back):
 * <ul>
 * <li>{@code /run} is {@code <root>/run}, bind-mounted: subnet.env, docker_opts.env, ovnet's udp peer file, sudo's
 * timestamps and iptables' lock are the host's own. sshd's privilege separation folder {@code /run/sshd} is made
 * there beforehand; {@code /run/netns} is not visible inside, and nothing ovnet runs on a host needs it.</li>
 * <li>{@code /etc} is an overlay of this machine's /etc with {@code <root>/etc} on top, so {@code /etc/cni/net.d}
 * can be written (runtime cni) although this machine has no /etc/cni to mount over. Overlayfs does not promise to
 * show changes made to the lower /etc after the mount: users and sudoers drop-ins a test needs must exist before the
 * daemon starts. Without overlayfs the daemon starts anyway with the machine's /etc (logged), which only matters
 * for runtime cni.</li>
 * <li>Optionally ({@link #ownVarLib}) {@code /var/lib} is {@code <root>/var/lib}, bind-mounted, so what ovnet
 * installs there is the host's own; and on a host without Java {@code /usr/lib/jvm} is covered by an empty
 * read-only file system: {@code java} cannot be found (/usr/bin/java leads nowhere), as on a host where Java was
 * never installed.</li>
 * </ul>
 * The daemon's config sets {@code SHLVL=1} for sessions: bash then counts itself as a nested shell and skips
 * ~/.bashrc, which bash otherwise sources for every command sshd starts (on this machine root's ~/.bashrc runs
 * pyenv init: about 300 ms per command). Real hosts have their own shells; the tests measure ovnet, not them.
 */
final class SshDaemon {

    /**
     * Run by {@code sh -c} with $1 = root, $2 = sshd_config, $3 = {@code machine}, {@code own-var-lib} or
     * {@code no-java} (which has its own /var/lib too): a fixed script, arguments never interpolated. /var/lib is
     * bound before /run, which holds the root's own path.
     */
    private static final String SCRIPT = String.join("\n",
            "if [ \"$3\" != machine ]; then mkdir -p \"$1/var/lib\" && mount --bind \"$1/var/lib\" /var/lib || exit 1; fi",
            "if [ \"$3\" = no-java ]; then mount -t tmpfs -o ro tmpfs /usr/lib/jvm || exit 1; fi",
            "mount -t overlay overlay -o \"lowerdir=/etc,upperdir=$1/etc,workdir=$1/.etc-work\" /etc"
                    + " || echo \"ovnet-e2e: no private /etc (overlayfs failed); /etc/cni would be this machine's\"",
            "mount --bind \"$1/run\" /run || exit 1",
            "exec /usr/sbin/sshd -D -e -f \"$2\"");

    /** The daemon's transient unit in a {@link SystemdContainer}. */
    private static final String UNIT = "ovnet-e2e-sshd.service";

    private final String netns;
    private final String address;
    private final Path root;
    private final Path dir;
    private final Path authorizedKeys;
    private final StringBuilder log = new StringBuilder();
    private Process process;
    private SystemdContainer container;
    private String files = "machine";

    /** Makes the host key and config in {@code dir} and the folders under {@code root}; does not start. */
    SshDaemon(String netns, String address, Path root, Path dir, Path authorizedKeys) throws IOException {
        this.netns = netns;
        this.address = address;
        this.root = root;
        this.dir = Files.createDirectories(dir);
        this.authorizedKeys = authorizedKeys;
        SshHosts.sh("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "oss-" + netns, "-f",
                hostKey().toString());
        configure(true);
    }

    /**
     * Writes the config; it takes effect at the next start. {@code skipBashrc} false leaves bash to source the
     * user's ~/.bashrc for every command, as sshd normally does (the benchmark measures what that costs).
     */
    void configure(boolean skipBashrc) throws IOException {
        Files.writeString(dir.resolve("sshd_config"), String.join("\n",
                "ListenAddress " + address,
                "Port 22",
                "HostKey " + hostKey(),
                "PidFile " + dir.resolve("sshd.pid"),
                "AuthorizedKeysFile " + authorizedKeys,
                "StrictModes no",
                "UsePAM no",
                "PermitRootLogin prohibit-password",
                "PasswordAuthentication no",
                "KbdInteractiveAuthentication no",
                "Subsystem sftp internal-sftp",
                skipBashrc ? "SetEnv SHLVL=1" : "",
                "MaxStartups 100",
                ""));
    }

    Path hostKey() {
        return dir.resolve("ssh_host_ed25519_key");
    }

    /** {@code 192.0.2.11 ssh-ed25519 AAAA...}: the line ssh-keyscan would print for this host. */
    String knownHostsLine() throws IOException {
        String[] pub = Files.readString(Path.of(hostKey() + ".pub")).trim().split("\\s+");
        return address + " " + pub[0] + " " + pub[1];
    }

    /** The host key's fingerprint as {@code ssh-keygen -lf} prints it ({@code SHA256:...}). */
    String fingerprint() {
        return SshHosts.sh("ssh-keygen", "-lf", hostKey() + ".pub").split("\\s+")[1];
    }

    /**
     * Runs the daemon inside a container booted with systemd instead of in a private mount namespace: a transient
     * service of that systemd ({@code systemd-run}, {@code Type=notify} as Debian's ssh.service), so the host's /run
     * and /etc are the container's own and systemd stops it cleanly at shutdown. The daemon's folder must be one the
     * container sees ({@link SystemdContainer#shared()}).
     */
    void runIn(SystemdContainer systemdHost) {
        this.container = systemdHost;
    }

    /** From the next start the host has a /var/lib of its own, and no Java unless {@code java}. */
    void ownVarLib(boolean java) {
        this.files = java ? "own-var-lib" : "no-java";
    }

    boolean running() {
        if (container != null) {
            return container.exec("systemctl", "is-active", "--quiet", UNIT).exit() == 0;
        }
        return process != null && process.isAlive();
    }

    /** Starts the daemon and waits until it listens; fails with its log when it does not within 10 s. */
    void start() throws IOException, InterruptedException {
        if (running()) {
            return;
        }
        if (container != null) {
            container.exec("systemctl", "reset-failed", UNIT);
            Ovnet.Result run = container.exec("timeout", "10", "systemd-run", "--quiet", "--unit=" + UNIT,
                    "--property=Type=notify", "--property=RuntimeDirectory=sshd", "/usr/sbin/sshd", "-D", "-e", "-f",
                    dir.resolve("sshd_config").toString());
            if (run.exit() != 0 || !running()) {
                throw new IllegalStateException("sshd in " + netns + " did not start: " + run + "\n" + log());
            }
            return;
        }
        Path sshdRun = Files.createDirectories(root.resolve("run/sshd"));
        Files.setPosixFilePermissions(sshdRun, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.createDirectories(root.resolve("etc"));
        Files.createDirectories(root.resolve(".etc-work"));
        process = new ProcessBuilder(List.of("ip", "netns", "exec", netns, "unshare", "--mount", "--propagation",
                "private", "sh", "-c", SCRIPT, "sshd-" + netns, root.toString(), dir.resolve("sshd_config")
                        .toString(), files)).redirectErrorStream(true).start();
        CountDownLatch listening = new CountDownLatch(1);
        Process started = process;
        Thread pump = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(started.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String line; (line = lines.readLine()) != null; ) {
                    synchronized (log) {
                        log.append(line).append('\n');
                    }
                    if (line.contains("Server listening on " + address)) {
                        listening.countDown();
                    }
                }
            } catch (IOException e) {
                // the daemon ended
            }
        }, "sshd-log-" + netns);
        pump.setDaemon(true);
        pump.start();
        if (!listening.await(10, TimeUnit.SECONDS)) {
            stop();
            throw new IllegalStateException("sshd in " + netns + " did not start:\n" + log());
        }
    }

    /** Stops the listening daemon (sessions already open end with their connections). */
    void stop() throws InterruptedException {
        if (container != null) {
            container.exec("systemctl", "stop", UNIT);
            return;
        }
        if (process == null) {
            return;
        }
        process.destroy();
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
        process = null;
    }

    /**
     * CPU seconds (user + system) of the sessions this daemon served so far and of the commands they ran: the
     * listening sshd reaps its per-connection processes, so their time adds up in its own cutime and cstime.
     */
    double sessionCpuSeconds() throws IOException {
        if (container != null || !running()) {
            return 0; // not measured in a container (the ssh benchmark does not use one)
        }
        String stat = Files.readString(Path.of("/proc", String.valueOf(process.pid()), "stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        // after "pid (comm) ": field 3 is state; cutime and cstime are fields 16 and 17 of proc(5)
        return (Long.parseLong(fields[13]) + Long.parseLong(fields[14])) / 100.0;
    }

    /** What the daemon logged so far, for failure messages. */
    String log() {
        if (container != null) {
            return container.exec("journalctl", "--no-pager", "-u", UNIT).out();
        }
        synchronized (log) {
            return log.toString();
        }
    }
}
