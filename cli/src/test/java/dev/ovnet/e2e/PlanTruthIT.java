package dev.ovnet.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Plans that never claim what they did not see: a host that could not be read makes every plan an error (never
 * "no changes"), and what the hosts already have is checked against what ovnet is about to make before anything
 * changes anywhere. Each test works on a lab of its own, as a user would: the commands, their exit codes, and
 * the listings of every host before and after.
 */
@Tag("e2e")
class PlanTruthIT {

    /** Three netns hosts on 192.0.2.0/24 with pinned subnets 10.100.1-3.0/24. */
    private static String yaml(String p, String backend, boolean lab) {
        return "network:\n  name: " + p + "\n  pool: 10.100.0.0/16\n  backend:\n    type: " + backend + "\n"
                + "  runtime: docker\nstate:\n  path: state.json\nhosts:\n"
                + "  - {name: " + p + "-a, address: 192.0.2.11, connection: netns, subnet: 10.100.1.0/24}\n"
                + "  - {name: " + p + "-b, address: " + (lab ? "192.0.2.12" : "198.51.100.7")
                + ", connection: netns, subnet: 10.100.2.0/24}\n"
                + "  - {name: " + p + "-c, address: 192.0.2.13, connection: netns, subnet: 10.100.3.0/24}\n"
                + (lab ? "lab:\n  segments: [192.0.2.0/24]\n" : "");
    }

    private static List<String> hosts(String p) {
        return List.of(p + "-a", p + "-b", p + "-c");
    }

    /** What a user would compare to see that nothing changed: every host's {@link Lab#fingerprint}. */
    private static Map<String, String> fingerprints(String p) throws Exception {
        Map<String, String> out = new LinkedHashMap<>();
        for (String h : hosts(p)) {
            out.put(h, Lab.fingerprint(h));
        }
        return out;
    }

    @Test
    void afterTheQuickStartAndLabDownNoCommandSaysAllIsWell() throws Exception {
        String p = "ont1";
        try (Lab lab = new Lab(p, yaml(p, "vxlan", true))) {
            // README's quick start: lab up, apply, lab check
            lab.up();
            lab.ovnetExpect(0, "apply", "--auto-approve");
            assertTrue(lab.ovnetExpect(0, "lab", "check").out().contains("6/6 pairs reachable"));
            lab.ovnetExpect(0, "lab", "down");
            byte[] state = Files.readAllBytes(lab.dir.resolve("state.json"));
            for (List<String> args : List.of(List.of("plan"), List.of("plan", "--detailed-exitcode"),
                    List.of("plan", "--refresh-only", "--detailed-exitcode"), List.of("apply", "--auto-approve"),
                    List.of("destroy", "--auto-approve"))) {
                Ovnet.Result r = lab.ovnetExpect(1, args.toArray(String[]::new));
                for (String h : hosts(p)) {
                    assertTrue(r.err().contains("could not read " + h + ": network namespace " + h
                            + " does not exist"), r::toString);
                    assertTrue(r.err().contains("forget it: ovnet state rm " + h + " -f "), r::toString);
                    assertTrue(r.err().contains("create it: ovnet lab up -f "), r::toString);
                }
                assertFalse(r.out().contains("No changes.") || r.out().contains("complete!"), r::toString);
            }
            assertTrue(java.util.Arrays.equals(state, Files.readAllBytes(lab.dir.resolve("state.json"))),
                    "nothing was done, so nothing was recorded");
            JsonNode json = new ObjectMapper().readTree(lab.ovnetExpect(1, "plan", "--json").out());
            assertTrue(json.get("errored").asBoolean(), json::toString);
            assertFalse(json.get("applyable").asBoolean(), json::toString);
            assertEquals(3, json.get("errors").size(), json::toString);
            assertEquals("unread", json.get("errors").get(0).get("kind").asText(), json::toString);
            // --refresh=false is the explicit way to plan from the state alone
            lab.ovnetExpect(0, "plan", "--refresh=false", "--detailed-exitcode");
        }
    }

