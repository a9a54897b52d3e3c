package dev.ovnet.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The release tarball, unpacked as a user would into a folder with a space in its name. It is the one in target/
 * when that is newer than the jar (left by {@code mvn -Prelease package} or by an earlier test class), otherwise
 * it is made there from the built jar by the same script (src/release/make-release): at most once per build, in
 * at most five minutes. Closing removes the unpacked copy.
 */
final class Release implements AutoCloseable {

    /** What a user's shell would search, with Java and Maven hidden (see {@link #withoutJava}). */
    private static final String PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

    /**
     * Run by {@code sh -c} in a private mount namespace with $1 = working folder, then the command: every folder
     * that holds a Java or Maven on this machine is covered by an empty file system, so /usr/bin/java and
     * /usr/bin/mvn lead nowhere. Fixed text; the arguments are never interpolated.
     */
    private static final String HIDE_JAVA = String.join("\n",
            "for d in /usr/lib/jvm /usr/share/maven /usr/share/java; do",
            "  [ -d \"$d\" ] && { mount -t tmpfs -o ro tmpfs \"$d\" || exit 97; }",
            "done",
            "cd \"$1\" && shift && exec \"$@\"");

    final String version;
    final Path dir;
    final Path tarball;
    /** The unpacked {@code ovnet-<version>} folder. */
    final Path home;

    private Release(String version, Path dir, Path tarball, Path home) {
        this.version = version;
        this.dir = dir;
        this.tarball = tarball;
        this.home = home;
    }

    /** Finds or makes the tarball and unpacks it; on failure removes what it made. */
    static Release unpacked() throws IOException {
        String version = System.getProperty("ovnet.version", "0.1.0");
        Path dir = Files.createTempDirectory("orl-release-");
        try {
            String name = "ovnet-" + version + "-linux-x64.tar.gz";
            Path tarball = Ovnet.JAR.resolveSibling(name);
            if (!Files.exists(tarball) || Files.getLastModifiedTime(tarball).compareTo(
                    Files.getLastModifiedTime(Ovnet.JAR)) < 0) {
                expect(Ovnet.exec(List.of(Path.of("src/release/make-release").toAbsolutePath().toString(), version,
                        Ovnet.JAR.toString(), Ovnet.JAR.getParent().toString(), System.getProperty("java.home"),
                        System.getProperty("ovnet.outputTimestamp", "2026-12-07T00:00:00Z")), null,
                        Duration.ofMinutes(5)), "make-release");
            }
            Path unpackInto = Files.createDirectories(dir.resolve("with space"));
            expect(Ovnet.exec(List.of("tar", "-xzf", tarball.toString(), "-C", unpackInto.toString()), null),
                    "tar");
            return new Release(version, dir, tarball, unpackInto.resolve("ovnet-" + version));
        } catch (IOException | RuntimeException | Error e) {
            SshHosts.deleteTree(dir);
            throw e;
        }
    }

    /**
     * Runs {@code argv} in {@code cwd} (optionally inside network namespace {@code netns}) where no Java and no
     * Maven can be found: /usr/lib/jvm and Maven's folders hidden in a private mount namespace, and an environment
     * of PATH, HOME and CI only (no JAVA_HOME).
     */
    static Ovnet.Result withoutJava(String netns, Path cwd, String... argv) {
        List<String> cmd = new ArrayList<>();
        if (netns != null) {
            cmd.addAll(List.of("ip", "netns", "exec", netns));
        }
        cmd.addAll(List.of("unshare", "--mount", "--propagation", "private", "sh", "-c", HIDE_JAVA, "hide-java",
                cwd.toString(), "env", "-i", "PATH=" + PATH, "HOME=/root", "CI=true"));
        cmd.addAll(List.of(argv));
        return Ovnet.exec(cmd, null);
    }

    Path launcher() {
        return home.resolve("bin/ovnet");
    }

    private static void expect(Ovnet.Result r, String what) {
        if (r.exit() != 0) {
            throw new IllegalStateException(what + " failed: " + r);
        }
    }

    @Override
    public void close() {
        SshHosts.deleteTree(dir);
    }
}
