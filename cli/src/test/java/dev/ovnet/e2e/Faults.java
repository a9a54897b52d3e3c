package dev.ovnet.e2e;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Real tool failures on one simulated host, for fault tests: {@code faults/fault-tool} installed under the names
 * of the tools ovnet runs on hosts, in a folder put first on ovnet's PATH ({@link #env()}). {@link #arm} makes
 * the next run of a tool inside one namespace fail (see the script for how each tool fails), once.
 */
final class Faults {

    static final List<String> TOOLS = List.of("ip", "bridge", "iptables-restore", "start-stop-daemon");

    private final Path bin;
    private final Path on;

    private Faults(Path bin, Path on) {
        this.bin = bin;
        this.on = on;
    }

    static Faults install(Path dir) throws IOException {
        Path bin = Files.createDirectories(dir.resolve("faults/bin"));
        Path on = Files.createDirectories(dir.resolve("faults/on"));
        try (InputStream in = Faults.class.getResourceAsStream("/faults/fault-tool")) {
            byte[] script = in.readAllBytes();
            for (String tool : TOOLS) {
                Path f = bin.resolve(tool);
                Files.write(f, script);
                f.toFile().setExecutable(true);
            }
        }
        return new Faults(bin, on);
    }

    /** ovnet's environment additions: the wrappers first on PATH, and where they look for armed faults. */
    Map<String, String> env() {
        return Map.of("PATH", bin + ":" + System.getenv("PATH"), "OVNET_FAULTS", on.toString());
    }

    /** The next run of {@code tool} inside {@code netns} fails; {@code arg}: lines done first, or "hang". */
    void arm(String tool, String netns, String arg) throws IOException {
        Files.writeString(on.resolve(tool), netns + " " + arg + "\n");
    }

    boolean fired(String tool) {
        return Files.exists(on.resolve(tool + ".fired"));
    }

    /** Disarms every fault and forgets which fired. */
    void clear() throws IOException {
        try (Stream<Path> left = Files.list(on)) {
            for (Path f : left.toList()) {
                Files.delete(f);
            }
        }
    }
}
