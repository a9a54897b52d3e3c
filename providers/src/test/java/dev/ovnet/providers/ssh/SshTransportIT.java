package dev.ovnet.providers.ssh;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ovnet.providers.transport.Transport;
import dev.ovnet.providers.transport.TransportException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Commands and files over one real SSH connection, as root, to Debian's sshd in the namespace ovs-h1. */
@Tag("ssh")
class SshTransportIT {

    private static SshdLab lab;
    private static SshTransport ssh;

    @BeforeAll
    static void connect() throws Exception {
        lab = SshdLab.start(1);
        Path knownHosts = lab.dir().resolve("known_hosts");
        Files.writeString(knownHosts, lab.knownHostsLine(1) + "\n");
        ssh = lab.connector(false, Map.of()).connect(lab.target(1, lab.ssh("root", knownHosts, false)));
    }

    @AfterAll
    static void disconnect() {
        if (ssh != null) {
            ssh.close();
        }
        if (lab != null) {
            lab.close();
        }
    }

    @Test
    void commandReportsStdoutStderrAndExitStatus() {
        Transport.Result result = ssh.run(List.of("sh", "-c", "echo out; echo err >&2; exit 3"));
        assertEquals(new Transport.Result(3, "out\n", "err\n"), result);
        assertEquals(0, ssh.run(List.of("true")).exit());
        assertEquals(1, ssh.run(List.of("false")).exit());
        assertEquals(127, ssh.run(List.of("no-such-command-ovs")).exit());
        assertEquals("ssh root@192.0.2.1:22", ssh.describe());
    }

    @Test
    void commandsRunOnTheRemoteHost() {
        String addresses = ssh.run(List.of("ip", "-4", "-o", "addr", "show", "dev", "eth0")).stdout();
        assertTrue(addresses.contains("inet 192.0.2.1/24"), addresses);
    }

    @Test
    void everyCommandReusesTheOneConnection() {
        String first = ssh.run(List.of("sh", "-c", "echo $SSH_CONNECTION")).stdout();
        for (int i = 0; i < 20; i++) {
            assertEquals(0, ssh.run(List.of("true")).exit());
        }
        String last = ssh.run(List.of("sh", "-c", "echo $SSH_CONNECTION")).stdout();
        assertTrue(first.startsWith("192.0.2.254 "), first);
        assertEquals(first, last, "same client port: the same TCP connection");
    }

