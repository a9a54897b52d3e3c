package dev.ovnet.providers.forwarding;

import dev.ovnet.planner.model.Forwarder;
import dev.ovnet.planner.net.Cidr;
import dev.ovnet.planner.net.Ipv4;
import dev.ovnet.forwarder.ForwarderMain;
import dev.ovnet.providers.kernel.CommandFailedException;
import dev.ovnet.providers.transport.Transport;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;

/**
 * What every way of running the forwarder shares: its files in {@code <root>/run/ovnet/} ({@code flannel0.pid}
 * written by the forwarder itself, {@code flannel0.settings} with its settings and build, {@code flannel0.log},
 * {@code flannel0.stats}), its command line, reading it back, and waiting for it to start or stop.
 */
final class ForwarderRunFiles {

    static final Duration WAIT = Duration.ofSeconds(15);
    /** The class every launcher runs ovnet with, before {@code forward}. */
    static final String MAIN_CLASS = "dev.ovnet.cli.Main";
    /**
     * What a long-lived process is started under instead of ovnet's own environment, which may hold secrets
     * ({@code OVNET_ETCD_PASSWORD}, {@code OVNET_SSH_PASSPHRASE}, whatever a CI job exports) that would otherwise
     * sit in {@code /proc/<pid>/environ} for as long as the forwarder runs: nothing but a search path and a locale.
     */
    static final List<String> CLEAN_ENVIRONMENT = List.of("/usr/bin/env", "-i",
            "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin", "LANG=C.UTF-8");
    static final int LOG_LINES = 10;

    private ForwarderRunFiles() {
    }

    static String file(String runDir, String device, String ext) {
        return runDir + "/" + device + "." + ext;
    }

    static String runDir(Forwarder f) {
        return f.peerFile().substring(0, f.peerFile().lastIndexOf('/'));
    }

    /**
     * The host root that a run folder ({@code <root>/run/ovnet}) belongs to, as a prefix for other paths on the
     * host: empty for root {@code /}.
     */
    static String rootPrefix(String runDir) {
        return runDir.substring(0, runDir.lastIndexOf("/run/ovnet"));
    }

    static String rootPrefix(Forwarder f) {
        return rootPrefix(runDir(f));
    }

    static String file(Forwarder f, String ext) {
        return file(runDir(f), f.dev(), ext);
    }

    /** The forwarder as its settings file and its live pid say, or empty when it does not run. */
    static Optional<Forwarder> read(Transport transport, String device, String runDir) {
        if (livePid(transport, runDir, device).isEmpty()) {
            return Optional.empty();
        }
        Optional<byte[]> settings = transport.readFile(file(runDir, device, "settings"));
        if (settings.isEmpty()) {
            return Optional.empty();
        }
        Properties p = new Properties();
        try {
            p.load(new StringReader(new String(settings.get(), StandardCharsets.UTF_8)));
            String peerFile = p.getProperty("peerFile");
            int peers = transport.readFile(peerFile).map(ForwarderRunFiles::countPeers).orElse(0);
            return Optional.of(new Forwarder(p.getProperty("dev"), Ipv4.parse(p.getProperty("bind")),
                    Integer.parseInt(p.getProperty("port")), Cidr.parse(p.getProperty("pool")),
                    Cidr.parse(p.getProperty("subnet")), peerFile, peers, p.getProperty("build")));
        } catch (IOException | RuntimeException e) {
            return Optional.empty(); // unreadable settings: treated as not running, so apply restarts it
        }
    }

    private static int countPeers(byte[] content) {
        return (int) new String(content, StandardCharsets.UTF_8).lines()
                .filter(l -> !l.isBlank() && !l.startsWith("#")).count();
    }

    /** Records the settings and the build the forwarder is started with, for {@link #read}. */
    private static void writeSettings(Transport transport, Forwarder f) {
        String settings = "dev=" + f.dev() + "\nbind=" + f.bind() + "\nport=" + f.port() + "\npool=" + f.pool()
                + "\nsubnet=" + f.subnet() + "\npeerFile=" + f.peerFile() + "\n"
                + (f.build() == null ? "" : "build=" + f.build() + "\n");
        transport.writeFile(file(f, "settings"), settings.getBytes(StandardCharsets.UTF_8), 0644);
    }

