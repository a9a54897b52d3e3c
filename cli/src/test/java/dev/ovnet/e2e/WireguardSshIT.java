package dev.ovnet.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The wireguard backend on real SSH hosts ({@link SshHosts}: each its own sshd with a private /run and /etc, so
 * root / as on a real machine): the keys are made on the hosts with mode 0600 and stay there, the state holds
 * only their public halves, every container pair is reachable, and destroy removes the device but not the keys.
 */
@Tag("ssh")
class WireguardSshIT {

    private static final List<String> HOSTS = List.of("owgs-a", "owgs-b", "owgs-c");

    @Test
    void wireguardOverSshWithKeysMadeOnTheHosts() throws Exception {
        try (SshHosts lab = SshHosts.start("owgs", new SshHosts.Host("owgs-ctl", "192.0.2.10"), List.of(
                new SshHosts.Host(HOSTS.get(0), "192.0.2.11"), new SshHosts.Host(HOSTS.get(1), "192.0.2.12"),
                new SshHosts.Host(HOSTS.get(2), "192.0.2.13")))) {
            Path yaml = lab.write("ssh.yaml", lab.sshYaml("wireguard", "root", false, lab.knownHosts("known_hosts")));
            Ovnet.Result apply = lab.ovnet(yaml, "apply", "--auto-approve");
            assertEquals(0, apply.exit(), apply::toString);
            Ovnet.Result check = lab.check();
            if (!check.out().contains("6/6 pairs reachable")) {
                // seen once in CI on a loaded machine (a pair silent through lab check's own retry 5.5 s later),
                // never in runs here: record what each host's wireguard holds, to tell a missing peer from a
                // handshake still in flight, and ask once more after wireguard's next handshake attempts
                StringBuilder hosts = new StringBuilder();
                for (String h : HOSTS) {
                    hosts.append("--- ").append(h).append('\n').append(lab.ssh(h, "wg show all; ip route").all());
                }
                System.out.println("WireguardSshIT: first lab check\n" + check + "\n" + hosts);
                Thread.sleep(10_000);
                Ovnet.Result again = lab.check();
                assertTrue(again.out().contains("6/6 pairs reachable"), () -> check + "\n" + hosts + "\nagain:\n"
                        + again);
            }
            String state = Files.readString(lab.dir.resolve("state.json"));
            for (String h : HOSTS) {
                Path key = lab.root(h).resolve("etc/ovnet/wireguard.key");
                assertEquals(0600, (Integer) Files.getAttribute(key, "unix:mode") & 07777, h);
                String secret = Files.readString(key).trim();
                assertFalse(state.contains(secret) || apply.all().contains(secret), "the private key of " + h
                        + " leaked");
                String pub = Ovnet.exec(List.of("wg", "pubkey"), secret).out().trim();
                assertTrue(state.contains("\"publicKey\": \"" + pub + "\""), state);
            }
            assertTrue(lab.ovnet(yaml, "plan").out().contains("No changes."));
            Ovnet.Result destroy = lab.ovnet(yaml, "destroy", "--auto-approve");
            assertEquals(0, destroy.exit(), destroy::toString);
            for (String h : HOSTS) {
                assertFalse(Lab.in(h, "ip", "link").out().contains("flannel-wg"), h);
                assertTrue(Files.exists(lab.root(h).resolve("etc/ovnet/wireguard.key")), "the key of " + h
                        + " is gone");
            }
            lab.removeContainers();
        }
    }
}
