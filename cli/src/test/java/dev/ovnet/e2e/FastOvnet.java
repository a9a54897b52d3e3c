package dev.ovnet.e2e;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs the built ovnet jar like {@link Ovnet}, but with a class-data-sharing archive made once for the test (as
 * the {@code ./ovnet} launcher does), in a chosen working folder, and as a process the caller may signal. Suites
 * that start ovnet hundreds of times use it to stay fast.
 */
final class FastOvnet {

    private final Path archive;

    private FastOvnet(Path archive) {
        this.archive = archive;
    }

    /** Makes the archive in {@code dir} by running {@code ovnet validate -f yaml} once. */
    static FastOvnet prepare(Path dir, Path yaml) {
        Path jsa = dir.resolve("ovnet.jsa");
        List<String> cmd = new ArrayList<>(List.of("java", "-XX:ArchiveClassesAtExit=" + jsa, "-Xlog:cds=off",
                "-Xlog:cds+dynamic=off", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-jar", Ovnet.JAR.toString(),
                "validate", "-f", yaml.toString()));
        Ovnet.exec(cmd, null);
        return new FastOvnet(Files.exists(jsa) ? jsa : null);
    }

    List<String> command(String... args) {
        List<String> cmd = new ArrayList<>(List.of("java", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-XX:-UsePerfData", "-Xmx256m"));
        if (archive != null) {
            cmd.addAll(List.of("-XX:SharedArchiveFile=" + archive, "-Xshare:auto", "-Xlog:cds=off",
                    "-Xlog:cds+dynamic=off"));
        }
        cmd.addAll(List.of("-jar", Ovnet.JAR.toString()));
        cmd.addAll(List.of(args));
        return cmd;
    }

    /** Starts ovnet in {@code cwd} with its output going to {@code out} and {@code err}. */
    Process start(Path cwd, Path out, Path err, String... args) throws IOException {
        return start(cwd, out, err, java.util.Map.of(), args);
    }

    /** As above, with {@code env} added to (or replacing entries of) ovnet's environment. */
    Process start(Path cwd, Path out, Path err, java.util.Map<String, String> env, String... args)
            throws IOException {
        ProcessBuilder pb = new ProcessBuilder(command(args)).directory(cwd.toFile());
        pb.environment().put("CI", "true");
        pb.environment().remove("NO_COLOR");
        pb.environment().remove("OVNET_LOG");
        pb.environment().putAll(env);
        pb.redirectOutput(out.toFile()).redirectError(err.toFile()).redirectInput(ProcessBuilder.Redirect.PIPE);
        Process p = pb.start();
        p.getOutputStream().close();
        return p;
    }

    /** Runs ovnet in {@code cwd} to the end (two minutes at most). */
    Ovnet.Result run(Path cwd, String... args) {
        return run(cwd, java.util.Map.of(), args);
    }

    /** As above, with {@code env} added to ovnet's environment. */
    Ovnet.Result run(Path cwd, java.util.Map<String, String> env, String... args) {
        try {
            Path out = Files.createTempFile("ovnet-fast", ".out");
            Path err = Files.createTempFile("ovnet-fast", ".err");
            try {
                Process p = start(cwd, out, err, env, args);
                if (!p.waitFor(120, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                    throw new IllegalStateException("timed out: ovnet " + String.join(" ", args));
                }
                return new Ovnet.Result(p.exitValue(), read(out), read(err));
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

    /** Output as text; invalid bytes (a hostile value echoed back) become U+FFFD rather than failing the read. */
    static String read(Path file) throws IOException {
        return new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
    }
}
