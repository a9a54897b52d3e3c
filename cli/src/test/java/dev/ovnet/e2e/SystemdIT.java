package dev.ovnet.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The udp forwarder under a real systemd (issue 4, life cycle). Host {@code osd-a} is booted with Debian's systemd
 * in its own root file system ({@link SystemdContainer}); {@code osd-b} and {@code osd-c} are plain SSH hosts whose
 * forwarder runs as a daemon. ovnet reaches all three over SSH from a controller namespace ({@link SshHosts}).
 *
 * <p>Checked the way an administrator checks a service: {@code systemctl is-active} / {@code is-enabled}, the unit's
 * {@code MainPID} and {@code NRestarts}, the unit file, and pings between the hosts' {@code flannel0} addresses
 * across the overlay, both ways (each ping crosses the forwarders at both ends). {@code osd-a} is also rebooted. Needs systemd-container,
 * openssh-server and iproute2.
 */
@Tag("ssh")
class SystemdIT {

    private static final String UNIT = "ovnet-forward-flannel0.service";
    private static final String A = "osd-a";
    private static final String B = "osd-b";
    private static final String C = "osd-c";

    private static SshHosts lab;
    private static Path knownHosts;

    @BeforeAll
    static void start() throws Exception {
        lab = SshHosts.start("osd", new SshHosts.Host("osd-ctl", "192.0.2.40"), List.of(
                new SshHosts.Host(A, "192.0.2.41", true), new SshHosts.Host(B, "192.0.2.42"),
                new SshHosts.Host(C, "192.0.2.43")));
        knownHosts = lab.knownHosts("known_hosts");
    }

    @AfterAll
    static void stop() throws Exception {
        if (lab != null) {
            try {
                // after a failure part-way: the jar osd-b and osd-c hold is in this machine's /var/lib/ovnet
                lab.ovnet(Ovnet.JAR, yaml(true), "destroy", "--auto-approve");
            } finally {
                lab.close();
            }
        }
    }

    /** The udp network over SSH as root, with every host or without {@code osd-c}. */
    private static Path yaml(boolean withC) throws IOException {
        String text = lab.sshYaml("udp", "root", false, knownHosts);
        if (!withC) {
            text = text.lines().filter(l -> !l.contains("name: " + C + ",")).collect(Collectors.joining("\n", "",
                    "\n"));
        }
        return lab.write(withC ? "abc.yaml" : "ab.yaml", text);
    }

    private static Ovnet.Result ovnet(int exit, Path jar, Path yaml, String... args) {
        Ovnet.Result r = lab.ovnet(jar, yaml, args);
        assertEquals(exit, r.exit(), () -> "ovnet " + String.join(" ", args) + " gave\n" + r);
        return r;
    }

    private static SystemdContainer a() {
        return lab.container(A);
    }

    /** The unit's main process on {@code osd-a}, as systemd knows it; 0 when it has none. */
    private static long mainPid() {
        return Long.parseLong(a().unitProperty(UNIT, "MainPID"));
    }

    private static String active() {
        return a().exec("systemctl", "is-active", UNIT).out().strip();
    }

