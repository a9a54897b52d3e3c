package dev.ovnet.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The release tarball works where there is no Java and no Maven: unpacked into a folder with a space in its
 * name and started through a symbolic link, {@code bin/ovnet} prints its version, validates a file, plans a udp
 * lab network and applies it (the forwarders run with the runtime it brings) and destroys it, in an environment
 * where {@code java} and {@code mvn} cannot be found.
 */
@Tag("e2e")
class ReleaseIT {

    private static Release release;

    @BeforeAll
    static void unpack() throws IOException {
        release = Release.unpacked();
    }

    @AfterAll
    static void remove() {
        if (release != null) {
            release.close();
        }
    }

    @Test
    void theTarballHoldsWhatItPromisesAndItsChecksumMatches() throws IOException {
        Path sums = release.tarball.resolveSibling(release.tarball.getFileName() + ".sha256");
        Ovnet.Result check = Ovnet.exec(List.of("sh", "-c", "cd \"$1\" && sha256sum -c \"$2\"", "check",
                sums.getParent().toString(), sums.getFileName().toString()), null);
        assertEquals(0, check.exit(), check::toString);
        for (String file : List.of("bin/ovnet", "lib/ovnet.jar", "lib/ovnet.jsa", "runtime/bin/java",
                "runtime/ovnet-runtime.sha256", "share/man/man1/ovnet.1", "share/man/man1/ovnet-plan.1",
                "share/bash-completion/completions/ovnet", "share/zsh/ovnet-completion.zsh",
                "share/systemd/ovnet-agent.service", "README.md")) {
            assertTrue(Files.isRegularFile(release.home.resolve(file)), file);
        }
        assertTrue(Files.isExecutable(release.home.resolve("bin/ovnet")));
        assertTrue(Files.readString(release.home.resolve("share/man/man1/ovnet-plan.1")).startsWith(".TH OVNET\\-PLAN "));
        assertTrue(Files.readString(release.home.resolve("share/bash-completion/completions/ovnet"))
                .contains("complete -F"));
        // only the modules ovnet uses: no desktop, no compiler tools
        String modules = Files.readString(release.home.resolve("runtime/release"));
        assertTrue(modules.contains("java.base") && modules.contains("jdk.crypto.ec"), modules);
        assertTrue(!modules.contains("java.desktop") && !modules.contains("jdk.compiler"), modules);
    }

    /** The agent's systemd unit starts the launcher's agent command with options that command really has. */
    @Test
    void theAgentsSystemdUnitRunsTheAgentWithOptionsItHas() throws IOException {
        String unit = Files.readString(release.home.resolve("share/systemd/ovnet-agent.service"));
        Matcher exec = Pattern.compile("ExecStart=(\\S+) agent ((?:.|\\\\\n)*?)\n(?!\\s)")
                .matcher(unit);
        assertTrue(exec.find(), unit);
        Ovnet.Result help = Release.withoutJava(null, release.dir, release.launcher().toString(), "agent", "--help");
        assertEquals(0, help.exit(), help::toString);
        Matcher option = Pattern.compile("--[a-z-]+").matcher(exec.group(2));
        int options = 0;
        while (option.find()) {
            options++;
            assertTrue(help.out().contains(option.group()), option.group() + " is not an option of ovnet agent");
        }
        assertEquals(5, options, exec.group(2));
        assertTrue(unit.contains("WantedBy=multi-user.target") && unit.contains("Restart=always"), unit);
    }

