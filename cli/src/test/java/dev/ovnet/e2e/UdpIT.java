package dev.ovnet.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The udp backend through apply: flannel0 and ovnet's forwarder on every host, real traffic across, a peer
 * added later reaches a forwarder that keeps running (same process), a forwarder that died is drift that the
 * next apply repairs, another ovnet build restarts every forwarder, and destroy stops the forwarders and leaves the hosts as they were.
 */
@Tag("e2e")
class UdpIT {

    static String yaml(String p, boolean withC) {
        return "network:\n  name: " + p + "\n  pool: 10.100.0.0/16\n  backend:\n    type: udp\n"
                + "state:\n  path: state.json\nhosts:\n"
                + "  - {name: " + p + "-a, address: 192.0.2.11, connection: netns}\n"
                + "  - {name: " + p + "-b, address: 192.0.2.12, connection: netns}\n"
                + (withC ? "  - {name: " + p + "-c, address: 192.0.2.13, connection: netns}\n" : "")
                + "lab:\n  segments: [192.0.2.0/24]\n";
    }

    private static String pid(String host) {
        return Lab.in(host, "cat", "/run/ovnet/netns/" + host + "/run/ovnet/flannel0.pid").out().trim();
    }

    @Test
    void udpNetworkForwardsReloadsRepairsAndGoesAway() throws Exception {
        String p = "oeu";
        try (Lab lab = new Lab(p, yaml(p, false))) {
            lab.up();
            Map<String, String> before = new HashMap<>();
            for (String h : List.of(p + "-a", p + "-b")) {
                before.put(h, Lab.listings(h));
            }

            Ovnet.Result apply = lab.ovnetExpect(0, "apply", "--auto-approve");
            assertTrue(apply.out().contains("forwarder flannel0"), apply::toString);
            assertTrue(lab.ovnetExpect(0, "lab", "check").out().contains("2/2 pairs reachable"));
            String link = Lab.in(p + "-a", "ip", "-d", "link", "show", "flannel0").out();
            assertTrue(link.contains("tun") && link.contains("mtu 1472"), link);
            String b = Net.address(p + "-b-c1");
            assertEquals("over udp\n", Net.tcp(p + "-a-c1", p + "-b-c1", b, "over udp\n"));
            assertTrue(lab.ovnetExpect(0, "apply", "--auto-approve").out().contains("No changes."));

            // a peer added later: the running forwarders reload, they are not restarted
            String pidA = pid(p + "-a");
            lab.write(yaml(p, true));
            lab.up();
            lab.ovnetExpect(0, "apply", "--auto-approve");
            assertEquals(pidA, pid(p + "-a"), "the forwarder of a was restarted");
            assertTrue(lab.ovnetExpect(0, "lab", "check").out().contains("6/6 pairs reachable"));

            // another ovnet build: every forwarder is restarted with it, with and without refresh
            lab.jar = Ovnet.otherBuild(lab.dir);
            for (String refresh : List.of("--refresh=true", "--refresh=false")) {
                String plan = lab.ovnetExpect(2, "plan", "--detailed-exitcode", refresh).out();
                assertEquals(3, plan.split("binary changed, restart", -1).length - 1, plan);
            }
            lab.ovnetExpect(0, "apply", "--auto-approve");
            assertNotEquals(pidA, pid(p + "-a"), "the forwarder of a runs the old build");
            assertTrue(Lab.in(p + "-a", "cat", "/proc/" + pid(p + "-a") + "/cmdline").out()
                    .contains(lab.jar.toString()), "the forwarder of a runs the old jar");
            assertTrue(lab.ovnetExpect(0, "plan").out().contains("No changes."));
            assertTrue(lab.ovnetExpect(0, "lab", "check").out().contains("6/6 pairs reachable"));

            // a forwarder that died is drift, and apply starts it again
            Ovnet.sh("kill", "-9", pid(p + "-b"));
            Thread.sleep(300);
            Ovnet.Result drift = lab.ovnetExpect(2, "plan", "--detailed-exitcode");
            assertTrue(drift.out().contains("forwarder flannel0"), drift::toString);
            lab.ovnetExpect(0, "apply", "--auto-approve");
            assertTrue(lab.ovnetExpect(0, "lab", "check").out().contains("6/6 pairs reachable"));

            lab.ovnetExpect(0, "destroy", "--auto-approve");
            for (String h : List.of(p + "-a", p + "-b", p + "-c")) {
                assertFalse(Lab.in(h, "ip", "link").out().contains("flannel0"), h);
                lab.removeContainers(h);
                if (before.containsKey(h)) {
                    assertEquals(before.get(h), Lab.listings(h), "host " + h);
                }
            }
            assertEquals("", Ovnet.sh("pgrep", "-f", "--peers /run/ovnet/netns/" + p).out().trim(),
                    "forwarders still running");
        }
    }
}
