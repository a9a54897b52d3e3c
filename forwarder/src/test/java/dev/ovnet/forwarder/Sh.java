package dev.ovnet.forwarder;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs commands (argv lists, never a shell) for the tests, optionally inside a network namespace. */
final class Sh {

    record Result(int code, String out) {
    }

    private Sh() {
    }

    static Result run(List<String> argv, long timeoutSeconds) {
        try {
            Process process = new ProcessBuilder(argv).redirectErrorStream(true).start();
            process.getOutputStream().close();
            byte[][] out = new byte[1][];
            Thread reader = new Thread(() -> {
                try {
                    out[0] = process.getInputStream().readAllBytes();
                } catch (IOException e) {
                    out[0] = new byte[0];
                }
            });
            reader.start();
            if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                reader.join(2000);
                throw new AssertionError("timed out after " + timeoutSeconds + " s: " + argv);
            }
            reader.join();
            return new Result(process.exitValue(), new String(out[0], StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new AssertionError("cannot run " + argv + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted: " + argv, e);
        }
    }

    /** Runs and requires exit code 0; returns the output. */
    static String ok(String... argv) {
        Result result = run(List.of(argv), 120);
        if (result.code() != 0) {
            throw new AssertionError("command failed (" + result.code() + "): " + String.join(" ", argv) + "\n"
                    + result.out());
        }
        return result.out();
    }

    /** {@code argv} inside namespace {@code ns}. */
    static List<String> in(String ns, String... argv) {
        List<String> out = new ArrayList<>(List.of("ip", "netns", "exec", ns));
        out.addAll(List.of(argv));
        return out;
    }

    static String okIn(String ns, String... argv) {
        return ok(in(ns, argv).toArray(String[]::new));
    }

    static Result runIn(String ns, long timeoutSeconds, String... argv) {
        return run(in(ns, argv), timeoutSeconds);
    }
}