    /** The ovnet jars in this machine's /var/lib/ovnet, which the daemon hosts osd-b and osd-c share. */
    private static List<String> machineJars() throws IOException {
        Path folder = Path.of("/var/lib/ovnet");
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> jars = Files.list(folder)) {
            return jars.map(j -> j.getFileName().toString()).filter(j -> j.startsWith("ovnet-")).toList();
        }
    }

    /** The address of {@code flannel0} in a host's namespace ({@code 10.100.x.0}). */
    private static String vtep(String host) {
        String addr = Lab.in(host, "ip", "-4", "-o", "addr", "show", "dev", "flannel0").out();
        Matcher m = Pattern.compile("inet (\\d+\\.\\d+\\.\\d+\\.\\d+)/").matcher(addr);
        assertTrue(m.find(), () -> host + " has no flannel0 address: " + addr);
        return m.group(1);
    }

    /** Pings from one host's flannel0 address to another's, through both hosts' forwarders. */
    private static void assertPings(String from, String to) {
        Ovnet.Result ping = Lab.in(from, "ping", "-n", "-q", "-c", "3", "-i", "0.2", "-W", "1", "-I", vtep(from),
                vtep(to));
        assertEquals(0, ping.exit(), () -> from + " -> " + to + " over the overlay:\n" + ping);
    }

    private static void assertPingsBothWays(String x, String y) {
        assertPings(x, y);
        assertPings(y, x);
    }

    /**
     * Waits until systemd has started a forwarder other than {@code old} and that forwarder is serving: it wrote its
     * pid file and holds {@code flannel0} (the device has carrier), as ovnet's own start waits.
     */
    private static long awaitNewMainPid(long old) throws InterruptedException {
        for (int i = 0; i < 200; i++) {
            long pid = mainPid();
            if (pid != 0 && pid != old && active().equals("active")
                    && a().exec("cat", "/run/ovnet/flannel0.pid").out().strip().equals(Long.toString(pid))
                    && !Lab.in(A, "ip", "link", "show", "flannel0").out().contains("NO-CARRIER")) {
                return pid;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("systemd did not start a new forwarder in 20 s; is-active " + active() + "\n"
                + a().exec("systemctl", "status", "--no-pager", UNIT).out());
    }

    @Test
    void theForwarderRunsAsAUnitThatSystemdSupervisesFromApplyToDestroy() throws Exception {
        // apply: a unit on the systemd host, a daemon on the other
        Ovnet.Result apply = ovnet(0, Ovnet.JAR, yaml(false), "apply", "--auto-approve");
        assertTrue(apply.out().contains("+ forwarder flannel0"), apply::toString);
        assertEquals("active", active());
        // started by apply, not at boot: after a reboot its settings in /run are gone until the next apply
        assertEquals("static", a().exec("systemctl", "is-enabled", UNIT).out().strip());
        long first = mainPid();
        assertEquals(Long.toString(first), a().exec("cat", "/run/ovnet/flannel0.pid").out().strip(),
                "the unit's main process is the forwarder that wrote the pid file");
        assertTrue(a().exec("test", "-f", "/etc/systemd/system/" + UNIT).exit() == 0);
        assertTrue(Files.exists(lab.root(B).resolve("run/ovnet/flannel0.pid")), "osd-b runs the daemon");
        assertNotEquals(0, Lab.in(B, "systemctl", "is-active", UNIT).exit(), "osd-b has no unit");
        assertPingsBothWays(A, B);
        assertTrue(ovnet(0, Ovnet.JAR, yaml(false), "plan").out().contains("No changes."));

        // a peer joins: systemctl reload, same process
        ovnet(0, Ovnet.JAR, yaml(true), "apply", "--auto-approve");
        assertEquals(first, mainPid(), "a new peer is a reload, not a restart");
        assertEquals("0", a().unitProperty(UNIT, "NRestarts"));
        String log = a().exec("cat", "/run/ovnet/flannel0.log").out();
        assertTrue(log.contains("peer added") && log.contains("192.0.2.43"), log);
        assertPingsBothWays(A, C);

        // the forwarder dies: systemd starts it again, and ovnet sees nothing to do
        assertEquals(0, a().exec("kill", "-KILL", Long.toString(first)).exit());
        long second = awaitNewMainPid(first);
        assertEquals("1", a().unitProperty(UNIT, "NRestarts"));
        assertPingsBothWays(A, C);
        assertPingsBothWays(A, B);
        assertTrue(ovnet(0, Ovnet.JAR, yaml(true), "plan").out().contains("No changes."));

        // another ovnet build: systemctl restart with the new jar
        Path next = Ovnet.otherBuild(lab.dir);
        Ovnet.Result plan = ovnet(0, next, yaml(true), "plan");
        assertTrue(plan.out().contains("binary changed, restart"), plan::toString);
        ovnet(0, next, yaml(true), "apply", "--auto-approve");
        long third = mainPid();
        assertNotEquals(second, third);
        assertEquals("active", active());
        String cmdline = a().exec("cat", "/proc/" + third + "/cmdline").out();
        String jar = List.of(cmdline.split("\0")).stream().filter(w -> w.startsWith("/var/lib/ovnet/ovnet-"))
                .findFirst().orElseThrow(() -> new AssertionError("the unit runs no installed jar: " + cmdline));
        assertEquals("ovnet-" + jar.substring(jar.lastIndexOf('-') + 1), a().exec("ls", "/var/lib/ovnet").out()
                .strip(), "osd-a holds the new build's jar only");
        assertEquals(1, machineJars().size(), "osd-b and osd-c hold the new build's jar only: " + machineJars());
        assertTrue(ovnet(0, next, yaml(true), "plan").out().contains("No changes."));
        assertPingsBothWays(A, B);
        assertPingsBothWays(A, C);

        // a reboot: /run starts empty, so the unit stays down (not failed) until apply writes its settings again.
        // The simulated host's network namespace outlives the container, so its kernel objects survive the reboot.
        a().reboot();
        lab.daemon(A).start(); // the test's sshd is a transient unit: it ended with the old boot
        assertEquals("inactive", a().exec("systemctl", "is-failed", UNIT).out().strip(), "not started, not failed");
        assertNotEquals(0, a().exec("test", "-e", "/run/ovnet/flannel0.peers").exit());
        Ovnet.Result afterReboot = ovnet(2, next, yaml(true), "plan", "--detailed-exitcode");
        assertTrue(afterReboot.out().contains("+ forwarder flannel0"), afterReboot::toString);
        ovnet(0, next, yaml(true), "apply", "--auto-approve");
        assertEquals("active", active());
        long fourth = mainPid();
        assertTrue(ovnet(0, next, yaml(true), "plan").out().contains("No changes."));
        assertPingsBothWays(A, B);
        assertPingsBothWays(A, C);

        // destroy: the unit is stopped, disabled and removed, with its device and the jar
        ovnet(0, next, yaml(true), "destroy", "--auto-approve");
        assertNotEquals("active", active());
        assertNotEquals(0, a().exec("test", "-e", "/etc/systemd/system/" + UNIT).exit(), "unit file removed");
        assertFalse(a().exec("systemctl", "list-unit-files", "--no-legend").out().contains(UNIT));
        assertNotEquals(0, a().exec("test", "-e", "/proc/" + fourth).exit(), "forwarder process gone");
        assertFalse(Lab.in(A, "ip", "link").out().contains("flannel0"));
        assertNotEquals(0, a().exec("test", "-e", jar).exit(), "jar removed: " + jar);
        for (String h : List.of(B, C)) {
            assertFalse(Lab.in(h, "ip", "link").out().contains("flannel0"), h);
        }
        // osd-b and osd-c share this machine's /var/lib/ovnet: neither the first build's jar nor the second's is left
        assertEquals(List.of(), machineJars(), "jars left in /var/lib/ovnet");
    }
}
