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
 * An IPv6-only network whose hosts are {@code connection: ssh} ({@link SshHosts} on an IPv6 underlay: no host has
 * an IPv4 address, each sshd listens on its host's IPv6 address, known_hosts names the hosts by those addresses):
 * ovnet reaches every host at its {@code address6}, every container pair is reachable over IPv6, a second plan has
 * nothing to do, a host whose sshd is down is named as {@code [address]:22}, and destroy removes the vxlan device
 * from every host.
 */
@Tag("ssh")
class Ipv6OnlySshIT {

    private static final String CONTROLLER = "fd00:192:0:2::10";
    private static final List<String> HOSTS = List.of("os6-a", "os6-b", "os6-c");

    private static String address(String host) {
        return "fd00:192:0:2::" + (HOSTS.indexOf(host) + 11);
    }

    @Test
    void vxlanOverSshOnIpv6AppliesIsReachableAndDestroys() throws Exception {
        try (SshHosts lab = SshHosts.start("os6", new SshHosts.Host("os6-ctl", CONTROLLER),
                HOSTS.stream().map(h -> new SshHosts.Host(h, address(h))).toList())) {
            for (String h : HOSTS) {
                assertEquals("", Lab.in(h, "ip", "-4", "addr", "show", "dev", "eth0").out(), "no IPv4 underlay");
            }
            Path known = lab.knownHosts("known_hosts");
            // OpenSSH names a host on port 22 by its bare address, brackets only with another port
            assertTrue(Files.readString(known).startsWith(address("os6-a") + " ssh-ed25519 "), known::toString);
            Path yaml = lab.write("ssh.yaml", lab.sshYaml("vxlan", "root", false, known));

            Ovnet.Result apply = lab.ovnet(yaml, "apply", "--auto-approve");
            assertEquals(0, apply.exit(), apply::toString);
            assertTrue(apply.out().contains("Apply complete!"), apply::toString);
            for (String h : HOSTS) {
                String log = lab.daemon(h).log();
                assertTrue(log.contains("Accepted publickey for root from " + CONTROLLER + " port "), log);
                String env = Files.readString(lab.root(h).resolve("run/flannel/subnet.env"));
                assertTrue(env.startsWith("FLANNEL_IPV6_NETWORK=fd10:100::/48\nFLANNEL_IPV6_SUBNET=fd10:100:0:"),
                        env);
                assertFalse(env.contains("FLANNEL_SUBNET="), env);
                String link = Lab.in(h, "ip", "-d", "link", "show", "flannel-v6.1").out();
                assertTrue(link.contains("local " + address(h) + " dev eth0"), link);
            }

            Ovnet.Result check = lab.check();
            assertEquals(0, check.exit(), check::toString);
            assertTrue(check.out().contains("lab check: 6/6 pairs reachable (IPv6 only)"), check::toString);
            Ovnet.Result plan = lab.ovnet(yaml, "plan");
            assertEquals(0, plan.exit(), plan::toString);
            assertTrue(plan.out().contains("No changes."), plan::toString);

            // a host whose sshd is down is named by its address in brackets, as OpenSSH writes [address]:port
            lab.daemon("os6-c").stop();
            Ovnet.Result unread = lab.ovnet(yaml, "plan");
            assertEquals(1, unread.exit(), unread::toString);
            assertTrue(unread.err().contains("os6-c ([" + address("os6-c") + "]:22) is unreachable: connection"
                    + " refused\n  check that sshd runs on " + address("os6-c") + " and listens on port 22"),
                    unread::toString);
            lab.daemon("os6-c").start();

            Ovnet.Result destroy = lab.ovnet(yaml, "destroy", "--auto-approve");
            assertEquals(0, destroy.exit(), destroy::toString);
            for (String h : HOSTS) {
                String links = Lab.in(h, "ip", "link").out();
                assertFalse(links.contains("flannel-v6") || links.contains("flannel.1"), h + ": " + links);
                assertFalse(Files.exists(lab.root(h).resolve("run/flannel/subnet.env")), h);
            }
            lab.removeContainers();
        }
    }
}
