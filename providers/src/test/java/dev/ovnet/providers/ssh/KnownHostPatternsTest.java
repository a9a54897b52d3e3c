package dev.ovnet.providers.ssh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * known_hosts host fields match exactly when OpenSSH's {@code ssh-keygen -F NAME -f FILE} finds the line: negated
 * patterns, lists, wildcards, {@code [address]:port} and hashed {@code |1|} entries, each case checked against the
 * real ssh-keygen as well as against the answer written here.
 */
class KnownHostPatternsTest {

    @TempDir
    Path dir;

    /** A host field, a name looked up, and whether OpenSSH finds the line for it. */
    record Case(String hosts, String name, boolean found) {
    }

    static final List<Case> CASES = List.of(
            new Case("192.0.2.*,!192.0.2.66", "192.0.2.5", true),
            new Case("192.0.2.*,!192.0.2.66", "192.0.2.66", false),
            new Case("192.0.2.*,!192.0.2.66", "198.51.100.1", false),
            new Case("!192.0.2.66,192.0.2.*", "192.0.2.66", false),
            new Case("!x", "x", false),
            new Case("!x", "y", false),
            new Case("!x", "192.0.2.5", false),
            new Case("!192.0.2.66,!192.0.2.67", "192.0.2.5", false),
            new Case("*,!192.0.2.66", "192.0.2.5", true),
            new Case("*,!192.0.2.66", "192.0.2.66", false),
            new Case("192.0.2.?", "192.0.2.5", true),
            new Case("192.0.2.?", "192.0.2.55", false),
            new Case("NODE-1,192.0.2.5", "node-1", true),
            new Case("[192.0.2.5]:2222", "[192.0.2.5]:2222", true),
            new Case("[192.0.2.5]:2222", "192.0.2.5", false),
            new Case("192.0.2.5", "[192.0.2.5]:2222", false),
            new Case("[192.0.2.*]:2222,![192.0.2.66]:2222", "[192.0.2.5]:2222", true),
            new Case("[192.0.2.*]:2222,![192.0.2.66]:2222", "[192.0.2.66]:2222", false),
            new Case("192.0.2.5,,192.0.2.6", "192.0.2.6", true),
            new Case("fd00:192:0:2::11", "fd00:192:0:2::11", true),
            new Case("[fd00:192:0:2::11]:2222", "[fd00:192:0:2::11]:2222", true),
            new Case("fd00:192:0:2::11", "[fd00:192:0:2::11]:2222", false),
            new Case("fd00:192:0:2::*", "fd00:192:0:2::12", true));

    @Test
    void negatedPatternsListsAndWildcardsMatchAsOpenSshDoes() throws Exception {
        String key = keyText();
        List<String> wrong = new ArrayList<>();
        for (Case c : CASES) {
            Path file = dir.resolve("known_hosts");
            Files.writeString(file, c.hosts() + " " + key + "\n");
            if (KnownHostPatterns.matches(c.hosts(), c.name()) != c.found()) {
                wrong.add("ovnet: " + c);
            }
            if (sshKeygenFinds(c.name(), file) != c.found()) {
                wrong.add("ssh-keygen -F disagrees with the expectation: " + c);
            }
        }
        assertEquals(List.of(), wrong);
    }

    @Test
    void hashedEntriesMatchTheNameTheyWereHashedFromOnly() throws Exception {
        Path file = dir.resolve("known_hosts");
        String key = keyText();
        Files.writeString(file, "192.0.2.5 " + key + "\n[192.0.2.6]:2222 " + key + "\n");
        assertEquals(0, run("ssh-keygen", "-q", "-H", "-f", file.toString()));
        List<String> hashed = Files.readAllLines(file).stream().map(l -> l.split(" ")[0]).toList();
        assertTrue(hashed.stream().allMatch(h -> h.startsWith("|1|")), hashed.toString());
        for (String name : List.of("192.0.2.5", "[192.0.2.6]:2222", "192.0.2.6", "[192.0.2.5]:2222", "x")) {
            boolean ours = hashed.stream().anyMatch(h -> KnownHostPatterns.matches(h, name));
            assertEquals(sshKeygenFinds(name, file), ours, name);
            assertEquals(name.equals("192.0.2.5") || name.equals("[192.0.2.6]:2222"), ours, name);
        }
        assertFalse(KnownHostPatterns.matches("|1|not base64|x", "192.0.2.5"));
    }

    @Test
    void aKeyKnownOnlyThroughAnExcludedPatternIsNotKnown() throws Exception {
        PublicKey key = ecdsa();
        Path file = dir.resolve("known_hosts");
        String blob = Base64.getEncoder().encodeToString(KnownHostsVerifier.blob(key));
        Files.writeString(file, "192.0.2.*,!192.0.2.66 ecdsa-sha2-nistp256 " + blob + "\n!x ecdsa-sha2-nistp256 " + blob + "\n");
        assertTrue(new KnownHostsVerifier(file, false, "a", "a (192.0.2.5:22)").verify("192.0.2.5", 22, key));
        KnownHostsVerifier excluded = new KnownHostsVerifier(file, false, "b", "b (192.0.2.66:22)");
        assertFalse(excluded.verify("192.0.2.66", 22, key));
        assertTrue(excluded.refusal().orElseThrow().getMessage().contains("the host key is not known"));
        assertFalse(new KnownHostsVerifier(file, false, "y", "y (y:22)").verify("y", 22, key));
    }

    private String keyText() throws Exception {
        return "ecdsa-sha2-nistp256 " + Base64.getEncoder().encodeToString(KnownHostsVerifier.blob(ecdsa()));
    }

    private static PublicKey ecdsa() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        return generator.generateKeyPair().getPublic();
    }

    private static boolean sshKeygenFinds(String name, Path file) throws Exception {
        return run("ssh-keygen", "-F", name, "-f", file.toString()) == 0;
    }

    private static int run(String... argv) throws Exception {
        Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(10, TimeUnit.SECONDS), String.join(" ", argv));
        int exit = p.exitValue();
        assertTrue(exit == 0 || exit == 1, String.join(" ", argv) + ": exit " + exit + ": " + output);
        return exit;
    }
}
