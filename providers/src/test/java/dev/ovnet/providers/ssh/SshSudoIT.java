package dev.ovnet.providers.ssh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ovnet.providers.transport.TransportException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * {@code sudo: true} with a real sudo: a user {@code ovnet-test} (no password, no home) is created for this test
 * and removed after it, with a sudoers drop-in only while a test needs one. Needs the {@code sudo} package.
 */
@Tag("ssh")
class SshSudoIT {

    private static final String USER = "ovnet-test";
    private static final Path SUDOERS = Path.of("/etc/sudoers.d/ovs-ovnet-test");

    private static SshdLab lab;
    private static Path knownHosts;
    private static Path rootOnly;

    @BeforeAll
    static void start() throws Exception {
        removeUser();
        SshdLab.sh("useradd", "--system", "--no-create-home", "--home-dir", "/", "--shell", "/bin/sh",
                "--password", "*", USER);
        lab = SshdLab.start(1);
        knownHosts = lab.dir().resolve("known_hosts");
        Files.writeString(knownHosts, lab.knownHostsLine(1) + "\n");
        rootOnly = Files.createDirectory(lab.dir().resolve("root-only"),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    }

    @AfterEach
    void noSudoers() throws Exception {
        Files.deleteIfExists(SUDOERS);
    }

    @AfterAll
    static void stop() throws Exception {
        if (lab != null) {
            lab.close();
        }
        Files.deleteIfExists(SUDOERS);
        removeUser();
    }

    private static void removeUser() throws Exception {
        // a closed session's processes may take a moment to end, and userdel refuses a user still running
        for (int tries = 0; new ProcessBuilder("id", USER).start().waitFor() == 0; tries++) {
            if (new ProcessBuilder("userdel", USER).start().waitFor() != 0 && tries < 50) {
                Thread.sleep(100);
            } else if (tries >= 50) {
                throw new IllegalStateException("cannot remove the test user " + USER);
            }
        }
    }

    private static SshTransport connect(String user, boolean sudo) {
        return lab.connector(false, Map.of()).connect(lab.target(1, lab.ssh(user, knownHosts, sudo)));
    }

    @Test
    void sudoThatWantsAPasswordFailsAtOnceWithWhatToDo() {
        try (SshTransport ssh = connect(USER, true)) {
            assertTrue(ssh.usesSudo());
            long start = System.nanoTime();
            TransportException e = assertThrows(TransportException.class, () -> ssh.run(List.of("ip", "link")));
            long millis = (System.nanoTime() - start) / 1_000_000;
            assertTrue(millis < 15_000, millis + " ms: sudo does not wait for a password until the command times out");
            assertTrue(e.getMessage().startsWith("sudo on node-1 asks for a password; give ovnet-test passwordless"
                    + " sudo for ip, bridge, iptables-restore, sysctl"), e.getMessage());
            assertTrue(e.getMessage().contains("or connect as root"), e.getMessage());
            assertThrows(TransportException.class,
                    () -> ssh.writeFile(rootOnly.resolve("x").toString(), new byte[1], 0600));
        }
    }

    @Test
    void passwordlessSudoRunsCommandsAndWritesFilesAsRoot() throws Exception {
        Files.writeString(SUDOERS, USER + " ALL=(root) NOPASSWD: ALL\n");
        Files.setPosixFilePermissions(SUDOERS, PosixFilePermissions.fromString("r--r-----"));
        Path target = rootOnly.resolve("sub/flannel.env");
        try (SshTransport ssh = connect(USER, true)) {
            assertEquals("0\n", ssh.run(List.of("id", "-u")).stdout());
            assertEquals(USER + "\n", ssh.run(List.of("sh", "-c", "echo $SUDO_USER")).stdout());
            ssh.writeFile(target.toString(), "FLANNEL_MTU=1450\n".getBytes(StandardCharsets.UTF_8), 0640);
            PosixFileAttributes attributes = Files.readAttributes(target, PosixFileAttributes.class);
            assertEquals("root", attributes.owner().getName());
            assertEquals("rw-r-----", PosixFilePermissions.toString(attributes.permissions()));
            assertEquals("FLANNEL_MTU=1450\n",
                    new String(ssh.readFile(target.toString()).orElseThrow(), StandardCharsets.UTF_8));
            try (var files = Files.list(target.getParent())) {
                assertEquals(List.of(target), files.toList(), "no temp file left");
            }
            ssh.deleteFile(target.toString());
            assertFalse(Files.exists(target));
            assertEquals(Optional.empty(), ssh.readFile(target.toString()));
        }
        try (SshTransport plain = connect(USER, false)) {
            assertFalse(plain.usesSudo());
            assertEquals(USER + "\n", plain.run(List.of("id", "-un")).stdout());
            TransportException e = assertThrows(TransportException.class,
                    () -> plain.writeFile(target.toString(), new byte[1], 0600));
            assertTrue(e.getMessage().contains("cannot write " + target), e.getMessage());
        }
    }

    @Test
    void throughSudoALinkUnderAHostsRootIsRefusedNotFollowed() throws Exception {
        Files.writeString(SUDOERS, USER + " ALL=(root) NOPASSWD: ALL\n");
        Files.setPosixFilePermissions(SUDOERS, PosixFilePermissions.fromString("r--r-----"));
        Path root = Files.createDirectory(rootOnly.resolve("host-root"),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
        Path outside = Files.writeString(rootOnly.resolve("precious"), "keep me\n");
        Path subnetEnv = root.resolve("run/flannel/subnet.env");
        Files.createDirectories(subnetEnv.getParent());
        Files.createSymbolicLink(subnetEnv, outside);
        try (SshTransport ssh = connect(USER, true)) {
            TransportException e = assertThrows(TransportException.class,
                    () -> ssh.writeFile(subnetEnv.toString(), "FLANNEL_MTU=1\n".getBytes(StandardCharsets.UTF_8),
                            0644));
            assertTrue(e.getMessage().startsWith("refusing to write " + subnetEnv + " on " + ssh.describe()
                    + ": it is a symbolic link (to " + outside + "), which ovnet does not follow"), e.getMessage());
            assertThrows(TransportException.class, () -> ssh.readFile(subnetEnv.toString()));
            assertThrows(TransportException.class, () -> ssh.deleteFile(subnetEnv.toString()));

            Files.delete(subnetEnv);
            Files.delete(subnetEnv.getParent());
            Files.createSymbolicLink(subnetEnv.getParent(), rootOnly);
            e = assertThrows(TransportException.class,
                    () -> ssh.writeFile(subnetEnv.toString(), new byte[1], 0644));
            assertTrue(e.getMessage().contains(subnetEnv.getParent() + " is a symbolic link (to " + rootOnly + ")"),
                    e.getMessage());
            assertFalse(Files.exists(rootOnly.resolve("subnet.env")));

            Files.delete(subnetEnv.getParent());
            ssh.writeFile(subnetEnv.toString(), "FLANNEL_MTU=1\n".getBytes(StandardCharsets.UTF_8), 0644);
            assertEquals("FLANNEL_MTU=1\n", Files.readString(subnetEnv));
        }
        assertEquals("keep me\n", Files.readString(outside));
    }

    @Test
    void rootWithSudoTrueRunsWithoutSudo() {
        try (SshTransport ssh = connect("root", true)) {
            assertFalse(ssh.usesSudo());
            assertEquals("none\n", ssh.run(List.of("sh", "-c", "echo ${SUDO_USER:-none}")).stdout());
        }
    }
}