    @Test
    void oneMegabyteOfStdinStreamsThroughAndBack() throws Exception {
        byte[] random = new byte[750_000];
        new Random(7).nextBytes(random);
        byte[] input = java.util.Base64.getMimeEncoder().encode(random);
        assertTrue(input.length > 1_000_000);
        Transport.Result echoed = ssh.run(List.of("cat"), input, Duration.ofSeconds(30));
        assertEquals(0, echoed.exit());
        assertEquals(new String(input, StandardCharsets.US_ASCII), echoed.stdout());
        String sum = ssh.run(List.of("sha256sum"), input, Duration.ofSeconds(30)).stdout().split(" ")[0];
        assertEquals(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(input)), sum);
    }

    @Test
    void trickyArgumentsArriveVerbatim() throws Exception {
        List<String> argv = new ArrayList<>(List.of("printf", "%s\\0"));
        argv.addAll(PosixShellTest.TORTURE);
        Transport.Result result = ssh.run(argv);
        assertEquals(0, result.exit(), result.stderr());
        assertEquals(PosixShellTest.TORTURE,
                PosixShellTest.splitNul(result.stdout().getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void aCommandThatOverrunsItsTimeoutIsStoppedAndTheConnectionStaysUsable() {
        long start = System.nanoTime();
        TransportException e = assertThrows(TransportException.class,
                () -> ssh.run(List.of("sleep", "31.7"), new byte[0], Duration.ofSeconds(1)));
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertTrue(millis < 15_000, millis + " ms (the command sleeps 31.7 s)\n" + lab.log(1));
        assertTrue(e.getMessage().contains("timed out after 1 s"), e.getMessage());
        assertFalse(e.unreachable());
        assertEquals("still here\n", ssh.run(List.of("echo", "still here")).stdout());
        assertEquals(1, ssh.run(List.of("pgrep", "-f", "-x", "sleep 31.7")).exit(), "the remote command was killed");
    }

    @Test
    void writeFileCreatesFoldersSetsTheModeAndLeavesNoTempFile() throws Exception {
        Path target = lab.dir().resolve("files/a/b/c.conf");
        ssh.writeFile(target.toString(), "first\n".getBytes(StandardCharsets.UTF_8), 0640);
        assertEquals("first\n", Files.readString(target));
        assertEquals("rw-r-----", PosixFilePermissions.toString(Files.getPosixFilePermissions(target)));
        ssh.writeFile(target.toString(), "second\n".getBytes(StandardCharsets.UTF_8), 0600);
        assertEquals("second\n", Files.readString(target));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(target)));
        try (Stream<Path> files = Files.list(target.getParent())) {
            assertEquals(List.of(target), files.toList());
        }
        assertEquals("second\n", new String(ssh.readFile(target.toString()).orElseThrow(), StandardCharsets.UTF_8));
        ssh.deleteFile(target.toString());
        assertFalse(Files.exists(target));
        assertEquals(Optional.empty(), ssh.readFile(target.toString()));
        ssh.deleteFile(target.toString());
    }

    /** Hosts that share one file system (several sshd on one machine, or a shared /var/lib) make the same folder at once. */
    @Test
    void sessionsWritingIntoTheSameNewFolderAtOnceAllSucceed() throws Exception {
        Path knownHosts = lab.dir().resolve("known_hosts");
        List<SshTransport> sessions = new ArrayList<>();
        try {
            for (int i = 0; i < 4; i++) {
                sessions.add(lab.connector(false, Map.of()).connect(lab.target(1, lab.ssh("root", knownHosts, false))));
            }
            List<String> failures = java.util.Collections.synchronizedList(new ArrayList<>());
            for (int round = 0; round < 15; round++) {
                Path folder = lab.dir().resolve("files/shared-" + round + "/lib/ovnet");
                java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
                List<Thread> writers = new ArrayList<>();
                for (int i = 0; i < sessions.size(); i++) {
                    SshTransport session = sessions.get(i);
                    String file = folder.resolve("same.jar").toString();
                    Thread writer = new Thread(() -> {
                        try {
                            go.await();
                            session.writeFile(file, "jar".getBytes(StandardCharsets.UTF_8), 0644);
                        } catch (InterruptedException | RuntimeException e) {
                            failures.add(e.getMessage());
                        }
                    });
                    writer.start();
                    writers.add(writer);
                }
                go.countDown();
                for (Thread writer : writers) {
                    writer.join();
                }
                assertEquals("jar", Files.readString(folder.resolve("same.jar")));
            }
            assertEquals(List.of(), failures);
        } finally {
            sessions.forEach(SshTransport::close);
        }
    }

    @Test
    void overSftpALinkUnderAHostsRootIsRefusedNotFollowed() throws Exception {
        Path root = Files.createDirectories(lab.dir().resolve("files/host-root"));
        Files.setPosixFilePermissions(root, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path outside = Files.writeString(lab.dir().resolve("files/precious"), "keep me\n");
        Path subnetEnv = root.resolve("run/flannel/subnet.env");
        Files.createDirectories(subnetEnv.getParent());
        Files.createSymbolicLink(subnetEnv, outside);
        TransportException e = assertThrows(TransportException.class,
                () -> ssh.writeFile(subnetEnv.toString(), new byte[1], 0644));
        assertTrue(e.getMessage().startsWith("refusing to write " + subnetEnv + " on node-1: it is a symbolic link"
                + " (to " + outside + "), which ovnet does not follow"), e.getMessage());
        assertThrows(TransportException.class, () -> ssh.readFile(subnetEnv.toString()));
        assertThrows(TransportException.class, () -> ssh.deleteFile(subnetEnv.toString()));
        assertEquals("keep me\n", Files.readString(outside));

        Files.delete(subnetEnv);
        Files.setPosixFilePermissions(root, PosixFilePermissions.fromString("rwxrwxrwx"));
        e = assertThrows(TransportException.class, () -> ssh.writeFile(subnetEnv.toString(), new byte[1], 0644));
        assertTrue(e.getMessage().contains("the host's root " + root + " is writable by every user"), e.getMessage());
        assertFalse(Files.exists(subnetEnv));
    }

    @Test
    void binaryContentRoundTrips() {
        byte[] content = new byte[70_000];
        for (int i = 0; i < content.length; i++) {
            content[i] = (byte) i;
        }
        String path = lab.dir().resolve("files/binary.bin").toString();
        ssh.writeFile(path, content, 0644);
        assertArrayEquals(content, ssh.readFile(path).orElseThrow());
    }

    @Test
    void aReaderNeverSeesAHalfWrittenFile() throws Exception {
        Path target = lab.dir().resolve("files/atomic.txt");
        byte[] a = new byte[1_000_000];
        byte[] b = new byte[1_000_000];
        Arrays.fill(a, (byte) 'a');
        Arrays.fill(b, (byte) 'b');
        ssh.writeFile(target.toString(), a, 0644);
        AtomicBoolean writing = new AtomicBoolean(true);
        AtomicInteger reads = new AtomicInteger();
        List<String> torn = new ArrayList<>();
        Thread reader = new Thread(() -> {
            while (writing.get()) {
                try {
                    byte[] seen = Files.readAllBytes(target);
                    reads.incrementAndGet();
                    if (!Arrays.equals(seen, a) && !Arrays.equals(seen, b)) {
                        torn.add(seen.length + " bytes");
                    }
                } catch (java.io.IOException e) {
                    torn.add(e.toString());
                }
            }
        });
        reader.start();
        for (int i = 0; i < 10; i++) {
            ssh.writeFile(target.toString(), i % 2 == 0 ? b : a, 0644);
        }
        writing.set(false);
        reader.join();
        assertTrue(reads.get() > 10, "reader ran " + reads.get() + " times");
        assertEquals(List.of(), torn);
    }
}
