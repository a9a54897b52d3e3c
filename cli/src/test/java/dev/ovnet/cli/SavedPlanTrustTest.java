package dev.ovnet.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ovnet.planner.desired.HostFacts;
import dev.ovnet.planner.model.Address;
import dev.ovnet.planner.model.FdbEntry;
import dev.ovnet.planner.model.FileObject;
import dev.ovnet.planner.model.Forwarder;
import dev.ovnet.planner.model.KernelObject;
import dev.ovnet.planner.model.Link;
import dev.ovnet.planner.model.Neighbour;
import dev.ovnet.planner.model.Route;
import dev.ovnet.planner.model.Sysctl;
import dev.ovnet.planner.net.Cidr;
import dev.ovnet.planner.net.Ipv4;
import dev.ovnet.planner.net.Mac;
import dev.ovnet.planner.plan.HostReading;
import dev.ovnet.planner.plan.Plan;
import dev.ovnet.planner.plan.Planner;
import dev.ovnet.planner.state.State;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A saved plan is trusted only as far as whoever could write it: readings listing what ovnet never makes are
 * refused even when the plan's checksum was computed again, and with OVNET_PLAN_KEY a plan must carry the HMAC
 * of its content under that key.
 */
class SavedPlanTrustTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String ROOT_1 = "/run/ovnet/netns/ovnet-unit-none-1";

    @TempDir
    Path dir;

    private static Map<String, String> withKey(String key) {
        Map<String, String> env = new HashMap<>(System.getenv());
        env.put(PlanKey.ENV, key);
        return env;
    }

    private static Map<String, String> withoutKey() {
        Map<String, String> env = new HashMap<>(System.getenv());
        env.remove(PlanKey.ENV);
        return env;
    }

    private static void plan(Cli cli, Path file, Map<String, String> env) {
        Cli.Result r = Cli.runWith(env, "plan", "--refresh=false", "-f", cli.yaml.toString(), "-out", file.toString());
        assertEquals(0, r.exit(), r::toString);
    }

    /** node-1's reading: its facts and the given objects, as a saved plan holds it. */
    private static ObjectNode reading(ArrayNode objects) {
        ObjectNode reading = MAPPER.createObjectNode();
        ObjectNode facts = reading.putObject("facts");
        facts.put("iface", "eth0").put("mtu", 1500).put("segment", "192.0.2.0/24").put("randomFully", true)
                .put("assumed", false);
        reading.set("objects", objects);
        return reading;
    }

    /**
     * What someone who can write the plan file does: put in readings of their own, plan again from them as
     * ovnet would and write the checksum of that plan. Asserts that the checksum then matches, as it did before
     * readings were checked.
     */
    private static void tamperAndRehash(Cli cli, Path file, ObjectNode reading) throws Exception {
        ObjectNode saved = (ObjectNode) MAPPER.readTree(file.toFile());
        ((ObjectNode) saved.get("readings")).set("node-1", reading);
        MAPPER.writeValue(file.toFile(), saved);
        SavedPlan read = PlanFiles.read(file);
        State state = cli.store().read().orElseThrow();
        Plan again = Planner.plan(cli.config(), new Planner.Inputs(state, read.readings(), read.refreshed(),
                read.configSha256(), read.destroy(), null));
        ((ObjectNode) saved.get("plan")).put("sha256", SavedPlanCheck.sha256(again, read.ovnetVersion()));
        MAPPER.writeValue(file.toFile(), saved);
        SavedPlanCheck.samePlan(PlanFiles.read(file), again, "ovnet plan -f ovnet.yaml -out p.plan");
    }

    @Test
    void aRehashedPlanWhoseReadingsListWhatOvnetNeverMakesIsRefusedAndNothingIsTouched() throws Exception {
        Cli cli = new Cli(dir);
        State before = cli.applied();
        Path victim = Files.writeString(dir.resolve("victim.txt"), "keep me\n");
        Path file = dir.resolve("p.plan");
        ArrayNode[] tampered = new ArrayNode[3];
        tampered[0] = MAPPER.createArrayNode();
        tampered[0].addObject().put("kind", "file").put("path", victim.toString()).put("content", "")
                .put("mode", "0644");
        tampered[1] = MAPPER.createArrayNode();
        tampered[1].addObject().put("kind", "file").put("path", "/run/flannel/subnet.env").put("content", "")
                .put("mode", "0644");
        tampered[2] = MAPPER.createArrayNode();
        tampered[2].addObject().put("kind", "iptables").put("table", "filter").put("chain", "DOCKER-USER")
                .put("hook", "FORWARD").put("jumpRule", "-A FORWARD -j DOCKER-USER").putArray("rules");
        String[] expected = {"file " + victim, "file /run/flannel/subnet.env",
            "iptables -t filter chain DOCKER-USER"};
        for (int i = 0; i < tampered.length; i++) {
            plan(cli, file, withoutKey());
            tamperAndRehash(cli, file, reading(tampered[i]));
            Cli.Result r = Cli.runWith(withoutKey(), "apply", file.toString());
            assertEquals(1, r.exit(), r::toString);
            assertTrue(r.err().contains("Error: the saved plan's readings.node-1.objects[0] is not what ovnet reads"
                    + " from a host: host node-1 is said to hold " + expected[i]), r::toString);
            assertTrue(r.err().contains("under the host's root " + ROOT_1) || i == 2, r::toString);
            assertEquals(before, cli.store().read().orElseThrow(), "the state is not written");
        }
        assertEquals("keep me\n", Files.readString(victim));
    }

    @Test
    void withOvnetPlanKeyAPlanCarriesAnHmacAndAppliesUnderTheSameKey() throws Exception {
        Cli cli = new Cli(dir);
        cli.applied();
        Path file = dir.resolve("p.plan");
        String key = "k".repeat(40);
        plan(cli, file, withKey(key));
        JsonNode saved = MAPPER.readTree(file.toFile());
        assertTrue(saved.get(PlanFiles.HMAC).asText().matches("[0-9a-f]{64}"), saved::toString);
        Cli.Result r = Cli.runWith(withKey(key), "apply", file.toString());
        assertEquals(0, r.exit(), r::toString);

        plan(cli, file, withKey(key));
        r = Cli.runWith(withoutKey(), "apply", file.toString());
        assertEquals(0, r.exit(), r::toString);
        assertTrue(r.err().contains("Warning: the saved plan carries an HMAC, but OVNET_PLAN_KEY is not set"),
                r::toString);

        plan(cli, file, withoutKey());
        assertNull(MAPPER.readTree(file.toFile()).get(PlanFiles.HMAC));
    }

    @Test
    void theHmacOfAPlanWithReadingsOfEveryKindStillMatchesOnceTheFileIsReadBack() throws Exception {
        Cli cli = new Cli(dir);
        cli.applied();
        Path file = dir.resolve("p.plan");
        plan(cli, file, withoutKey());
        SavedPlan plain = PlanFiles.read(file);
        Ipv4 ip = Ipv4.parse("192.0.2.11");
        Mac mac = Mac.parse("02:00:00:00:00:01");
        List<KernelObject> objects = List.of(new Sysctl("net.ipv4.ip_forward", "1"),
                Link.vxlan("flannel.1", 1, ip, "eth0", 8472, 1450, mac), Link.tun("flannel0", 1472),
                new Address("flannel.1", Cidr.parse("10.100.1.0/32")), new Neighbour(ip, mac, "flannel.1"),
                new FdbEntry(mac, "flannel.1", ip), new Route(Cidr.parse("10.100.0.0/16"), null, "flannel0", false),
                new Route(Cidr.parse("10.100.2.0/24"), ip, "flannel.1", true),
                new FileObject(ROOT_1 + "/run/flannel/subnet.env", "\"quoted\" \\ \u00e9\u2192\n", 0644),
                new Forwarder("flannel0", ip, 8285, Cidr.parse("10.100.0.0/16"), Cidr.parse("10.100.1.0/24"),
                        ROOT_1 + "/run/ovnet/flannel0.peers", 2, "ab12"));
        Map<String, HostReading> readings = new HashMap<>();
        readings.put("node-2", new HostReading(new HostFacts("eth0", 1500, null, false, true), List.of()));
        readings.put("node-1", new HostReading(new HostFacts("eth0", 1500, Cidr.parse("192.0.2.0/24"), true, false)
                .withForwarderBuild("ab12"), objects));
        PlanKey key = PlanKey.from(withKey("k".repeat(40))).orElseThrow();
        SavedPlan signed = new SavedPlan(plain.formatVersion(), plain.ovnetVersion(), plain.created(),
                plain.configPath(), plain.configSha256(), plain.stateExisted(), plain.lineage(), plain.serial(),
                plain.hosts(), plain.destroy(), plain.refreshed(), plain.complete(), List.of("node-*"),
                java.util.Set.of("node-2", "node-1"), plain.planSha256(), readings, null).signedWith(key);
        PlanFiles.write(file, signed);
        SavedPlan back = PlanFiles.read(file);
        assertEquals(signed.hmacSha256(), back.hmacSha256());
        assertTrue(key.signed(PlanFiles.content(back), back.hmacSha256()));
        SavedPlanCheck.producer(back, java.util.Optional.of(key), new dev.ovnet.cli.render.Style(false), "ovnet plan",
                new java.io.PrintWriter(java.io.Writer.nullWriter()));
    }

    @Test
    void withOvnetPlanKeyAPlanWithoutItsHmacOrWithAnotherIsRefused() throws Exception {
        Cli cli = new Cli(dir);
        State before = cli.applied();
        Path file = dir.resolve("p.plan");
        String key = "k".repeat(40);

        plan(cli, file, withoutKey());
        Cli.Result r = Cli.runWith(withKey(key), "apply", file.toString());
        assertEquals(1, r.exit(), r::toString);
        assertTrue(r.err().contains("Error: the saved plan carries no HMAC, and OVNET_PLAN_KEY is set"), r::toString);

        plan(cli, file, withKey("another key, also long enough"));
        r = Cli.runWith(withKey(key), "apply", file.toString());
        assertEquals(1, r.exit(), r::toString);
        assertTrue(r.err().contains("Error: the saved plan's HMAC does not match OVNET_PLAN_KEY"), r::toString);

        // readings that pass every other check, the plan's checksum computed again: only the HMAC tells
        plan(cli, file, withKey(key));
        ArrayNode objects = MAPPER.createArrayNode();
        objects.addObject().put("kind", "file").put("path", ROOT_1 + "/run/docker_opts.env").put("content", "")
                .put("mode", "0644");
        tamperAndRehash(cli, file, reading(objects));
        r = Cli.runWith(withKey(key), "apply", file.toString());
        assertEquals(1, r.exit(), r::toString);
        assertTrue(r.err().contains("Error: the saved plan's HMAC does not match OVNET_PLAN_KEY"), r::toString);
        assertEquals(before, cli.store().read().orElseThrow(), "the state is not written");

        r = Cli.runWith(withKey("short"), "plan", "--refresh=false", "-f", cli.yaml.toString(), "-out",
                file.toString());
        assertEquals(1, r.exit(), r::toString);
        assertTrue(r.err().contains("OVNET_PLAN_KEY is set but holds 5 characters"), r::toString);
    }
}