    /** {@code launcher} followed by {@code forward} and the forwarder's options. */
    static List<String> command(List<String> launcher, Forwarder f) {
        List<String> argv = new ArrayList<>(launcher);
        argv.addAll(List.of("forward", "--peers", f.peerFile(), "--dev", f.dev(), "--bind", f.bind().toString(),
                "--port", Integer.toString(f.port()), "--pool", f.pool().toString(), "--subnet", f.subnet().toString(),
                "--stats", file(f, "stats"), "--pid-file", file(f, "pid")));
        return argv;
    }

    /** The pid in the pid file, if that process lives and is ovnet's forwarder of {@code device}. */
    static Optional<Long> livePid(Transport transport, String runDir, String device) {
        return named(transport, runDir, device)
                .filter(p -> isForwarder(p.argv(), device, file(runDir, device, "pid"))).map(Named::pid);
    }

    /** A live process that a pid file names, with its command line (its arguments, split at the NULs). */
    private record Named(long pid, List<String> argv) {
    }

    private static Optional<Named> named(Transport transport, String runDir, String device) {
        Optional<byte[]> pidFile = transport.readFile(file(runDir, device, "pid"));
        if (pidFile.isEmpty()) {
            return Optional.empty();
        }
        long pid;
        try {
            pid = Long.parseLong(new String(pidFile.get(), StandardCharsets.US_ASCII).trim());
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        if (pid < 1) {
            return Optional.empty();
        }
        return commandLine(transport, pid).map(argv -> new Named(pid, argv));
    }

    /**
     * The arguments of a live process. An empty command line is a zombie (a forwarder that died and is not reaped
     * yet) or a kernel thread: neither runs anything of ovnet's, and neither is signalled.
     */
    private static Optional<List<String>> commandLine(Transport transport, long pid) {
        Transport.Result cmdline = transport.run(List.of("cat", "/proc/" + pid + "/cmdline"));
        return cmdline.ok() && !cmdline.stdout().isEmpty()
                ? Optional.of(List.of(cmdline.stdout().split("\0"))) : Optional.empty();
    }

    /**
     * Whether a command line is the one {@link #command} gives ovnet's forwarder of {@code device}: ovnet's main
     * class (or the forwarder's own, {@link ForwarderMain}), then {@code forward} with {@code --dev device} and
     * {@code --pid-file pidFile}. A pid file is only a claim (anyone who can write the run folder, or a pid reused
     * after a crash, can make it name another process), so nothing is signalled on its word alone.
     */
    static boolean isForwarder(List<String> argv, String device, String pidFile) {
        int forward = argv.indexOf("forward");
        return forward > 0 && (argv.get(forward - 1).equals(MAIN_CLASS)
                || argv.get(forward - 1).equals(ForwarderMain.class.getName()))
                && option(argv, forward, "--dev", device) && option(argv, forward, "--pid-file", pidFile);
    }

    private static boolean option(List<String> argv, int from, String name, String value) {
        for (int i = from + 1; i + 1 < argv.size(); i++) {
            if (argv.get(i).equals(name)) {
                return argv.get(i + 1).equals(value);
            }
        }
        return false;
    }

    /**
     * The pid of {@code f}'s forwarder, for a signal, or empty when none runs. When its pid file names a live
     * process that is not that forwarder, this refuses, and nothing is signalled: the error names the file, the
     * process and what to do.
     */
    static Optional<Long> pidToSignal(Transport transport, Forwarder f) {
        String runDir = runDir(f);
        Optional<Named> named = named(transport, runDir, f.dev());
        String pidFile = file(f, "pid");
        if (named.isEmpty() || isForwarder(named.get().argv(), f.dev(), pidFile)) {
            return named.map(Named::pid);
        }
        Named other = named.get();
        String shown = String.join(" ", other.argv());
        throw new CommandFailedException("kill " + other.pid(), "refused: the pid file " + pidFile + " names process "
                + other.pid() + " (" + (shown.length() > 120 ? shown.substring(0, 120) + "…" : shown)
                + "), which is not ovnet's forwarder of " + f.dev() + ", so ovnet does not signal it; if no ovnet"
                + " forwarder runs on " + f.dev() + ", remove " + pidFile + " and run apply again");
    }

    static Optional<Long> livePid(Transport transport, Forwarder f) {
        return livePid(transport, runDir(f), f.dev());
    }

    /**
     * Starts the forwarder of {@code f}: records its settings, runs {@code launch}, then waits until a forwarder
     * other than {@code old} (the pid before a restart, or empty) runs and holds its TUN device. When the launch
     * fails, or none starts in time (then the message names {@code command} and the end of the forwarder's log),
     * the settings file is removed again: nothing runs with them.
     */
    static void start(Transport transport, Forwarder f, Optional<Long> old, String command, Runnable launch) {
        // whatever starts the forwarder appends its output to the log, following a link there: refuse one first
        transport.checkFile("append to", file(f, "log"));
        writeSettings(transport, f);
        try {
            launch.run();
            awaitStart(transport, f, old, command);
        } catch (CommandFailedException e) {
            transport.deleteFile(file(f, "settings"));
            throw e;
        }
    }

    private static void awaitStart(Transport transport, Forwarder f, Optional<Long> old, String command) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            Optional<Long> pid = livePid(transport, f);
            if (pid.isPresent() && !pid.equals(old) && attached(transport, f.dev())) {
                return;
            }
            sleep(50);
        }
        String log = transport.readFile(file(f, "log")).map(b -> logTail(new String(b, StandardCharsets.UTF_8)))
                .orElse("");
        throw new CommandFailedException(command,
                "the forwarder did not start within " + WAIT.toSeconds() + " s" + (log.isEmpty() ? "" : ": " + log));
    }

    /**
     * The end of a forwarder's log for an error message: the log is appended to by every run (and systemd may have
     * restarted a failing forwarder several times while apply waited), so a line is kept only at its last
     * occurrence, and only the last {@value #LOG_LINES} lines are kept.
     */
    static String logTail(String log) {
        List<String> lines = log.strip().lines().filter(l -> !l.isBlank()).toList();
        Set<String> lastFirst = new LinkedHashSet<>();
        for (int i = lines.size() - 1; i >= 0 && lastFirst.size() < LOG_LINES; i--) {
            lastFirst.add(lines.get(i));
        }
        List<String> kept = new ArrayList<>(lastFirst);
        Collections.reverse(kept);
        return String.join("\n", kept);
    }

    /**
     * Whether a process holds the TUN device open: the kernel gives it carrier then. Until that moment packets
     * routed into it are dropped, so a start waits for it rather than only for the process.
     */
    static boolean attached(Transport transport, String device) {
        Transport.Result carrier = transport.run(List.of("cat", "/sys/class/net/" + device + "/carrier"));
        return carrier.ok() && carrier.stdout().strip().equals("1");
    }

    /** Waits until the forwarder of {@code f} no longer runs; false when it still does after the wait. */
    static boolean awaitStop(Transport transport, Forwarder f) {
        Optional<Long> pid = livePid(transport, f);
        return pid.isEmpty() || awaitExit(transport, f, pid.get());
    }

    /**
     * Waits until process {@code pid}, the forwarder of {@code f}, has exited; false when it still runs after the
     * wait. The process itself is watched, not its pid file: a forwarder removes its pid file as it begins to shut
     * down, while its JVM may go on for a while (long enough, on a busy host, for a runtime it runs from to look
     * in use to the destroy that follows).
     */
    static boolean awaitExit(Transport transport, Forwarder f, long pid) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline && runs(transport, f, pid)) {
            sleep(50);
        }
        return !runs(transport, f, pid);
    }

    private static boolean runs(Transport transport, Forwarder f, long pid) {
        return commandLine(transport, pid).filter(argv -> isForwarder(argv, f.dev(), file(f, "pid"))).isPresent();
    }

    /** Removes what a stopped forwarder leaves: pid, settings and stats (the log stays, for the user). */
    static void deleteFiles(Transport transport, Forwarder f) {
        transport.deleteFile(file(f, "pid"));
        transport.deleteFile(file(f, "settings"));
        transport.deleteFile(file(f, "stats"));
    }

    static void run(Transport transport, List<String> argv) {
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
