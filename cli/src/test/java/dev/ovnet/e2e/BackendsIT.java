package dev.ovnet.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** host-gw, vxlan with directRouting across two routed segments, a backend switch, cni and connection: local. */
@Tag("e2e")
class BackendsIT {

    private static String network(String p, String backend, String runtime) {
        return "network:\n  name: " + p + "\n  pool: 10.100.0.0/16\n  backend:\n" + backend
                + "  runtime: " + runtime + "\nstate:\n  path: state.json\nhosts:\n";
    }

    private static String host(String name, String address) {
        return "  - {name: " + name + ", address: " + address + ", connection: netns}\n";
    }

    @Test
    void hostGwRoutesEveryContainerAndDestroyLeavesHostsAsBefore() throws Exception {
        String p = "oeh";
        String yaml = network(p, "    type: host-gw\n", "docker") + host(p + "-a", "192.0.2.11")
                + host(p + "-b", "192.0.2.12") + host(p + "-c", "192.0.2.13") + "lab:\n  segments: [192.0.2.0/24]\n";
        try (Lab lab = new Lab(p, yaml)) {
            lab.up();
            List<String> hosts = List.of(p + "-a", p + "-b", p + "-c");
            Map<String, String> before = new HashMap<>();
            hosts.forEach(h -> before.put(h, Lab.listings(h)));
            lab.ovnetExpect(0, "apply", "--auto-approve");
            Ovnet.Result check = lab.ovnetExpect(0, "lab", "check");
            assertTrue(check.out().contains("6/6 pairs reachable"), check::toString);
            String routes = Lab.in(p + "-a", "ip", "route", "show", "proto", "152").out();
            assertEquals(2, routes.lines().filter(l -> l.matches("10\\.100\\.\\d+\\.0/24 via 192\\.0\\.2\\.1[23] dev eth0 .*"))
                    .count(), routes);
            assertFalse(Lab.in(p + "-a", "ip", "link").out().contains("flannel"));
            String c = Net.address(p + "-c-c1");
            assertEquals("over host-gw\n", Net.tcp(p + "-a-c1", p + "-c-c1", c, "over host-gw\n"));
            assertTrue(lab.ovnetExpect(0, "apply", "--auto-approve").out().contains("No changes."));
            lab.ovnetExpect(0, "destroy", "--auto-approve");
            for (String h : hosts) {
                lab.removeContainers(h);
                assertEquals(before.get(h), Lab.listings(h), "host " + h);
            }
        }
    }

    @Test
    void directRoutingUsesPlainRoutesOnTheSegmentAndVxlanAcrossTheRouter() throws Exception {
        String p = "oed";
        String yaml = network(p, "    type: vxlan\n    directRouting: true\n", "docker")
                + host(p + "-a", "192.0.2.11") + host(p + "-b", "192.0.2.12")
                + host(p + "-c", "198.51.100.21") + host(p + "-d", "198.51.100.22")
                + "lab:\n  segments: [192.0.2.0/24, 198.51.100.0/24]\n";
        try (Lab lab = new Lab(p, yaml)) {
            lab.up();
            lab.ovnetExpect(0, "apply", "--auto-approve");
            Ovnet.Result check = lab.ovnetExpect(0, "lab", "check");
            assertTrue(check.out().contains("12/12 pairs reachable"), check::toString);
            String routes = Lab.in(p + "-a", "ip", "route", "show", "proto", "152").out();
            assertEquals(1, routes.lines().filter(l -> l.contains("via 192.0.2.12 dev eth0")).count(), routes);
            assertEquals(2, routes.lines().filter(l -> l.contains("dev flannel.1 onlink")).count(), routes);
            String neigh = Lab.in(p + "-a", "ip", "neigh", "show", "dev", "flannel.1", "nud", "permanent").out();
            assertEquals(2, neigh.lines().count(), neigh);
        }
    }

