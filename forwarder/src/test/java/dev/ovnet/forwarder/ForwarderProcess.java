package dev.ovnet.forwarder;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A forwarder started as its own JVM inside a namespace (as apply starts it), with its log and stats file. */
final class ForwarderProcess implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Process process;
    private final Path log;
    private final Path stats;

    private ForwarderProcess(Process process, Path log, Path stats) {
        this.process = process;
        this.log = log;
        this.stats = stats;
    }

    /**
     * Starts it through {@code main}, {@link ForwarderMain} or another main class that takes the forwarder's
     * options (one that injects a test seam), and waits until it says it is forwarding (or fails with its log).
     */
    static ForwarderProcess start(String ns, Class<?> main, List<String> args, Path log) throws IOException {
        List<String> argv = TestClasspath.java(ns, main.getName(), args);
        ProcessBuilder builder = new ProcessBuilder(argv).redirectErrorStream(true).redirectOutput(log.toFile());
        Process process = builder.start();
        int stats = args.indexOf("--stats");
        ForwarderProcess fp = new ForwarderProcess(process, log, stats < 0 ? null : Path.of(args.get(stats + 1)));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            if (fp.log().contains(" ovnet forward: forwarding ")) {
                return fp;
            }
            if (!process.isAlive()) {
                throw new AssertionError("forwarder exited with " + process.exitValue() + ":\n" + fp.log());
            }
            sleep(50);
        }
        fp.close();
        throw new AssertionError("forwarder did not start within 30 s:\n" + fp.log());
    }

    long pid() {
        return process.pid();
    }

    boolean alive() {
        return process.isAlive();
    }

    String log() {
        try {
            return Files.exists(log) ? Files.readString(log) : "";
        } catch (IOException e) {
            return "(cannot read log: " + e + ")";
        }
    }

    /** Waits until the log contains {@code text}; false after {@code seconds}. */
    boolean awaitLog(String text, int seconds) {
        return awaitLog(log -> log.contains(text), seconds);
    }

    /** Waits until the log passes {@code test}; false after {@code seconds}. */
    boolean awaitLog(java.util.function.Predicate<String> test, int seconds) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (System.nanoTime() < deadline) {
            if (test.test(log())) {
                return true;
            }
            sleep(50);
        }
        return false;
    }

    /** The stats file as it is after the next write (so counters include what just happened). */
    JsonNode stats() throws IOException {
        long before = Files.exists(stats) ? Files.getLastModifiedTime(stats).toMillis() : 0;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(6);
        while (System.nanoTime() < deadline) {
            if (Files.exists(stats) && Files.getLastModifiedTime(stats).toMillis() > before) {
                break;
            }
            sleep(100);
        }
        return JSON.readTree(stats.toFile());
    }

    /** The stats file as it is, for failure messages. */
    String statsNow() {
        try {
            return Files.readString(stats);
        } catch (IOException e) {
            return "(no stats: " + e + ")";
        }
    }

    /** A forwarder-wide drop counter: {@code direction} tunToUdp or udpToTun. */
    static long drop(JsonNode stats, String direction, String reason) {
        return stats.path("drops").path(direction).path(reason).asLong(-1);
    }

    static JsonNode peer(JsonNode stats, String subnet) {
        for (JsonNode peer : stats.path("peers")) {
            if (peer.path("subnet").asText().equals(subnet)) {
                return peer;
            }
        }
        throw new AssertionError("no peer " + subnet + " in " + stats);
    }

    void signal(String name) {
        Sh.Result result = Sh.run(List.of("kill", "-s", name, String.valueOf(process.pid())), 10);
        if (result.code() != 0) {
            throw new AssertionError("cannot signal the forwarder: " + result.out() + "its log:\n" + log());
        }
    }

    /** SIGTERM, then the exit code. */
    int stop() throws InterruptedException {
        if (process.isAlive()) {
            process.destroy();
        }
        if (!process.waitFor(15, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(5, TimeUnit.SECONDS);
            throw new AssertionError("forwarder ignored SIGTERM:\n" + log());
        }
        return process.exitValue();
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