    @Test
    void aVanishedHostMakesEveryPlanAnErrorWhileTheOthersPlansAreShown() throws Exception {
        String p = "ont2";
        try (Lab lab = new Lab(p, yaml(p, "vxlan", true))) {
            lab.up();
            lab.ovnetExpect(0, "apply", "--auto-approve");
            Lab.in(p + "-a", "ip", "route", "del", "10.100.2.0/24");
            Ovnet.sh("ip", "netns", "del", p + "-c");
            String c = p + "-c";
            for (List<String> args : List.of(List.of("plan"), List.of("plan", "--detailed-exitcode"),
                    List.of("plan", "--refresh-only", "--detailed-exitcode"))) {
                Ovnet.Result r = lab.ovnetExpect(1, args.toArray(String[]::new));
                assertTrue(r.err().contains("Error: could not read " + c + ": network namespace " + c
                        + " does not exist"), r::toString);
                assertFalse(r.err().contains("could not read " + p + "-a"), r::toString);
                assertTrue(r.out().contains("# " + p + "-a") && r.out().contains("route 10.100.2.0/24"),
                        "the other hosts' plans and drift are still shown:\n" + r);
            }
            JsonNode json = new ObjectMapper().readTree(lab.ovnetExpect(1, "plan", "--json").out());
            assertEquals(c, json.get("errors").get(0).get("host").asText(), json::toString);
            assertTrue(json.get("errored").asBoolean() && !json.get("applyable").asBoolean(), json::toString);

            // --target reads only the targeted hosts: the vanished one is not read, so it is no error here
            Ovnet.Result targeted = lab.ovnetExpect(2, "plan", "--target", p + "-a", "--detailed-exitcode");
            assertFalse(targeted.err().contains(c), targeted::toString);
            assertTrue(targeted.out().contains("+ route 10.100.2.0/24"), targeted::toString);

            // apply repairs what it can read and says what it could not: 3, some done while others were not
            Ovnet.Result apply = lab.ovnetExpect(3, "apply", "--auto-approve");
            assertTrue(apply.out().contains(c + " : ok=0 changed=0 failed=0 unreachable=1"), apply::toString);
            assertTrue(Lab.in(p + "-a", "ip", "route", "show", "10.100.2.0/24").out().contains("via"), apply::toString);

            // plan -out never writes over the configuration or the state, and the plan is not saved at all here
            byte[] config = Files.readAllBytes(lab.yaml);
            byte[] state = Files.readAllBytes(lab.dir.resolve("state.json"));
            Ovnet.Result onConfig = lab.ovnetExpect(1, "plan", "--refresh=false", "-out", lab.yaml.toString());
            assertTrue(onConfig.err().contains("it is the configuration file"), onConfig::toString);
            Ovnet.Result onState = lab.ovnetExpect(1, "plan", "--refresh=false", "-out",
                    lab.dir.resolve("state.json").toString());
            assertTrue(onState.err().contains("it is the state file"), onState::toString);
            Path plan = lab.dir.resolve("p.plan");
            lab.ovnetExpect(1, "plan", "-out", plan.toString());
            assertFalse(Files.exists(plan), "a plan that could not read every host is not saved");
            assertTrue(java.util.Arrays.equals(config, Files.readAllBytes(lab.yaml)));
            assertTrue(java.util.Arrays.equals(state, Files.readAllBytes(lab.dir.resolve("state.json"))));
        }
    }

    @Test
    void clashesWithTheHostsOwnNetworkAreAllFoundBeforeAnythingChanges() throws Exception {
        String p = "ont3";
        try (Lab lab = new Lab(p, yaml(p, "vxlan", true))) {
            lab.up();
            // a: an underlay MTU without room for vxlan; b: a route of its own to c's subnet; c: an address in a's
            Lab.in(p + "-a", "ip", "link", "set", "eth0", "mtu", "100");
            Lab.in(p + "-b", "ip", "route", "add", "10.100.3.0/24", "via", "192.0.2.99", "dev", "eth0");
            Lab.in(p + "-c", "ip", "addr", "add", "10.100.1.7/24", "dev", "eth0");
            Map<String, String> before = fingerprints(p);
            for (List<String> args : List.of(List.of("plan"), List.of("apply", "--auto-approve"))) {
                Ovnet.Result r = lab.ovnetExpect(1, args.toArray(String[]::new));
                assertTrue(r.err().contains("preflight: " + p + "-a: eth0 has MTU 100: the vxlan backend needs 50"
                        + " bytes"), r::toString);
                assertTrue(r.err().contains("preflight: " + p + "-b: route 10.100.3.0/24 via 192.0.2.99 dev eth0"
                        + " proto boot (in " + p + "-c's subnet 10.100.3.0/24) is not made by ovnet"), r::toString);
                assertTrue(r.err().contains("preflight: " + p + "-c: address 10.100.1.7/24 on eth0 (in " + p
                        + "-a's subnet 10.100.1.0/24), route 10.100.1.0/24 dev eth0 proto kernel"), r::toString);
                assertTrue(r.err().contains("3 preflight problems"), r::toString);
            }
            assertEquals(before, fingerprints(p), "no host changed");
            assertFalse(Files.exists(lab.dir.resolve("state.json")), "and nothing was recorded");

            // what the user fixes is checked again; then apply goes through
            Lab.in(p + "-a", "ip", "link", "set", "eth0", "mtu", "1500");
            Lab.in(p + "-b", "ip", "route", "del", "10.100.3.0/24");
            Lab.in(p + "-c", "ip", "addr", "del", "10.100.1.7/24", "dev", "eth0");
            lab.ovnetExpect(0, "apply", "--auto-approve");
            assertTrue(lab.ovnetExpect(0, "lab", "check").out().contains("6/6 pairs reachable"));
        }
    }

    @Test
    void aHostGwPeerOnAnotherSegmentIsFoundBeforeAnythingChanges() throws Exception {
        String p = "ont4";
        try (Lab lab = new Lab(p, yaml(p, "vxlan", true))) {
            lab.up();
            // b moves to another segment; the file (without a lab block) says so and asks for host-gw
            Lab.in(p + "-b", "ip", "addr", "add", "198.51.100.7/24", "dev", "eth0");
            Map<String, String> before = fingerprints(p);
            lab.write(yaml(p, "host-gw", false));
            lab.ovnetExpect(0, "validate");
            Ovnet.Result r = lab.ovnetExpect(1, "apply", "--auto-approve");
            assertTrue(r.err().contains("preflight: " + p + "-a: peer " + p + "-b (198.51.100.7) is not on " + p
                    + "-a's segment 192.0.2.0/24 (eth0): host-gw routes each peer's subnet via the peer's own"
                    + " address, so the kernel would refuse 'route 10.100.2.0/24 via 198.51.100.7 dev eth0'"),
                    r::toString);
            assertTrue(r.err().contains("preflight: " + p + "-b: 2 peers (" + p + "-a (192.0.2.11), " + p
                    + "-c (192.0.2.13)) are not on " + p + "-b's segment 198.51.100.0/24"), r::toString);
            assertTrue(r.err().contains("use backend type vxlan"), r::toString);
            assertEquals(before, fingerprints(p), "no host changed");
            lab.write(yaml(p, "vxlan", true));
        }
    }
}
