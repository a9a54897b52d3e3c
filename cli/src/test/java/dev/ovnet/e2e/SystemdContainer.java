package dev.ovnet.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A simulated host that was booted with systemd: Debian's systemd 252 as PID 1, started by {@code systemd-nspawn}
 * inside the host's network namespace, so that ovnet finds {@code /run/systemd/system} there and runs the udp
 * forwarder as a unit.
 *
 * <p>The container must not act on this machine, so it gets a root file system of its own: an overlay whose lower
 * layer is this machine's {@code /} (read only to the overlay) and whose upper layer is a tmpfs. Everything the
 * container writes (systemd-tmpfiles clearing {@code /tmp}, the unit ovnet installs, the jar) lands in that tmpfs and
 * is gone when the container stops. Further isolation is nspawn's own: new mount, PID, UTS and IPC namespaces,
 * {@code /proc/sys} read only except the namespace's own {@code net}, nspawn's reduced capability set plus
 * {@code CAP_NET_ADMIN} (which a real host's root has, and the forwarder needs for its TUN device). The overlay, the
 * tmpfs and a private {@code /run} for nspawn's runtime folders are mounted in a mount namespace made for the
 * purpose ({@code unshare --mount --propagation private}), so no mount is ever visible outside. The container's
 * processes run in a cgroup made for it ({@code ovnet-e2e-<name>} in each hierarchy) and removed with it.
 *
 * <p>It boots the default target, as a host does, with the services this machine's packages enable that would
 * compete with the test masked: {@code ssh.service} and {@code ssh.socket} (the test runs its own sshd on port 22),
 * {@code etcd.service}, {@code postgresql.service}. {@link #reboot} reboots it on the same root file system. The
 * test's own sshd runs inside as a transient unit ({@link SshDaemon#runIn}). Files it needs go into
 * {@link #shared()} before {@link #boot} (overlayfs shows the lower layer as it was at mount time), not under
 * {@code /tmp}, which the container's boot empties. Needs systemd-container (systemd-nspawn).
 */
final class SystemdContainer implements AutoCloseable {

    /**
     * Run by {@code sh -c}: $1 = work folder, $2 = network namespace, $3 = machine name, then the cgroup folders to
     * join. A fixed script; arguments are never interpolated.
     */
    private static final String SCRIPT = String.join("\n",
            "set -e",
            "w=$1; ns=$2; name=$3; shift 3",
            "for cg in \"$@\"; do echo $$ > \"$cg/cgroup.procs\"; done",
            "mount -t tmpfs -o mode=0755 tmpfs \"$w/layer\"",
            "mkdir \"$w/layer/upper\" \"$w/layer/work\"",
            "mount -t overlay overlay -o \"lowerdir=/,upperdir=$w/layer/upper,workdir=$w/layer/work\" \"$w/root\"",
            // nspawn keeps runtime folders under /run/systemd/nspawn: a private /run keeps them off this machine
            "mount --bind \"/run/netns/$ns\" \"$w/netns\"",
            "mount -t tmpfs -o mode=0755 tmpfs /run",
            // a real host may set its own net.* sysctls (ip_forward); nspawn keeps the rest of /proc/sys read only
            "export SYSTEMD_NSPAWN_API_VFS_WRITABLE=network",
            // nspawn ends with 133 when the container reboots: boot it again on the same overlay, as a host reboots
            "while :; do",
            "  rc=0",
            "  systemd-nspawn --quiet --register=no --keep-unit --directory=\"$w/root\" --machine=\"$name\""
                    + " --network-namespace-path=\"$w/netns\" --link-journal=no --resolv-conf=off --timezone=off"
                    + " --console=pipe --capability=CAP_NET_ADMIN --boot systemd.mask=ssh.service"
                    + " systemd.mask=ssh.socket systemd.mask=etcd.service systemd.mask=postgresql.service || rc=$?",
            "  [ \"$rc\" = 133 ] || exit \"$rc\"",
            "done");

    private final String name;
    private final Path work;
    private final List<Path> cgroups;
    private Process nspawn;
    private long leader;

    private SystemdContainer(String name, Path work, List<Path> cgroups) {
        this.name = name;
        this.work = work;
        this.cgroups = cgroups;
    }

    /**
     * Makes the work folder of a container called {@code name}; does not boot. Files the container needs from this
     * machine go into {@link #shared()} before {@link #boot}.
     */
    static SystemdContainer create(String name) throws Exception {
        removeStale(name);
        Path work = Files.createTempDirectory(Path.of("/var/tmp"), "ovnet-e2e-sd-");
        SystemdContainer c = new SystemdContainer(name, work, cgroupFolders(name));
        Files.createDirectories(c.shared());
        return c;
    }

    /** A folder on this machine that the container sees at the same path once booted. */
    Path shared() {
        return work.resolve("shared");
    }

    /**
     * Boots the container in network namespace {@code netns} and waits until systemd reports the boot finished
     * ({@code systemctl is-system-running --wait}); on failure removes what it made.
     */
    void boot(String netns) throws Exception {
        try {
            Files.createDirectories(work.resolve("layer"));
            Files.createDirectories(work.resolve("root"));
            Files.createFile(work.resolve("netns"));
            for (Path cg : cgroups) {
                Files.createDirectories(cg);
            }
            List<String> argv = new ArrayList<>(List.of("unshare", "--mount", "--propagation", "private", "sh",
                    "-c", SCRIPT, "nspawn-" + name, work.toString(), netns, name));
            cgroups.forEach(cg -> argv.add(cg.toString()));
            nspawn = new ProcessBuilder(argv).redirectErrorStream(true)
                    .redirectOutput(work.resolve("nspawn.log").toFile()).start();
            leader = awaitLeader();
            awaitBoot();
        } catch (Exception | Error e) {
            close();
            throw e;
        }
    }

    /**
     * Waits for {@code systemctl is-system-running --wait} (asked again until systemd is PID 1 and listens on its
     * private bus, in the first seconds) and fails unless the boot ended {@code running} or {@code degraded}.
     */
    private void awaitBoot() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        Ovnet.Result up;
        do {
            up = exec("timeout", "90", "systemctl", "is-system-running", "--wait");
            // "offline": PID 1 is not systemd yet (the container's init is still starting, seen on a loaded machine)
            if (!up.err().contains("Failed to connect to bus") && !up.out().strip().equals("offline")) {
                break;
            }
            Thread.sleep(100);
        } while (System.nanoTime() < deadline && nspawn.isAlive());
        String status = up.out().strip();
        if (!status.equals("running") && !status.equals("degraded")) {
            throw new IllegalStateException("systemd in " + name + " did not finish booting: " + up + "\n"
                    + exec("systemctl", "--failed", "--no-pager").out() + nspawnLog());
        }
    }

    /**
     * Reboots the container ({@code systemctl reboot} inside) and waits until the new boot has finished: a new
     * systemd, the same root file system (the overlay and its tmpfs outlive the boot), a fresh {@code /run}.
     */
    void reboot() throws Exception {
        long before = leader;
        exec("systemctl", "reboot");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (nspawn.isAlive() && leaderPid().map(pid -> pid == before).orElse(true)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(name + " did not come back from the reboot: " + nspawnLog());
            }
            Thread.sleep(50);
        }
        leader = awaitLeader();
        awaitBoot();
    }

    /** The running systemd-nspawn, a child of the script. */
    private Optional<ProcessHandle> nspawnProcess() {
        return nspawn.toHandle().children().filter(p -> p.info().command().map(c -> c.endsWith("/systemd-nspawn"))
                .orElse(false)).findFirst();
    }

    /** The container's PID 1 as this machine numbers it: systemd, the child of nspawn. */
    private Optional<Long> leaderPid() {
        return nspawnProcess().flatMap(n -> n.children().filter(p -> p.info().command()
                .map(c -> c.endsWith("/systemd")).orElse(false)).findFirst()).map(ProcessHandle::pid);
    }

    private long awaitLeader() throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            if (!nspawn.isAlive()) {
                throw new IllegalStateException("systemd-nspawn for " + name + " ended: " + nspawnLog());
            }
            Optional<Long> pid = leaderPid();
            if (pid.isPresent()) {
                return pid.get();
            }
            Thread.sleep(50);
        }
        throw new IllegalStateException("no systemd in " + name + " after 30 s: " + nspawnLog());
    }

    /** Runs an argv inside the container (all its namespaces), as its root. */
    Ovnet.Result exec(String... argv) {
        List<String> cmd = new ArrayList<>(List.of("nsenter", "-t", Long.toString(leader), "-a"));
        cmd.addAll(List.of(argv));
        return Ovnet.exec(cmd, null);
    }

    /** {@code systemctl show -p <property> --value <unit>} inside the container. */
    String unitProperty(String unit, String property) {
        return exec("systemctl", "show", "-p", property, "--value", unit).out().strip();
    }

    private String nspawnLog() {
        try {
            return Files.readString(work.resolve("nspawn.log"));
        } catch (IOException e) {
            return "(no nspawn log)";
        }
    }

    /**
     * Halts the container (nspawn turns SIGTERM into a poweroff), kills whatever is left in its cgroups after 30 s,
     * and removes the cgroups and the work folder. The mounts went with the mount namespace.
     */
    @Override
    public void close() throws Exception {
        if (nspawn != null && nspawn.isAlive()) {
            // nspawn turns SIGTERM into a poweroff; the script then ends with it
            nspawnProcess().ifPresentOrElse(ProcessHandle::destroy, nspawn::destroy);
            if (!nspawn.waitFor(30, TimeUnit.SECONDS)) {
                killAll(cgroups);
                nspawn.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
        killAll(cgroups);
        removeCgroups(cgroups);
        deleteTree(work);
    }

    /** What a killed run left under this name: its processes and cgroups. */
    private static void removeStale(String name) throws Exception {
        List<Path> stale = cgroupFolders(name).stream().filter(Files::isDirectory).toList();
        killAll(stale);
        removeCgroups(stale);
    }

    /** {@code /sys/fs/cgroup/<hierarchy>/ovnet-e2e-<name>} for each hierarchy systemd uses on this machine. */
    private static List<Path> cgroupFolders(String name) {
        Path root = Path.of("/sys/fs/cgroup");
        String leaf = "ovnet-e2e-" + name;
        if (Files.exists(root.resolve("cgroup.controllers"))) {
            return List.of(root.resolve(leaf)); // unified hierarchy only
        }
        List<Path> folders = new ArrayList<>();
        for (String h : List.of("systemd", "unified")) {
            if (Files.isDirectory(root.resolve(h))) {
                folders.add(root.resolve(h).resolve(leaf));
            }
        }
        return folders;
    }

    private static void killAll(List<Path> cgroups) throws Exception {
        for (int round = 0; round < 50; round++) {
            List<String> pids = new ArrayList<>();
            for (Path cg : cgroups) {
                if (!Files.isDirectory(cg)) {
                    continue;
                }
                try (Stream<Path> walk = Files.walk(cg)) {
                    for (Path procs : walk.filter(p -> p.getFileName().toString().equals("cgroup.procs")).toList()) {
                        pids.addAll(Files.readAllLines(procs).stream().filter(l -> !l.isBlank()).toList());
                    }
                }
            }
            if (pids.isEmpty()) {
                return;
            }
            pids.forEach(pid -> Ovnet.exec(List.of("kill", "-9", pid), null));
            Thread.sleep(100);
        }
    }

    private static void removeCgroups(List<Path> cgroups) throws IOException {
        for (Path cg : cgroups) {
            if (!Files.isDirectory(cg)) {
                continue;
            }
            // cgroup folders hold only interface files: rmdir them deepest first
            try (Stream<Path> walk = Files.walk(cg)) {
                for (Path dir : walk.filter(Files::isDirectory).sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(dir);
                }
            }
        }
    }

    private static void deleteTree(Path path) throws IOException {
        if (!Files.exists(path)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(path)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
