package dev.ovnet.providers.ssh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The known_hosts decisions on keys made here (the ITs do the same against a real sshd on port 22). */
class KnownHostsVerifierTest {

    @TempDir
    Path dir;

    private static PublicKey rsa() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        return generator.generateKeyPair().getPublic();
    }

    private static PublicKey ecdsa() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        return generator.generateKeyPair().getPublic();
    }

    private static String line(String host, String type, PublicKey key) {
        return host + " " + type + " " + Base64.getEncoder().encodeToString(KnownHostsVerifier.blob(key));
    }

    private KnownHostsVerifier verifier(Path file, boolean acceptNew) {
        return new KnownHostsVerifier(file, acceptNew, "node-1", "node-1 (192.0.2.1:2222)");
    }

    @Test
    void offPort22TheEntryIsBracketedWithItsPort() throws Exception {
        Path file = dir.resolve("sub/known_hosts");
        PublicKey key = rsa();
        assertTrue(verifier(file, true).verify("192.0.2.1", 2222, key));
        assertEquals(line("[192.0.2.1]:2222", "ssh-rsa", key) + "\n", Files.readString(file));
        KnownHostsVerifier again = verifier(file, false);
        assertTrue(again.verify("192.0.2.1", 2222, key));
        assertFalse(verifier(file, false).verify("192.0.2.1", 22, key), "port 22 is another entry");
    }

    @Test
    void knownRsaKeyMakesSshjAskForRsaSha2Signatures() throws Exception {
        Path file = dir.resolve("known_hosts");
        Files.writeString(file, line("192.0.2.1", "ssh-rsa", rsa()) + "\n");
        assertEquals(List.of("rsa-sha2-512", "rsa-sha2-256", "ssh-rsa"),
                verifier(file, false).findExistingAlgorithms("192.0.2.1", 22));
        assertEquals(List.of(), verifier(file, false).findExistingAlgorithms("192.0.2.2", 22));
    }

    @Test
    void keyOfAnotherTypeThanTheKnownOneIsAChangeNotANewKey() throws Exception {
        Path file = dir.resolve("known_hosts");
        Files.writeString(file, line("192.0.2.1", "ssh-rsa", rsa()) + "\n");
        KnownHostsVerifier verifier = verifier(file, true);
        assertFalse(verifier.verify("192.0.2.1", 22, ecdsa()));
        String message = verifier.refusal().orElseThrow().getMessage();
        assertTrue(message.contains("REMOTE HOST IDENTIFICATION HAS CHANGED"), message);
        assertTrue(message.contains("presents the ECDSA key SHA256:") && message.contains("an RSA key"), message);
        assertEquals(1, Files.readAllLines(file).size());
    }

    @Test
    void appendingKeepsAFileWithoutFinalNewlineIntact() throws Exception {
        Path file = dir.resolve("known_hosts");
        PublicKey other = rsa();
        Files.writeString(file, line("192.0.2.9", "ssh-rsa", other));
        PublicKey key = ecdsa();
        assertTrue(verifier(file, true).verify("192.0.2.1", 22, key));
        assertEquals(List.of(line("192.0.2.9", "ssh-rsa", other), line("192.0.2.1", "ecdsa-sha2-nistp256", key)),
                Files.readAllLines(file));
    }

    @Test
    void fingerprintIsUnpaddedBase64OfTheBlobsSha256() {
        String fingerprint = KnownHostsVerifier.fingerprint(new byte[] {1, 2, 3});
        assertEquals("SHA256:A5BYxvLAy0ksUzsKTRTvd8wPeKvMztUofYShogEc+4E", fingerprint);
    }

    @Test
    void tempFileStaysInTheTargetsFolder() {
        assertEquals("/etc/cni/net.d", RemoteFiles.parent("/etc/cni/net.d/10-ovnet.conflist"));
        assertEquals("/", RemoteFiles.parent("/x"));
        assertTrue(RemoteFiles.tempBeside("/run/flannel/subnet.env").matches("/run/flannel/\\.subnet\\.env\\.ovnet-"
                + "[0-9a-f]+\\.tmp"));
        assertTrue(RemoteFiles.tempBeside("/x").matches("/\\.x\\.ovnet-[0-9a-f]+\\.tmp"));
    }
}