    @Test
    void switchingVxlanToHostGwLeavesNoVxlanObjectsBehind() throws Exception {
        String p = "oes";
        String hosts = host(p + "-a", "192.0.2.11") + host(p + "-b", "192.0.2.12") + host(p + "-c", "192.0.2.13")
                + "lab:\n  segments: [192.0.2.0/24]\n";
        try (Lab lab = new Lab(p, network(p, "    type: vxlan\n", "docker") + hosts)) {
            lab.up();
            lab.ovnetExpect(0, "apply", "--auto-approve");
            lab.write(network(p, "    type: host-gw\n", "docker") + hosts);
            Ovnet.Result plan = lab.ovnetExpect(0, "plan");
            assertTrue(plan.all().contains("backend changes from vxlan to host-gw"), plan::toString);
            lab.ovnetExpect(0, "apply", "--auto-approve");
            for (String h : List.of(p + "-a", p + "-b", p + "-c")) {
                assertFalse(Lab.in(h, "ip", "link").out().contains("flannel.1"), h);
                assertEquals("", Lab.in(h, "ip", "neigh", "show", "nud", "permanent").out().replaceAll(
                        "(?m)^.*dev (eth0|lo) .*\n", ""), h);
                assertEquals(2, Lab.in(h, "ip", "route", "show", "proto", "152").out().lines()
                        .filter(l -> l.contains("dev eth0")).count(), h);
            }
            assertTrue(lab.ovnetExpect(0, "lab", "check").out().contains("6/6 pairs reachable"));
            assertTrue(lab.ovnetExpect(0, "plan").out().contains("No changes."));
        }
    }

    @Test
    void cniRuntimeFilesWorkWithTheRealPlugins() throws Exception {
        String p = "oec";
        String yaml = network(p, "    type: vxlan\n", "cni") + host(p + "-a", "192.0.2.11")
                + host(p + "-b", "192.0.2.12") + "lab:\n  segments: [192.0.2.0/24]\n";
        try (Lab lab = new Lab(p, yaml)) {
            lab.up();
            lab.ovnetExpect(0, "apply", "--auto-approve");
            String conflist = Lab.in(p + "-a", "cat", "/run/ovnet/netns/" + p + "-a/etc/cni/net.d/10-ovnet.conflist")
                    .out();
            assertTrue(conflist.contains("\"cniVersion\": \"1.0.0\"") && conflist.contains("\"portmap\""), conflist);
            Ovnet.Result check = lab.ovnetExpect(0, "lab", "check");
            assertTrue(check.out().contains("2/2 pairs reachable"), check::toString);
        }
    }

    @Test
    void connectionLocalProgramsTheNamespaceOvnetRunsIn() throws Exception {
        String p = "oel";
        String both = network(p, "    type: vxlan\n", "docker") + host(p + "-a", "192.0.2.11")
                + host(p + "-b", "192.0.2.12") + "lab:\n  segments: [192.0.2.0/24]\n";
        try (Lab lab = new Lab(p, both)) {
            lab.up();
            // host a is "this machine": ovnet runs inside a's namespace, its files under a's lab root
            String local = network(p, "    type: vxlan\n", "docker")
                    + "  - {name: " + p + "-a, address: 192.0.2.11, connection: local, root: /run/ovnet/netns/" + p
                    + "-a}\n" + host(p + "-b", "192.0.2.12");
            Path localYaml = lab.dir.resolve("local.yaml");
            java.nio.file.Files.writeString(localYaml, local);
            Ovnet.Result apply = Ovnet.runIn(p + "-a", "apply", "--auto-approve", "-f", localYaml.toString());
            assertEquals(0, apply.exit(), apply::toString);
            assertTrue(Lab.in(p + "-a", "ip", "-d", "link", "show", "flannel.1").out().contains("local 192.0.2.11"));
            Ovnet.Result check = lab.ovnetExpect(0, "lab", "check");
            assertTrue(check.out().contains("2/2 pairs reachable"), check::toString);
            Ovnet.Result destroy = Ovnet.runIn(p + "-a", "destroy", "--auto-approve", "-f", localYaml.toString());
            assertEquals(0, destroy.exit(), destroy::toString);
            assertFalse(Lab.in(p + "-a", "ip", "link").out().contains("flannel.1"));
        }
    }
}
