package dev.ovnet.providers.forwarding;

import dev.ovnet.providers.transport.Transport;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A host in memory for the forwarder's controls: files in a map, and just enough of systemd, /proc and /sys to
 * follow what a control does. {@code systemctl restart} of the unit starts a new "forwarder" (a new pid
 * that writes its pid file, as the real one does); {@code disable --now} stops it; {@code kill} ends it. Every
 * command is logged. It stands in for systemd in unit tests; {@code SystemdIT} runs the same control against a
 * real systemd.
 */
final class FakeSystemdHost implements Transport {

    final Map<String, String> files = new TreeMap<>();
    final List<String> commands = new ArrayList<>();
    final boolean booted;
    private final String pidFile;
    private Long running;
    private long nextPid = 100;

    FakeSystemdHost(boolean booted, String pidFile) {
        this.booted = booted;
        this.pidFile = pidFile;
    }

    Optional<Long> running() {
        return Optional.ofNullable(running);
    }

    @Override
    public Result run(List<String> argv, byte[] stdin, Duration timeout) {
        String line = String.join(" ", argv);
        commands.add(line);
        if (line.equals("test -d /run/systemd/system")) {
            return result(booted);
        }
        if (argv.get(0).equals("cat") && argv.get(1).startsWith("/proc/")) {
            boolean alive = running != null && argv.get(1).equals("/proc/" + running + "/cmdline");
            String cmdline = "java\0-cp\0ovnet.jar\0dev.ovnet.cli.Main\0forward\0--dev\0flannel0\0--pid-file\0"
                    + pidFile + "\0";
            return new Result(alive ? 0 : 1, alive ? cmdline : "", "");
        }
        if (argv.get(0).equals("cat") && argv.get(1).startsWith("/sys/class/net/")) {
            return new Result(running != null ? 0 : 1, running != null ? "1\n" : "", ""); // a running forwarder holds its TUN
        }
        if (argv.get(0).equals("systemctl")) {
            switch (argv.get(1)) {
                case "restart" -> {
                    running = nextPid++;
                    files.put(pidFile, running + "\n");
                }
                case "disable" -> stop();
                case "is-active" -> {
                    return result(running != null);
                }
                default -> {
                }
            }
            return result(true);
        }
        if (line.startsWith("sh -c command -v java")) {
            return new Result(0, "/usr/lib/jvm/java-17/bin/java\nopenjdk version \"17.0.15\" 2025-04-15\n", "");
        }
        if (line.startsWith("sh -c [ -d \"$1\" ] || exit 0")) {
            return result(true); // no runtime was installed: nothing to release
        }
        if (argv.get(0).equals("rmdir")) {
            return result(true);
        }
        if (argv.get(0).equals("kill")) {
            if (!argv.get(1).equals("-HUP")) {
                stop();
            }
            return result(true);
        }
        return new Result(127, "", argv.get(0) + ": not in this fake host");
    }

    private void stop() {
        running = null;
        files.remove(pidFile);
    }

    private static Result result(boolean ok) {
        return new Result(ok ? 0 : 1, "", "");
    }

    @Override
    public void writeFile(String path, byte[] content, int mode) {
        files.put(path, new String(content, StandardCharsets.UTF_8));
    }

    @Override
    public Optional<byte[]> readFile(String path) {
        return Optional.ofNullable(files.get(path)).map(s -> s.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void deleteFile(String path) {
        files.remove(path);
    }

    /** Holds no links. */
    @Override
    public void checkFile(String verb, String path) {
    }

    @Override
    public String describe() {
        return "fake systemd host";
    }
}
