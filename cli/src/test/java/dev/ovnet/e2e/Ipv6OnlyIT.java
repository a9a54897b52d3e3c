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
 * An IPv6-only network on the lab (pool6 without pool, hosts with address6 only, an IPv6 underlay): every container
 * pair reaches every other by ping -6 and TCP, full-size packets with DF set cross, an IPv6 route removed by hand is
 * drift that apply repairs, and destroy leaves every host's IPv4 and IPv6 listings as they were; on host-gw, Debian's
 * CNI plugins take the IPv6-only conflist (ADD and CHECK in lab check, DEL in lab down).
 */
@Tag("e2e")
class Ipv6OnlyIT {

    private static final List<String> HOSTS = List.of("a", "b", "c");

    private static String yaml(String p, String backend, String runtime) {
        StringBuilder y = new StringBuilder("network:\n  name: " + p + "\n  pool6: fd10:100::/48\n"
                + "  backend:\n    type: " + backend + "\n  runtime: " + runtime + "\nstate:\n  path: state.json\n"
                + "hosts:\n");
        for (String h : HOSTS) {
            int n = "abc".indexOf(h) + 11;
            y.append("  - {name: ").append(p).append('-').append(h).append(", address6: \"fd00:192:0:2::").append(n)
                    .append("\", connection: netns}\n");
        }
        return y + "lab:\n  segments6: [\"fd00:192:0:2::/64\"]\n";
    }

    @Test
    void vxlanCarriesIpv6OnlyFullSizeRepairsDriftAndDestroysExactly() throws Exception {
        String p = "o6o-x";
        try (Lab lab = new Lab(p, yaml(p, "vxlan", "docker"))) {
            lab.up();
            Map<String, String> before = new HashMap<>();
            for (String h : HOSTS) {
                before.put(p + "-" + h, DualStackIT.listings46(p + "-" + h));
            }
            assertEquals("", Lab.in(p + "-a", "ip", "-4", "addr", "show", "dev", "eth0").out(), "no IPv4 underlay");
            lab.ovnetExpect(0, "apply", "--auto-approve");
            String env = Lab.in(p + "-a", "cat", "/run/ovnet/netns/" + p + "-a/run/flannel/subnet.env").out();
            assertTrue(env.startsWith("FLANNEL_IPV6_NETWORK=fd10:100::/48\nFLANNEL_IPV6_SUBNET=fd10:100:0:"), env);
            assertFalse(env.contains("FLANNEL_NETWORK") || env.contains("FLANNEL_SUBNET="), env);
            String links = Lab.in(p + "-a", "ip", "-d", "link", "show").out();
            assertTrue(links.contains("flannel-v6.1") && !links.contains("flannel.1:"), links);

            Ovnet.Result check = lab.ovnetExpect(0, "lab", "check");
            assertTrue(check.out().contains("lab check: 6/6 pairs reachable (IPv6 only)"), check::toString);
            for (String from : HOSTS) {
                for (String to : HOSTS) {
                    if (!from.equals(to)) {
                        String dst = p + "-" + to + "-c1";
                        String text = "v6 " + from + to + "\n";
                        assertEquals(text, Net.tcp(p + "-" + from + "-c1", dst, DualStackIT.address6(dst), text));
                    }
                }
            }
            String a = p + "-a-c1";
            String c = p + "-c-c1";
            assertEquals("", Lab.in(a, "ip", "-4", "addr", "show", "dev", "eth0").out(), "containers are IPv6 only");
            assertEquals("1430", Lab.in(a, "cat", "/sys/class/net/eth0/mtu").out().strip());
            // full-size with DF set: 1430 - 40 bytes of IPv6 header - 8 of ICMPv6 header
            Ovnet.Result full = Lab.in(a, "ping", "-6", "-c", "2", "-W", "2", "-M", "do", "-s", "1382",
                    DualStackIT.address6(c));
            assertEquals(0, full.exit(), full::toString);

            String routes6 = Lab.in(p + "-a", "ip", "-6", "route", "show", "proto", "152").out();
            String victim = routes6.lines().filter(l -> l.contains("dev flannel-v6.1")).findFirst().orElseThrow();
            String dst = victim.split(" ")[0];
            Lab.in(p + "-a", "ip", "-6", "route", "del", dst);
            Ovnet.Result drift = lab.ovnetExpect(2, "plan", "--detailed-exitcode");
            assertTrue(drift.out().contains("route " + dst + " via "), drift::toString);
            lab.ovnetExpect(0, "apply", "--auto-approve");
            assertTrue(Lab.in(p + "-a", "ip", "-6", "route", "show", "proto", "152").out().contains(dst));
            lab.ovnetExpect(0, "plan", "--detailed-exitcode");
            assertTrue(Net.ping(a, DualStackIT.address6(c)));

            DualStackIT.destroyLeavesListingsAsBefore(lab, before);
        }
    }

    @Test
    void hostGwWithCniGivesContainersIpv6OnlyThroughDebiansPlugins() throws Exception {
        String p = "o6o-g";
        try (Lab lab = new Lab(p, yaml(p, "host-gw", "cni"))) {
            lab.up();
            lab.ovnetExpect(0, "apply", "--auto-approve");
            String conflist = Lab.in(p + "-a", "cat", "/run/ovnet/netns/" + p + "-a/etc/cni/net.d/10-ovnet.conflist")
                    .out();
            assertTrue(conflist.contains("\"ranges\": [[{\"subnet\": \"fd10:100:0:"), conflist);
            // lab check runs ADD of the whole chain and CHECK of the bridge step; a failed CHECK is a problem
            Ovnet.Result check = lab.ovnetExpect(0, "lab", "check");
            assertTrue(check.out().contains("lab check: 6/6 pairs reachable (IPv6 only)"), check::toString);
            String routes6 = Lab.in(p + "-a", "ip", "-6", "route", "show", "proto", "152").out();
            assertEquals(2, routes6.lines().filter(l -> l.matches("fd10:100:0:\\w+::/64 via fd00:192:0:2::1[23] dev eth0 .*"))
                    .count(), routes6);
            assertEquals("", Lab.in(p + "-a", "ip", "-4", "route", "show", "proto", "152").out(), "no IPv4 route");
            String dst = routes6.lines().findFirst().orElseThrow().split(" ")[0];
            Lab.in(p + "-a", "ip", "-6", "route", "del", dst);
            Ovnet.Result drift = lab.ovnetExpect(2, "plan", "--detailed-exitcode");
            assertTrue(drift.out().contains("route " + dst + " via fd00:192:0:2::1"), drift::toString);
            lab.ovnetExpect(0, "apply", "--auto-approve");
            lab.ovnetExpect(0, "plan", "--detailed-exitcode");
            // lab down runs DEL of the whole chain for every container; a failed DEL would be a warning
            lab.ovnetExpect(0, "destroy", "--auto-approve");
            assertEquals("", Lab.in(p + "-a", "ip", "-6", "route", "show", "proto", "152").out());
            Ovnet.Result down = lab.ovnetExpect(0, "lab", "down");
            for (String h : HOSTS) {
                assertTrue(down.out().contains("released container " + p + "-" + h + "-c1 through CNI DEL"),
                        down::toString);
            }
            assertFalse(down.all().contains("CNI DEL of"), down::toString);
        }
    }
}
