package dev.ovnet.providers.ssh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ovnet.planner.spi.HostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Host keys against known_hosts files, and hosts that cannot be reached, with Debian's real sshd. */
@Tag("ssh")
class SshHostKeyIT {

    private SshdLab lab;
    private Path knownHosts;

    @BeforeEach
    void start() throws Exception {
        lab = SshdLab.start(1);
        knownHosts = lab.dir().resolve("home/.ssh/known_hosts");
    }

    @AfterEach
    void stop() {
        lab.close();
    }

    private SshTransport connect(boolean acceptNew) {
        return lab.connector(acceptNew, Map.of()).connect(lab.target(1, lab.ssh("root", knownHosts, false)));
    }

    @Test
    void unknownHostKeyIsRefusedWithItsFingerprintAndHowToAcceptIt() throws Exception {
        HostException e = assertThrows(HostException.class, () -> connect(false));
        assertTrue(e.unreachable());
        assertEquals("node-1", e.host());
        String fingerprint = lab.fingerprint(1);
        assertTrue(fingerprint.startsWith("SHA256:"), fingerprint);
        assertTrue(e.getMessage().startsWith("node-1 (192.0.2.1:22): the host key is not known"), e.getMessage());
        assertTrue(e.getMessage().contains("ED25519 key " + fingerprint), e.getMessage());
        assertTrue(e.hint().contains("ovnet apply --ssh-accept-new"), e.hint());
        assertTrue(e.hint().contains("ssh-keyscan -p 22 192.0.2.1 >> " + knownHosts), e.hint());
        assertFalse(Files.exists(knownHosts), "nothing written without --ssh-accept-new");
    }

    @Test
    void acceptNewAddsTheKeyAndTheNextConnectionPassesWithoutIt() throws Exception {
        try (SshTransport ssh = connect(true)) {
            assertEquals(0, ssh.run(List.of("true")).exit());
            assertTrue(ssh.addedHostKey().orElseThrow().contains(lab.fingerprint(1)));
        }
        assertEquals(lab.knownHostsLine(1) + "\n", Files.readString(knownHosts));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(knownHosts)));
        assertTrue(SshdLab.sh("ssh-keygen", "-F", "192.0.2.1", "-f", knownHosts.toString())
                .contains("ssh-ed25519"), "OpenSSH itself reads the added line");
        try (SshTransport ssh = connect(false)) {
            assertEquals(0, ssh.run(List.of("true")).exit());
            assertTrue(ssh.addedHostKey().isEmpty());
        }
        assertEquals(lab.knownHostsLine(1) + "\n", Files.readString(knownHosts), "not added twice");
    }

    @Test
    void changedKeyIsRefusedEvenWithAcceptNewAndNamesTheLine() throws Exception {
        Files.createDirectories(knownHosts.getParent());
        Files.writeString(knownHosts, "# my hosts\n\n" + lab.knownHostsLine(1) + "\n");
        connect(false).close();
        String before = Files.readString(knownHosts);
        lab.replaceHostKey(1);
        HostException e = assertThrows(HostException.class, () -> connect(true));
        assertTrue(e.getMessage().contains("REMOTE HOST IDENTIFICATION HAS CHANGED"), e.getMessage());
        assertTrue(e.getMessage().contains(knownHosts + " line 3"), e.getMessage());
        assertTrue(e.getMessage().contains(lab.fingerprint(1)), e.getMessage());
        assertTrue(e.hint().contains("ssh-keygen -R '192.0.2.1'"), e.hint());
        assertEquals(before, Files.readString(knownHosts), "a changed key is never written");
    }

    @Test
    void hashedEntryIsAccepted() throws Exception {
        Files.createDirectories(knownHosts.getParent());
        Files.writeString(knownHosts, lab.knownHostsLine(1) + "\n");
        SshdLab.sh("ssh-keygen", "-H", "-f", knownHosts.toString());
        String hashed = Files.readString(knownHosts);
        assertTrue(hashed.startsWith("|1|") && !hashed.contains("192.0.2.1"), hashed);
        try (SshTransport ssh = connect(false)) {
            assertEquals(0, ssh.run(List.of("true")).exit());
        }
        assertEquals(hashed, Files.readString(knownHosts));
    }

    @Test
    void revokedKeyIsRefused() throws Exception {
        Files.createDirectories(knownHosts.getParent());
        String key = lab.knownHostsLine(1).substring("192.0.2.1 ".length());
        Files.writeString(knownHosts, lab.knownHostsLine(1) + "\n@revoked * " + key + "\n");
        HostException e = assertThrows(HostException.class, () -> connect(true));
        assertTrue(e.getMessage().contains("line 2 marks as @revoked"), e.getMessage());
    }

    @Test
    void stoppedSshdIsUnreachableAtOnce() throws Exception {
        Files.createDirectories(knownHosts.getParent());
        Files.writeString(knownHosts, lab.knownHostsLine(1) + "\n");
        lab.stopSshd(1);
        long start = System.nanoTime();
        HostException e = assertThrows(HostException.class, () -> connect(false));
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertTrue(millis < 8_000, millis + " ms: a refused connection does not wait for the 10 s connect timeout");
        assertTrue(e.unreachable());
        assertEquals("node-1 (192.0.2.1:22) is unreachable: connection refused", e.getMessage());
        assertTrue(e.hint().contains("sshd"), e.hint());
    }

    @Test
    void silentAddressTimesOutAfterTheConnectTimeout() {
        SshConnector connector = new SshConnector(false, Duration.ofSeconds(1), lab.sockets(), Map.of(),
                PassphrasePrompt.NONE);
        long start = System.nanoTime();
        HostException e = assertThrows(HostException.class, () -> connector.connect(
                new dev.ovnet.planner.spi.HostTarget("node-9", dev.ovnet.planner.config.Connection.SSH, null,
                        dev.ovnet.planner.net.Ipv4.parse("192.0.2.99"), lab.ssh("root", knownHosts, false), "/")));
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertTrue(millis < 10_000, millis + " ms: the 1 s connect timeout holds (not the kernel's 2 minutes)");
        assertTrue(e.getMessage().matches("node-9 \\(192\\.0\\.2\\.99:22\\) is unreachable: "
                + "(timed out after 1 s|no route to host)"), e.getMessage());
    }
}
