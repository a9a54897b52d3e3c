package dev.ovnet.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Dual-stack networks on the lab, as a user runs them: every container pair reaches every other in each family
 * (ping and TCP), full-size packets with DF set cross in both families, an IPv6 route removed by hand is drift
 * that apply repairs, Debian's CNI plugins take the dual-stack conflist (ADD and CHECK in lab check, DEL in lab
 * down), and destroy leaves the IPv4 and IPv6 listings of every host as they were.
 */
@Tag("e2e")
class DualStackIT {

    private static String yaml(String p, String backend, String runtime) {
        StringBuilder y = new StringBuilder("network:\n  name: " + p + "\n  pool: 10.100.0.0/16\n  pool6: fd10:100::/48\n"
                + "  backend:\n" + backend + "  runtime: " + runtime + "\nstate:\n  path: state.json\nhosts:\n");
        for (String h : List.of("a", "b", "c")) {
            int n = "abc".indexOf(h) + 11;
            y.append("  - {name: ").append(p).append('-').append(h).append(", address: 192.0.2.").append(n)
                    .append(", address6: \"fd00:192:0:2::").append(n).append("\", connection: netns}\n");
        }
        return y + "lab:\n  segments: [192.0.2.0/24]\n  segments6: [\"fd00:192:0:2::/64\"]\n";
    }

    /**
     * {@link Lab#listings} and the IPv6 ones a user compares: global addresses, routes, permanent neighbours and
     * ip6tables. Routes of link-local addresses are left out: they appear on their own once the lab's interfaces
     * finish duplicate address detection.
     */
    static String listings46(String netns) {
        return Lab.listings(netns)
                + Lab.in(netns, "ip", "-6", "addr", "show", "scope", "global").out()
                + Lab.in(netns, "ip", "-6", "route", "show", "table", "all").out().replaceAll("(?m)^.*fe80:.*\n", "")
                + Lab.in(netns, "ip", "-6", "neigh", "show", "nud", "permanent").out()
                + Lab.in(netns, "ip6tables-save").out()
                        .replaceAll("(?m)^(#.*|\\*\\w+|COMMIT|:(INPUT|FORWARD|OUTPUT|PREROUTING|POSTROUTING) .*)\n", "")
                        .replaceAll("\\[\\d+:\\d+\\]", "");
    }

    static String address6(String containerNs) {
        String out = Lab.in(containerNs, "ip", "-6", "-o", "addr", "show", "dev", "eth0", "scope", "global").out();
        String[] parts = out.trim().split("\\s+");
        for (int i = 0; i < parts.length - 1; i++) {
            if (parts[i].equals("inet6")) {
                return parts[i + 1].split("/")[0];
            }
        }
        throw new IllegalStateException("no IPv6 address on eth0 in " + containerNs + ": " + out);
    }

    /** Every container pair in each family over TCP (the lab check already pinged them all). */
    static void tcpInBothFamilies(String p) {
        for (String from : List.of("a", "b", "c")) {
            for (String to : List.of("a", "b", "c")) {
                if (!from.equals(to)) {
                    String src = p + "-" + from + "-c1";
                    String dst = p + "-" + to + "-c1";
                    assertEquals("v4 " + from + to + "\n", Net.tcp(src, dst, Net.address(dst), "v4 " + from + to + "\n"));
                    assertEquals("v6 " + from + to + "\n", Net.tcp(src, dst, address6(dst), "v6 " + from + to + "\n"));
                }
            }
        }
    }

    /** Destroys, removes the lab's containers, turns off the IPv6 forwarding ovnet left on, and compares. */
    static void destroyLeavesListingsAsBefore(Lab lab, Map<String, String> before) {
        lab.ovnetExpect(0, "destroy", "--auto-approve");
        for (Map.Entry<String, String> e : before.entrySet()) {
            String h = e.getKey();
            lab.removeContainers(h);
            assertEquals("1\n", Lab.in(h, "sysctl", "-n", "net.ipv6.conf.all.forwarding").out(), "never reset");
            // forwarding brings the subnet-router anycast address and the all-routers group along; ovnet leaves the
            // sysctl on (as ip_forward), so the comparison turns it off by hand first
            Lab.in(h, "sysctl", "-qw", "net.ipv6.conf.all.forwarding=0");
            assertEquals(e.getValue(), listings46(h), "host " + h);
        }
    }

