package dev.ovnet.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The whole life of a vxlan network on three simulated hosts, checked the way a user checks it: containers ping
 * and talk TCP across hosts, the kernel objects are flannel's, a second apply changes nothing, drift made by hand
 * is shown and repaired, hosts leave and join, and destroy leaves every host exactly as it was.
 */
@Tag("e2e")
class VxlanLifecycleIT {

    static String yaml(String p, boolean withC) {
        return "network:\n  name: " + p + "\n  pool: 10.100.0.0/16\n  backend:\n    type: vxlan\n"
                + "state:\n  path: state.json\n"
                + "hosts:\n"
                + "  - {name: " + p + "-a, address: 192.0.2.11, connection: netns}\n"
                + "  - {name: " + p + "-b, address: 192.0.2.12, connection: netns}\n"
                + (withC ? "  - {name: " + p + "-c, address: 192.0.2.13, connection: netns}\n" : "")
                + "lab:\n  segments: [192.0.2.0/24]\n";
    }

    @Test
    void vxlanNetworkLivesAndDiesCleanly() throws Exception {
        String p = "oev";
        try (Lab lab = new Lab(p, yaml(p, true))) {
            lab.up();
            List<String> hosts = List.of(p + "-a", p + "-b", p + "-c");
            // a route the user made by hand on the underlay interface: ovnet must never touch it
            assertEquals(0, Lab.in(p + "-a", "ip", "route", "add", "198.51.100.0/24", "via", "192.0.2.1", "dev",
                    "eth0").exit());
            Map<String, String> before = new HashMap<>();
            for (String h : hosts) {
                before.put(h, Lab.listings(h));
            }

            Ovnet.Result apply = lab.ovnetExpect(0, "apply", "--auto-approve");
            assertTrue(apply.out().contains("Apply complete!"), apply::toString);
            Ovnet.Result check = lab.ovnetExpect(0, "lab", "check");
            assertTrue(check.out().contains("6/6 pairs reachable"), check::toString);

            String bAddr = Net.address(p + "-b-c1");
            assertEquals("hello over vxlan\n", Net.tcp(p + "-a-c1", p + "-b-c1", bAddr, "hello over vxlan\n"));

            // flannel's objects, exactly
            String link = Lab.in(p + "-a", "ip", "-d", "link", "show", "flannel.1").out();
            assertTrue(link.contains("vxlan id 1 local 192.0.2.11 dev eth0"), link);
            assertTrue(link.contains("dstport 8472") && link.contains("nolearning") && link.contains("mtu 1450"),
                    link);
            String routes = Lab.in(p + "-a", "ip", "route", "show", "proto", "152").out();
            assertEquals(2, routes.lines().filter(l -> l.contains("dev flannel.1 onlink")).count(), routes);
            String neigh = Lab.in(p + "-a", "ip", "neigh", "show", "dev", "flannel.1", "nud", "permanent").out();
            assertEquals(2, neigh.lines().filter(l -> l.contains("PERMANENT")).count(), neigh);
            String fdb = Lab.in(p + "-a", "bridge", "fdb", "show", "dev", "flannel.1").out();
            assertEquals(2, fdb.lines().filter(l -> l.contains("dst 192.0.2.1") && l.contains("self permanent"))
                    .count(), fdb);
            String env = Lab.in(p + "-a", "cat", "/run/ovnet/netns/" + p + "-a/run/flannel/subnet.env").out();
            assertTrue(env.startsWith("FLANNEL_NETWORK=10.100.0.0/16\nFLANNEL_SUBNET=10.100."), env);
            assertTrue(env.endsWith("FLANNEL_MTU=1450\nFLANNEL_IPMASQ=true\n"), env);

            // a second apply changes nothing
            Ovnet.Result again = lab.ovnetExpect(0, "apply", "--auto-approve");
            assertTrue(again.out().contains("No changes."), again::toString);
            lab.ovnetExpect(0, "plan", "--detailed-exitcode");

            // drift by hand: a peer route deleted outside ovnet shows in the plan and apply restores it
            String victim = routes.lines().findFirst().orElseThrow().split(" ")[0];
            assertEquals(0, Lab.in(p + "-a", "ip", "route", "del", victim).exit());
            Ovnet.Result drift = lab.ovnetExpect(2, "plan", "--detailed-exitcode");
            assertTrue(drift.out().contains("changed outside of ovnet") && drift.out().contains(victim), drift::toString);
            lab.ovnetExpect(2, "plan", "--refresh-only", "--detailed-exitcode");
            lab.ovnetExpect(0, "apply", "--auto-approve");
            assertTrue(Lab.in(p + "-a", "ip", "route", "show", "proto", "152").out().contains(victim));

            // host c leaves the file: its objects go, and every peer forgets it
            String cSubnet = Lab.in(p + "-c", "cat", "/run/ovnet/netns/" + p + "-c/run/flannel/subnet.env").out()
                    .lines().filter(l -> l.startsWith("FLANNEL_SUBNET=")).findFirst().orElseThrow()
                    .replace("FLANNEL_SUBNET=", "").replaceFirst("\\.1/", ".0/");
            lab.write(yaml(p, false));
            lab.ovnetExpect(0, "apply", "--auto-approve");
            assertFalse(Lab.in(p + "-c", "ip", "link", "show").out().contains("flannel.1"));
            assertFalse(Lab.in(p + "-a", "ip", "route").out().contains(cSubnet));
            assertFalse(Lab.in(p + "-b", "ip", "route").out().contains(cSubnet));

            // and joins again: a lease, and every peer learns it
            lab.write(yaml(p, true));
            lab.ovnetExpect(0, "apply", "--auto-approve");
            Ovnet.Result rejoined = lab.ovnetExpect(0, "lab", "check");
            assertTrue(rejoined.out().contains("6/6 pairs reachable"), rejoined::toString);

            // destroy leaves every host as it was before apply, the hand-made route included
            lab.ovnetExpect(0, "destroy", "--auto-approve");
            for (String h : hosts) {
                lab.removeContainers(h);
                assertEquals(before.get(h), Lab.listings(h), "host " + h);
            }
        }
    }
}
