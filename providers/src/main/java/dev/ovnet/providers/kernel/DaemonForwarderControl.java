package dev.ovnet.providers.kernel;

import dev.ovnet.planner.model.Forwarder;
import dev.ovnet.planner.net.Cidr;
import dev.ovnet.planner.net.Ipv4;
import dev.ovnet.planner.plan.Change;
import dev.ovnet.providers.transport.Transport;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;

/**
 * Runs {@code ovnet forward} on a host as a daemon, without systemd: started with Debian's
 * {@code start-stop-daemon --background} inside the host (its network namespace, or over SSH), with its pid,
 * settings, log and counters in {@code <root>/run/ovnet/}: {@code flannel0.pid}, {@code flannel0.settings},
 * {@code flannel0.log}, {@code flannel0.stats}. The settings file records the forwarder's settings and its build
 * (the sha256 of the ovnet jar it runs), which refresh reads back. A peer-table change is a reload (SIGHUP, the
 * process stays); changed settings or a changed build restart it; delete stops it. A forwarder that died is read
 * as missing, so the next plan shows it as drift and the next apply starts it again.
 */
public final class DaemonForwarderControl implements ForwarderControl {

    private static final Duration WAIT = Duration.ofSeconds(15);

    private final List<String> launcher;

    /** @param launcher how to run ovnet on the host, e.g. {@code [/usr/bin/java, -cp, ovnet.jar, dev.ovnet.cli.Main]} */
    public DaemonForwarderControl(List<String> launcher) {
        this.launcher = List.copyOf(launcher);
    }

    private static String file(String runDir, String device, String ext) {
        return runDir + "/" + device + "." + ext;
    }

    @Override
    public Optional<Forwarder> read(Transport transport, String device, String runDir) {
        Optional<Long> pid = livePid(transport, runDir, device);
        if (pid.isEmpty()) {
            return Optional.empty();
        }
        Optional<byte[]> settings = transport.readFile(file(runDir, device, "settings"));
        if (settings.isEmpty()) {
            return Optional.empty();
        }
        Properties p = new Properties();
        try {
            p.load(new java.io.StringReader(new String(settings.get(), StandardCharsets.UTF_8)));
            String peerFile = p.getProperty("peerFile");
            int peers = transport.readFile(peerFile).map(DaemonForwarderControl::countPeers).orElse(0);
            return Optional.of(new Forwarder(p.getProperty("dev"), Ipv4.parse(p.getProperty("bind")),
                    Integer.parseInt(p.getProperty("port")), Cidr.parse(p.getProperty("pool")),
                    Cidr.parse(p.getProperty("subnet")), peerFile, peers, p.getProperty("build")));
        } catch (java.io.IOException | RuntimeException e) {
            return Optional.empty(); // unreadable settings: treated as not running, so apply restarts it
        }
    }

    private static int countPeers(byte[] content) {
        return (int) new String(content, StandardCharsets.UTF_8).lines()
                .filter(l -> !l.isBlank() && !l.startsWith("#")).count();
    }

    /** The pid in the pid file, if that process lives and is an ovnet forwarder. */
    private static Optional<Long> livePid(Transport transport, String runDir, String device) {
        Optional<byte[]> pidFile = transport.readFile(file(runDir, device, "pid"));
        if (pidFile.isEmpty()) {
            return Optional.empty();
        }
        try {
            long pid = Long.parseLong(new String(pidFile.get(), StandardCharsets.US_ASCII).trim());
            Transport.Result cmdline = transport.run(List.of("cat", "/proc/" + pid + "/cmdline"));
            return cmdline.ok() && cmdline.stdout().contains("forward") ? Optional.of(pid) : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    @Override
    public void apply(Transport transport, Change change) {
        switch (change.action()) {
            case CREATE -> start(transport, (Forwarder) change.after());
            case UPDATE -> reload(transport, (Forwarder) change.after());
            case REPLACE -> {
                stop(transport, (Forwarder) change.before());
                start(transport, (Forwarder) change.after());
            }
            case DELETE -> stop(transport, (Forwarder) change.before());
        }
    }

    private static String runDir(Forwarder f) {
        return f.peerFile().substring(0, f.peerFile().lastIndexOf('/'));
    }

    private void start(Transport transport, Forwarder f) {
        String dir = runDir(f);
        stop(transport, f);
        String settings = "dev=" + f.dev() + "\nbind=" + f.bind() + "\nport=" + f.port() + "\npool=" + f.pool()
                + "\nsubnet=" + f.subnet() + "\npeerFile=" + f.peerFile() + "\n"
                + (f.build() == null ? "" : "build=" + f.build() + "\n");
        transport.writeFile(file(dir, f.dev(), "settings"), settings.getBytes(StandardCharsets.UTF_8), 0644);
        // --pidfile scopes the "already running?" check to this forwarder (by --exec alone, any java process counts)
        List<String> argv = new ArrayList<>(List.of("start-stop-daemon", "--start", "--background",
                "--pidfile", file(dir, f.dev(), "pid"), "--output", file(dir, f.dev(), "log"),
                "--exec", launcher.get(0), "--"));
        argv.addAll(launcher.subList(1, launcher.size()));
        argv.addAll(List.of("forward", "--peers", f.peerFile(), "--dev", f.dev(), "--bind", f.bind().toString(),
                "--port", Integer.toString(f.port()), "--pool", f.pool().toString(), "--subnet", f.subnet().toString(),
                "--stats", file(dir, f.dev(), "stats"), "--pid-file", file(dir, f.dev(), "pid")));
        run(transport, argv);
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            if (livePid(transport, dir, f.dev()).isPresent()) {
                return;
            }
            sleep(100);
        }
        String log = transport.readFile(file(dir, f.dev(), "log")).map(b -> new String(b, StandardCharsets.UTF_8))
                .orElse("").strip();
        throw new CommandFailedException(String.join(" ", argv),
                "the forwarder did not start within " + WAIT.toSeconds() + " s" + (log.isEmpty() ? "" : ": " + log));
    }

    private void reload(Transport transport, Forwarder f) {
        Optional<Long> pid = livePid(transport, runDir(f), f.dev());
        if (pid.isEmpty()) {
            start(transport, f);
            return;
        }
        run(transport, List.of("kill", "-HUP", Long.toString(pid.get())));
    }

    private void stop(Transport transport, Forwarder f) {
        String dir = runDir(f);
        Optional<Long> pid = livePid(transport, dir, f.dev());
        if (pid.isPresent()) {
            run(transport, List.of("kill", "-TERM", Long.toString(pid.get())));
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (System.nanoTime() < deadline && livePid(transport, dir, f.dev()).isPresent()) {
                sleep(50);
            }
            if (livePid(transport, dir, f.dev()).isPresent()) {
                run(transport, List.of("kill", "-KILL", Long.toString(pid.get())));
            }
        }
        transport.deleteFile(file(dir, f.dev(), "pid"));
        transport.deleteFile(file(dir, f.dev(), "settings"));
        transport.deleteFile(file(dir, f.dev(), "stats"));
    }

    private static void run(Transport transport, List<String> argv) {
        Transport.Result r = transport.run(argv);
        if (!r.ok()) {
            throw new CommandFailedException(String.join(" ", argv), r.stderr().strip());
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