    @Test
    void vxlanCarriesBothFamiliesFullSizeRepairsIpv6DriftAndDestroysExactly() throws Exception {
        String p = "o6-x";
        try (Lab lab = new Lab(p, yaml(p, "    type: vxlan\n", "docker"))) {
            lab.up();
            Map<String, String> before = new HashMap<>();
            for (String h : List.of(p + "-a", p + "-b", p + "-c")) {
                before.put(h, listings46(h));
            }
            lab.ovnetExpect(0, "apply", "--auto-approve");
            Ovnet.Result check = lab.ovnetExpect(0, "lab", "check");
            assertTrue(check.out().contains("lab check: 12/12 pairs reachable (IPv4 6/6, IPv6 6/6)"), check::toString);
            tcpInBothFamilies(p);
            String a = p + "-a-c1";
            String c = p + "-c-c1";
            assertEquals("1430", Lab.in(a, "cat", "/sys/class/net/eth0/mtu").out().strip());
            // full-size with DF set: 1430 - 28 bytes of ICMP payload in IPv4, 1430 - 48 in IPv6
            Ovnet.Result v4 = Lab.in(a, "ping", "-c", "2", "-W", "2", "-M", "do", "-s", "1402", Net.address(c));
            assertEquals(0, v4.exit(), v4::toString);
            Ovnet.Result v6 = Lab.in(a, "ping", "-6", "-c", "2", "-W", "2", "-M", "do", "-s", "1382", address6(c));
            assertEquals(0, v6.exit(), v6::toString);
            String env = Lab.in(p + "-a", "cat", "/run/ovnet/netns/" + p + "-a/run/flannel/subnet.env").out();
            assertTrue(env.contains("FLANNEL_IPV6_NETWORK=fd10:100::/48\nFLANNEL_IPV6_SUBNET=fd10:100:0:"), env);

            String routes6 = Lab.in(p + "-a", "ip", "-6", "route", "show", "proto", "152").out();
            String victim = routes6.lines().filter(l -> l.contains("dev flannel-v6.1")).findFirst().orElseThrow();
            String dst = victim.split(" ")[0];
            Lab.in(p + "-a", "ip", "-6", "route", "del", dst);
            Ovnet.Result drift = lab.ovnetExpect(2, "plan", "--detailed-exitcode");
            assertTrue(drift.out().contains("route " + dst + " via "), drift::toString);
            lab.ovnetExpect(0, "apply", "--auto-approve");
            assertTrue(Lab.in(p + "-a", "ip", "-6", "route", "show", "proto", "152").out().contains(dst));
            lab.ovnetExpect(0, "plan", "--detailed-exitcode");
            assertTrue(Net.ping(a, address6(c)));

            destroyLeavesListingsAsBefore(lab, before);
        }
    }

    @Test
    void hostGwWithCniGivesEveryContainerBothFamiliesThroughDebiansPlugins() throws Exception {
        String p = "o6-g";
        try (Lab lab = new Lab(p, yaml(p, "    type: host-gw\n", "cni"))) {
            lab.up();
            lab.ovnetExpect(0, "apply", "--auto-approve");
            String conflist = Lab.in(p + "-a", "cat", "/run/ovnet/netns/" + p + "-a/etc/cni/net.d/10-ovnet.conflist")
                    .out();
            assertTrue(conflist.contains("[{\"subnet\": \"fd10:100:0:"), conflist);
            // lab check runs ADD of the whole chain and CHECK of the bridge step; a failed CHECK is a problem
            Ovnet.Result check = lab.ovnetExpect(0, "lab", "check");
            assertTrue(check.out().contains("lab check: 12/12 pairs reachable (IPv4 6/6, IPv6 6/6)"), check::toString);
            tcpInBothFamilies(p);
            String routes6 = Lab.in(p + "-a", "ip", "-6", "route", "show", "proto", "152").out();
            assertEquals(2, routes6.lines().filter(l -> l.matches("fd10:100:0:\\w+::/64 via fd00:192:0:2::1[23] dev eth0 .*"))
                    .count(), routes6);
            // lab down runs DEL of the whole chain for every container, and says so; a failed DEL is a warning
            lab.ovnetExpect(0, "destroy", "--auto-approve");
            Ovnet.Result down = lab.ovnetExpect(0, "lab", "down");
            for (String h : List.of("a", "b", "c")) {
                assertTrue(down.out().contains("released container " + p + "-" + h + "-c1 through CNI DEL"),
                        down::toString);
            }
            assertTrue(!down.all().contains("CNI DEL of"), down::toString);
        }
    }
}