    /**
     * Two builds of one commit give the same jar bytes only if no entry carries the time of its build: ovnet's own
     * entries carry the configured outputTimestamp (the libraries' entries keep the times their jars have).
     */
    @Test
    void ovnetsOwnJarEntriesCarryTheConfiguredTimestampNotTheTimeOfTheBuild() throws IOException {
        Instant configured = Instant.parse(System.getProperty("ovnet.outputTimestamp", "2026-12-07T00:00:00Z"));
        Set<LocalDateTime> times = new TreeSet<>();
        try (ZipFile jar = new ZipFile(Ovnet.JAR.toFile())) {
            jar.stream().filter(e -> e.getName().startsWith("dev/ovnet/")).forEach(e -> times.add(e.getTimeLocal()));
        }
        assertEquals(1, times.size(), times::toString);
        // zip keeps a date and time without a zone: the configured time, in UTC or in this machine's zone
        LocalDateTime stored = times.iterator().next();
        assertTrue(stored.equals(LocalDateTime.ofInstant(configured, ZoneOffset.UTC))
                || stored.equals(LocalDateTime.ofInstant(configured, ZoneId.systemDefault())),
                () -> stored + " is not " + configured);
    }

    @Test
    void binOvnetRunsWithoutJavaOrMavenFromAFolderWithASpace() throws Exception {
        Path links = Files.createDirectories(release.dir.resolve("other folder"));
        Path link = Files.createSymbolicLink(links.resolve("ovnet"), release.launcher());
        Path work = Files.createDirectories(release.dir.resolve("work dir"));
        Files.copy(Path.of("../examples/vxlan-3hosts.yaml"), work.resolve("ovnet.yaml"));

        Ovnet.Result noJava = Release.withoutJava(null, work, "sh", "-c", "command -v java || command -v mvn"
                + " || { [ -z \"${JAVA_HOME:-}\" ] && exit 3; }");
        assertEquals(3, noJava.exit(), () -> "java, mvn or JAVA_HOME are still visible: " + noJava);

        Ovnet.Result version = Release.withoutJava(null, work, link.toString(), "--version");
        assertEquals(0, version.exit(), version::toString);
        assertTrue(version.out().startsWith("ovnet " + release.version + " "), version::toString);

        Ovnet.Result validate = Release.withoutJava(null, work, link.toString(), "validate", "-f", "ovnet.yaml");
        assertEquals(0, validate.exit(), validate::toString);
        assertTrue(validate.out().contains("ovnet.yaml is valid"), validate::toString);

        String p = "orl-p";
        try (Lab lab = new Lab(p, UdpIT.yaml(p, true))) {
            lab.up();
            Ovnet.Result plan = Release.withoutJava(null, lab.dir, link.toString(), "plan", "--detailed-exitcode",
                    "-f", "ovnet.yaml");
            assertEquals(2, plan.exit(), plan::toString);
            assertTrue(plan.out().contains("forwarder flannel0") && plan.out().contains("# " + p + "-c"),
                    plan::toString);
            assertTrue(plan.out().matches("(?s).*Plan: \\d+ to add, \\d+ to change, 0 to destroy\\..*"),
                    plan::toString);

            // apply starts the forwarders with the bundled runtime and the real jar (not the launcher's fd name)
            Ovnet.Result apply = Release.withoutJava(null, lab.dir, link.toString(), "apply", "--auto-approve",
                    "-f", "ovnet.yaml");
            assertEquals(0, apply.exit(), apply::toString);
            assertTrue(lab.ovnetExpect(0, "lab", "check").out().contains("6/6 pairs reachable"));
            Path pid = Path.of("/run/ovnet/netns", p + "-a", "run/ovnet/flannel0.pid");
            Path forwarder = Path.of("/proc", Files.readString(pid).strip());
            assertEquals(release.home.resolve("runtime/bin/java"), Files.readSymbolicLink(forwarder.resolve("exe")));
            assertTrue(Files.readString(forwarder.resolve("cmdline")).contains(
                    release.home.resolve("lib/ovnet.jar").toString()), "the forwarder runs the release's jar");
            Ovnet.Result destroy = Release.withoutJava(null, lab.dir, link.toString(), "destroy", "--auto-approve",
                    "-f", "ovnet.yaml");
            assertEquals(0, destroy.exit(), destroy::toString);
            assertFalse(Files.exists(pid));
        }
        try (Stream<Path> left = Files.list(work)) {
            assertEquals(List.of(work.resolve("ovnet.yaml")), left.toList(), "validate wrote nothing");
        }
    }
}
