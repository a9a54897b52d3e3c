package dev.ovnet.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The udp backend over SSH from the release to hosts where {@code java} cannot be found: apply installs the
 * release's runtime on each of them once and their forwarders run from it, while a host with Java 17 keeps its own
 * and gets no runtime; every pair of hosts is reachable, an apply that starts the forwarders again uploads
 * nothing, and destroy removes the runtime and the jar. ovnet itself runs in the controller namespace where no
 * Java can be found either. Every host has a /var/lib of its own. The times of the applies are printed.
 */
@Tag("ssh")
class ReleaseSshIT {

    private static final List<String> HOSTS = List.of("orl-s-a", "orl-s-b", "orl-s-c");
    /** The two hosts without Java; the last one has Java 17. */
    private static final List<String> BARE = HOSTS.subList(0, 2);
    private static final String WITH_JAVA = HOSTS.get(2);

    private static Release release;
    private static SshHosts lab;
    private static Path yaml;

    @BeforeAll
    static void start() throws Exception {
        release = Release.unpacked();
        List<SshHosts.Host> hosts = new ArrayList<>();
        for (int i = 0; i < HOSTS.size(); i++) {
            hosts.add(new SshHosts.Host(HOSTS.get(i), "192.0.2." + (11 + i), false, true, !BARE.contains(HOSTS.get(i))));
        }
        lab = SshHosts.start("orl-s", new SshHosts.Host("orl-s-ctl", "192.0.2.10"), hosts);
        yaml = lab.write("ssh.yaml", lab.sshYaml("udp", "root", false, lab.knownHosts("known_hosts")));
    }

    @AfterAll
    static void stop() {
        try {
            if (lab != null) {
                ovnet("destroy", "--auto-approve");
                lab.close();
            }
        } finally {
            if (release != null) {
                release.close();
            }
        }
    }

    /** The release's bin/ovnet in the controller namespace, without Java, with {@code -f ssh.yaml}. */
    private static Ovnet.Result ovnet(String... args) {
        List<String> argv = new ArrayList<>(List.of(release.launcher().toString()));
        argv.addAll(List.of(args));
        argv.addAll(List.of("-f", yaml.toString()));
        return Release.withoutJava(lab.controller.name(), lab.dir, argv.toArray(String[]::new));
    }

    private static Ovnet.Result timed(String what, String... args) {
        long start = System.nanoTime();
        Ovnet.Result r = ovnet(args);
        System.out.printf("ReleaseSshIT: %s took %.1f s%n", what, (System.nanoTime() - start) / 1e9);
        assertEquals(0, r.exit(), () -> "ovnet " + String.join(" ", args) + " gave\n" + r);
        return r;
    }

    private static Path ovnetFolder(String host) {
        return lab.root(host).resolve("var/lib/ovnet");
    }

    private static List<Path> runtimes(String host) throws Exception {
        if (!Files.isDirectory(ovnetFolder(host))) {
            return List.of();
        }
        try (Stream<Path> entries = Files.list(ovnetFolder(host))) {
            return entries.filter(p -> p.getFileName().toString().startsWith("runtime-")).toList();
        }
    }

    private static String forwarderBinary(String host) throws Exception {
        String pid = Files.readString(lab.root(host).resolve("run/ovnet/flannel0.pid")).strip();
        return Files.readSymbolicLink(Path.of("/proc", pid, "exe")).toString();
    }

    @Test
    void udpOverSshInstallsTheRuntimeOnceOnBareHostsAndDestroyRemovesIt() throws Exception {
        for (String h : BARE) {
            Ovnet.Result java = lab.ssh(h, "command -v java || echo no-java");
            assertEquals("no-java", java.out().strip(), () -> h + " still finds a java: " + java);
        }

        timed("first apply (runtime and jar uploaded to 2 hosts, the jar to 1)", "apply", "--auto-approve");
        Map<String, Object> installed = new HashMap<>();
        assertEquals(List.of(), runtimes(WITH_JAVA), "a host with Java 17 keeps its own");
        assertTrue(forwarderBinary(WITH_JAVA).startsWith("/usr/lib/jvm/"), forwarderBinary(WITH_JAVA));
        for (String h : BARE) {
            List<Path> runtimes = runtimes(h);
            assertEquals(1, runtimes.size(), () -> h + ": " + runtimes);
            Path runtime = runtimes.get(0);
            assertTrue(Files.isExecutable(runtime.resolve("bin/java")), h);
            assertEquals(Files.readString(release.home.resolve("runtime/ovnet-runtime.sha256")),
                    Files.readString(runtime.resolve("ovnet-runtime.sha256")), h);
            assertEquals("/var/lib/ovnet/" + runtime.getFileName() + "/bin/java", forwarderBinary(h), h);
            installed.put(h, Files.getAttribute(runtime, "unix:ino"));
        }
        Ovnet.Result check = lab.check();
        assertEquals(0, check.exit(), check::toString);
        assertTrue(check.out().contains("6/6 pairs reachable"), check::toString);

        assertTrue(timed("second apply (no changes)", "apply", "--auto-approve").out().contains("No changes."));

        // forwarders that died are started again from the runtime the hosts hold: nothing is uploaded again
        for (String h : HOSTS) {
            Ovnet.sh("kill", "-9", Files.readString(lab.root(h).resolve("run/ovnet/flannel0.pid")).strip());
        }
        timed("apply restarting 3 forwarders (no upload)", "apply", "--auto-approve");
        for (String h : BARE) {
            List<Path> runtimes = runtimes(h);
            assertEquals(1, runtimes.size(), () -> h + ": " + runtimes);
            assertEquals(installed.get(h), Files.getAttribute(runtimes.get(0), "unix:ino"), h + " got it again");
            assertTrue(forwarderBinary(h).endsWith("/bin/java"), h);
        }

        timed("destroy", "destroy", "--auto-approve");
        lab.removeContainers();
        for (String h : HOSTS) {
            assertFalse(Files.exists(ovnetFolder(h)), () -> h + " keeps " + ovnetFolder(h) + ": "
                    + Ovnet.sh("ls", "-la", ovnetFolder(h).toString()).out());
            assertFalse(Lab.in(h, "ip", "link").out().contains("flannel0"), h);
        }
    }
}
