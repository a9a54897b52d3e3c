package dev.ovnet.e2e;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs the built ovnet jar (cli/target/ovnet.jar) as a user would, optionally inside a network namespace, with
 * CI=true so output is plain. Every call waits at most two minutes.
 */
final class Ovnet {

    static final Path JAR = Path.of("target", "ovnet.jar").toAbsolutePath();

    record Result(int exit, String out, String err) {
        String all() {
            return out + err;
        }

        @Override
        public String toString() {
            return "exit " + exit + "\n--- stdout\n" + out + "--- stderr\n" + err;
        }
    }

    private Ovnet() {
    }

    static Result run(String... args) {
        return runIn(null, args);
    }

    /** Runs ovnet; inside namespace {@code netns} when it is not null. */
    static Result runIn(String netns, String... args) {
        return runIn(netns, JAR, args);
    }

    /** Runs the ovnet of {@code jar} (a build other than the current one); in {@code netns} unless null. */
    static Result runIn(String netns, Path jar, String... args) {
        if (!Files.exists(jar)) {
            throw new IllegalStateException("build the jar first (mvn package): " + jar);
        }
        List<String> cmd = new ArrayList<>();
        if (netns != null) {
            cmd.addAll(List.of("ip", "netns", "exec", netns));
        }
        cmd.addAll(List.of("java", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-jar", jar.toString()));
        cmd.addAll(List.of(args));
        return exec(cmd, null);
    }

    /** Runs any command (argv), returns its outcome. */
    static Result exec(List<String> cmd, String stdin) {
        return exec(cmd, stdin, Duration.ofMinutes(2));
    }

    /** The same, waiting at most {@code limit}. */
    static Result exec(List<String> cmd, String stdin, Duration limit) {
        try {
            ProcessBuilder pb = new ProcessBuilder(cmd);
            pb.environment().put("CI", "true");
            pb.environment().remove("NO_COLOR");
            Path out = Files.createTempFile("ovnet-e2e", ".out");
            Path err = Files.createTempFile("ovnet-e2e", ".err");
            try {
                pb.redirectOutput(out.toFile()).redirectError(err.toFile());
                Process p = pb.start();
                try (var in = p.getOutputStream()) {
                    if (stdin != null) {
                        in.write(stdin.getBytes(StandardCharsets.UTF_8));
                    }
                } catch (IOException e) {
                    // the command exited without reading its input (nc finding no listener yet): its exit code says so
                }
                if (!p.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
                    p.destroyForcibly();
                    throw new IllegalStateException("timed out: " + cmd);
                }
                return new Result(p.exitValue(), Files.readString(out), Files.readString(err));
            } finally {
                Files.deleteIfExists(out);
                Files.deleteIfExists(err);
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A copy of the ovnet jar with one more entry: the same code, a different build. */
    static Path otherBuild(Path dir) throws IOException {
        Path copy = dir.resolve("ovnet-next.jar");
        Files.copy(JAR, copy);
        try (FileSystem zip = FileSystems.newFileSystem(copy)) {
            Files.writeString(zip.getPath("META-INF", "ovnet-next-build.txt"), "next\n");
        }
        return copy;
    }

    static Result sh(String... argv) {
        return exec(List.of(argv), null);
    }
}
