package dev.ovnet.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * What ovnet refuses to believe, on a running two-host lab: a state listing objects ovnet never makes (a file
 * outside the host's root, someone else's iptables chain) is refused before any host is touched, and a symbolic
 * link planted under a host's root in place of subnet.env is refused instead of followed.
 */
@Tag("e2e")
class TrustIT {

    private static String yaml(String p, String mtu) {
        return "network:\n  name: " + p + "\n  pool: 10.100.0.0/16\n  mtu: " + mtu + "\n  backend:\n    type: vxlan\n"
                + "state:\n  path: state.json\n"
                + "hosts:\n"
                + "  - {name: " + p + "-a, address: 192.0.2.31, connection: netns}\n"
                + "  - {name: " + p + "-b, address: 192.0.2.32, connection: netns}\n"
                + "lab:\n  segments: [192.0.2.0/24]\n";
    }

    @Test
    void aStateListingAFileOutsideTheRootOrAForeignChainIsRefusedWithNothingChanged() throws Exception {
        String p = "ovtt-s";
        try (Lab lab = new Lab(p, yaml(p, "auto")).up()) {
            lab.ovnetExpect(0, "apply", "--auto-approve");
            String a = p + "-a";
            Path victim = Files.writeString(lab.dir.resolve("victim.txt"), "keep me\n");
            assertEquals(0, Lab.in(a, "iptables", "-N", "OVTT-FOREIGN").exit());
            assertEquals(0, Lab.in(a, "iptables", "-A", "FORWARD", "-j", "OVTT-FOREIGN").exit());
            String beforeA = Lab.fingerprint(a);
            String beforeB = Lab.fingerprint(p + "-b");
            Path stateFile = lab.dir.resolve("state.json");
            String state = Files.readString(stateFile);
            assertTrue(state.contains("\"objects\": null"), state);

            List<String> tampered = List.of(
                    "[{\"kind\": \"file\", \"path\": \"" + victim + "\", \"content\": \"\", \"mode\": \"0644\"}]",
                    "[{\"kind\": \"iptables\", \"table\": \"filter\", \"chain\": \"OVTT-FOREIGN\","
                            + " \"hook\": \"FORWARD\", \"jumpRule\": \"-A FORWARD -j OVTT-FOREIGN\", \"rules\": []}]");
            List<String> expected = List.of("hosts[0].objects[0]: host " + a + " is said to hold file " + victim,
                    "hosts[0].objects[0]: host " + a + " is said to hold iptables -t filter chain OVTT-FOREIGN");
            for (int i = 0; i < tampered.size(); i++) {
                String objects = "\"objects\": " + tampered.get(i);
                Files.writeString(stateFile, state.replaceFirst("\"objects\": null", objects));
                for (List<String> command : List.of(List.of("destroy", "--auto-approve", "--refresh=false"),
                        List.of("apply", "--auto-approve", "--refresh=false"))) {
                    Ovnet.Result r = lab.ovnet(command.toArray(String[]::new));
                    assertEquals(1, r.exit(), r::toString);
                    assertTrue(r.err().startsWith("Error: cannot read the state " + stateFile + ": "
                            + expected.get(i)), r::toString);
                }
            }
            assertEquals("keep me\n", Files.readString(victim));
            assertEquals(beforeA, Lab.fingerprint(a), "nothing changed on " + a);
            assertEquals(beforeB, Lab.fingerprint(p + "-b"), "nothing changed on " + p + "-b");
            assertTrue(Lab.in(a, "iptables", "-S", "OVTT-FOREIGN").exit() == 0, "the foreign chain is still there");
            Files.writeString(stateFile, state);
        }
    }

    @Test
    void aLinkPlantedAtSubnetEnvIsRefusedAndTheFileItNamesIsUnchanged() throws Exception {
        String p = "ovtt-l";
        try (Lab lab = new Lab(p, yaml(p, "1400")).up()) {
            lab.ovnetExpect(0, "apply", "--auto-approve");
            String a = p + "-a";
            Path outside = Files.writeString(lab.dir.resolve("outside.env"), "keep me\n");
            Path subnetEnv = Path.of("/run/ovnet/netns", a, "run/flannel/subnet.env");
            Files.delete(subnetEnv);
            Files.createSymbolicLink(subnetEnv, outside);

            lab.write(yaml(p, "1380")); // subnet.env has to be written again
            Ovnet.Result r = lab.ovnet("apply", "--auto-approve");
            assertEquals(3, r.exit(), r::toString);
            // refused at the first look: the checkpoint read before the write, or the write itself
            assertTrue(r.all().contains(subnetEnv + " on netns " + a + ": it is a symbolic link (to " + outside
                    + "), which ovnet does not follow; remove " + subnetEnv), r::toString);
            assertEquals("keep me\n", Files.readString(outside));
            assertTrue(Files.isSymbolicLink(subnetEnv), "the link is left for the user to look at");
            assertTrue(Lab.in(p + "-b", "cat", "/run/ovnet/netns/" + p + "-b/run/flannel/subnet.env").out()
                    .contains("FLANNEL_MTU=1380"), "the other host is applied");

            Files.delete(subnetEnv);
            lab.ovnetExpect(0, "apply", "--auto-approve");
            assertTrue(Files.readString(subnetEnv).contains("FLANNEL_MTU=1380"));
        }
    }
}
