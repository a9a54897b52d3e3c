package dev.ovnet.providers.ssh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ovnet.planner.config.SshConfig;
import dev.ovnet.planner.spi.HostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Logging in with identity files of every usual kind, encrypted ones, and keys held by a real ssh-agent. */
@Tag("ssh")
class SshAuthIT {

    private static SshdLab lab;
    private static Path knownHosts;

    @BeforeAll
    static void start() throws Exception {
        lab = SshdLab.start(1);
        knownHosts = lab.dir().resolve("known_hosts");
        Files.writeString(knownHosts, lab.knownHostsLine(1) + "\n");
    }

    @AfterAll
    static void stop() {
        lab.close();
    }

    private static String whoami(SshConnector connector, String identityFile) {
        SshConfig ssh = new SshConfig("root", 22, identityFile, knownHosts.toString(), false);
        try (SshTransport transport = connector.connect(lab.target(1, ssh))) {
            return transport.run(List.of("id", "-un")).stdout().trim();
        }
    }

    @Test
    void rsaEcdsaAndPemIdentityFilesLogIn() throws Exception {
        for (String[] kind : new String[][] {{"rsa", "rsa"}, {"ecdsa", "ecdsa"}, {"ed25519", "ed25519"}}) {
            Path key = lab.newKey("id_" + kind[0], kind[1], "");
            lab.authorize(Path.of(key + ".pub"));
            assertEquals("root", whoami(lab.connector(false, Map.of()), key.toString()), kind[0]);
        }
        Path pem = lab.dir().resolve("id_rsa_pem");
        SshdLab.sh("ssh-keygen", "-q", "-t", "rsa", "-m", "PEM", "-N", "", "-f", pem.toString());
        lab.authorize(Path.of(pem + ".pub"));
        assertEquals("root", whoami(lab.connector(false, Map.of()), pem.toString()));
    }

    @Test
    void tildeMeansHome() throws Exception {
        Path home = Files.createDirectories(lab.dir().resolve("home"));
        Files.copy(lab.clientKey(), home.resolve("id_test"));
        assertEquals("root", whoami(lab.connector(false, Map.of("HOME", home.toString())), "~/id_test"));
    }

    @Test
    void encryptedKeyTakesItsPassphraseFromTheEnvironment() throws Exception {
        Path key = lab.newKey("id_locked", "ed25519", "s3cret phrase");
        lab.authorize(Path.of(key + ".pub"));
        assertEquals("root", whoami(lab.connector(false, Map.of(IdentityKeys.PASSPHRASE_VARIABLE,
                "s3cret phrase")), key.toString()));

        HostException wrong = assertThrows(HostException.class, () -> whoami(lab.connector(false,
                Map.of(IdentityKeys.PASSPHRASE_VARIABLE, "not it")), key.toString()));
        assertTrue(wrong.getMessage().contains("wrong passphrase in OVNET_SSH_PASSPHRASE"), wrong.getMessage());
        assertFalse(wrong.getMessage().contains("not it"), "the passphrase is never shown");

        HostException none = assertThrows(HostException.class,
                () -> whoami(lab.connector(false, Map.of()), key.toString()));
        assertTrue(none.getMessage().contains("encrypted and no passphrase was given"), none.getMessage());
        assertTrue(none.hint().contains("OVNET_SSH_PASSPHRASE"), none.hint());
    }

    @Test
    void promptIsAskedAgainAfterAWrongAnswer() throws Exception {
        Path key = lab.newKey("id_prompted", "ed25519", "right");
        lab.authorize(Path.of(key + ".pub"));
        List<Integer> attempts = new ArrayList<>();
        PassphrasePrompt prompt = (file, attempt) -> {
            attempts.add(attempt);
            return (attempt == 1 ? "wrong" : "right").toCharArray();
        };
        SshConnector connector = new SshConnector(false, Duration.ofSeconds(10), lab.sockets(), Map.of(), prompt);
        assertEquals("root", whoami(connector, key.toString()));
        assertEquals("root", whoami(connector, key.toString()));
        assertEquals(List.of(1, 2), attempts, "asked until right, and once per ovnet command");
    }

    @Test
    void keyTheServerDoesNotKnowIsRefusedClearly() throws Exception {
        Path stranger = lab.newKey("id_stranger", "ed25519", "");
        HostException e = assertThrows(HostException.class,
                () -> whoami(lab.connector(false, Map.of()), stranger.toString()));
        assertTrue(e.getMessage().contains("the server accepted none of the keys for user root"), e.getMessage());
        assertTrue(e.hint().contains("authorized_keys"), e.hint());
    }

    @Test
    void noKeyAtAllStopsBeforeConnecting() {
        HostException e = assertThrows(HostException.class, () -> whoami(lab.connector(false, Map.of()),
                lab.dir().resolve("missing").toString()));
        assertTrue(e.getMessage().contains("no key to log in with"), e.getMessage());
    }

    @Test
    void sshAgentKeysLogInWhenThereIsNoIdentityFile() throws Exception {
        Path socket = lab.dir().resolve("agent.sock");
        Process agent = new ProcessBuilder("ssh-agent", "-D", "-a", socket.toString())
                .redirectErrorStream(true).start();
        try {
            for (int i = 0; i < 100 && !Files.exists(socket); i++) {
                Thread.sleep(50);
            }
            Path unknown = lab.newKey("id_agent_unknown", "ed25519", "");
            Path rsa = lab.newKey("id_agent_rsa", "rsa", "");
            lab.authorize(Path.of(rsa + ".pub"));
            for (Path key : List.of(unknown, rsa)) {
                ProcessBuilder add = new ProcessBuilder("ssh-add", key.toString()).redirectErrorStream(true);
                add.environment().put("SSH_AUTH_SOCK", socket.toString());
                Process adding = add.start();
                adding.getInputStream().readAllBytes();
                assertEquals(0, adding.waitFor());
            }
            SshConnector connector = lab.connector(false, Map.of("SSH_AUTH_SOCK", socket.toString()));
            assertEquals("root", whoami(connector, lab.dir().resolve("no-such-identity").toString()));
        } finally {
            agent.destroy();
            agent.waitFor(5, TimeUnit.SECONDS);
        }
    }
}
