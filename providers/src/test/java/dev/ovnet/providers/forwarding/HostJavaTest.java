package dev.ovnet.providers.forwarding;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ovnet.providers.kernel.CommandFailedException;
import dev.ovnet.providers.transport.LocalTransport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Which Java runs ovnet's code on a host, and the bundled runtime's install and removal, with this machine's real
 * sh, tar, sha256sum and flock under a temporary root; only the host's answer to "which java?" is made up.
 */
class HostJavaTest {

    @TempDir
    Path dir;

    /** This machine, but its java is what {@code javaAnswer} says; records every file written. */
    private static final class Host extends LocalTransport {
        final String javaAnswer;
        final List<String> written = new ArrayList<>();

        Host(String javaAnswer) {
            this.javaAnswer = javaAnswer;
        }

        @Override
        public Result run(List<String> argv, byte[] stdin, Duration timeout) {
            if (argv.size() == 3 && argv.get(2).startsWith("command -v java")) {
                return new Result(javaAnswer.isEmpty() ? 1 : 0, javaAnswer, "");
            }
            return super.run(argv, stdin, timeout);
        }

        @Override
        public void writeFile(String path, byte[] content, int mode) {
            written.add(path);
            super.writeFile(path, content, mode);
        }
    }

    /** A runtime folder like a release's: bin/java (here a copy of sleep, so a process can run from it) and its sha256. */
    private BundledRuntime runtime(String sha) throws Exception {
        Path home = Files.createDirectories(dir.resolve("release/runtime/bin"));
        Files.copy(Path.of("/bin/sleep"), home.resolve("java"), StandardCopyOption.REPLACE_EXISTING);
        Files.writeString(home.resolveSibling(BundledRuntime.MARKER), sha + "\n");
        return BundledRuntime.at(home.getParent()).orElseThrow();
    }

    @Test
    void aJavaHomeWithoutTheMarkerIsNoRuntimeToShip() throws Exception {
        assertTrue(BundledRuntime.at(Path.of(System.getProperty("java.home"))).isEmpty(), "a JDK is never shipped");
        Files.writeString(Files.createDirectories(dir.resolve("odd")).resolve(BundledRuntime.MARKER), "not a sum\n");
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> BundledRuntime.at(dir.resolve("odd")));
        assertTrue(e.getMessage().contains("holds no sha256: the release is damaged; unpack it again"), e.getMessage());
    }

    @Test
    void theJavaReleaseIsReadFromTheFirstLineOfJavaVersion() {
        assertEquals(17, HostJava.release("openjdk version \"17.0.15\" 2025-04-15"));
        assertEquals(21, HostJava.release("openjdk version \"21\" 2023-09-19"));
        assertEquals(8, HostJava.release("java version \"1.8.0_392\""));
        assertEquals(0, HostJava.release("bash: java: command not found"));
    }

    @Test
    void aHostWithJava17KeepsItsOwnAndGetsNothing() throws Exception {
        Host host = new Host("/usr/lib/jvm/java-17/bin/java\nopenjdk version \"17.0.15\" 2025-04-15\n");
        String root = dir.resolve("host").toString();
        assertEquals("/usr/lib/jvm/java-17/bin/java", new HostJava(Optional.of(runtime("a".repeat(64))))
                .java(host, root));
        assertEquals(List.of(), host.written);
        assertFalse(Files.exists(Path.of(root)));
    }

    @Test
    void aHostWithoutJavaGetsTheRuntimeOnceAndLosesItWhenNothingRunsFromIt() throws Exception {
        String sha = "0123456789abcdef".repeat(4);
        HostJava java = new HostJava(Optional.of(runtime(sha)));
        Host host = new Host("");
        String root = dir.resolve("host").toString();
        Path installed = Path.of(root, "var/lib/ovnet/runtime-0123456789abcdef");

        assertEquals(installed + "/bin/java", java.java(host, root));
        assertEquals(1, host.written.size(), host.written::toString);
        assertTrue(Files.isExecutable(installed.resolve("bin/java")));
        assertEquals(sha, Files.readString(installed.resolve(BundledRuntime.MARKER)).strip());
        try (var left = Files.list(installed.getParent())) {
            assertEquals(List.of(installed), left.toList(), "the upload is removed once unpacked");
        }

        assertEquals(installed + "/bin/java", java.java(host, root));
        assertEquals(1, host.written.size(), "a host that holds the runtime gets no second upload");

        // a java 11 host is no better than none
        assertEquals(installed + "/bin/java", java.java(new Host("/usr/bin/java\nopenjdk version \"11.0.2\"\n"), root));

        Process running = new ProcessBuilder(installed + "/bin/java", "30").start();
        try {
            HostJava.releaseUnused(host, root, Optional.empty());
            assertTrue(Files.isDirectory(installed), "a runtime a process runs from stays");
        } finally {
            running.destroy();
            running.waitFor(5, TimeUnit.SECONDS);
        }
        HostJava.releaseUnused(host, root, Optional.empty());
        assertFalse(Files.exists(installed), "nothing runs from it: removed");
    }

    @Test
    void aHostWithoutJavaAndNoRuntimeToInstallStopsWithTheFix() {
        CommandFailedException e = assertThrows(CommandFailedException.class,
                () -> new HostJava(Optional.empty()).java(new Host(""), dir.toString()));
        assertTrue(e.getMessage().contains("the host has no java: install a Java 17 runtime"), e.getMessage());
        assertTrue(e.getMessage().contains("release tarball"), e.getMessage());
    }
}
