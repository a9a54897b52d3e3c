package dev.ovnet.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ovnet.planner.state.HostState;
import dev.ovnet.planner.state.State;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** plan -out / apply PLANFILE in-process, without hosts (--refresh=false): saving, and every refusal. */
class SavedPlanTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    @TempDir
    Path dir;

    private Cli.Result plan(Cli cli, Path file, String... more) {
        List<String> args = new ArrayList<>(List.of("plan", "--refresh=false", "-f", cli.yaml.toString(), "-out",
                file.toString()));
        args.addAll(List.of(more));
        Cli.Result r = Cli.run(args.toArray(String[]::new));
        assertEquals(0, r.exit(), r::toString);
        return r;
    }

    @Test
    void theFileIsWrittenWholeWithMode0600AndSaysHowToApplyIt() throws Exception {
        Cli cli = new Cli(dir);
        Path file = dir.resolve("my plan.out");
        Cli.Result r = plan(cli, file);
        assertTrue(r.out().contains("Saved the plan to: " + file), r::toString);
        assertTrue(r.out().contains("To perform exactly these actions, run: ovnet apply '" + file + "'"), r::toString);
        assertFalse(r.out().contains("You didn't use the -out option"), r::toString);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(Set.of("ovnet.yaml", "my plan.out", "state.json.lock"),
                    Set.copyOf(files.map(p -> p.getFileName().toString()).toList()), "no temporary file is left");
        }
        JsonNode saved = MAPPER.readTree(file.toFile());
        assertEquals(cli.yaml.toAbsolutePath().toString(), saved.at("/config/path").asText());
        assertEquals(LoadedConfig.sha256(Files.readAllBytes(cli.yaml)), saved.at("/config/sha256").asText());
        assertFalse(saved.at("/state/existed").asBoolean());
        assertTrue(saved.at("/plan/complete").asBoolean());
        assertEquals(64, saved.at("/plan/sha256").asText().length());
    }

    @Test
    void aPlanFileHoldsNoKeyMaterial() throws Exception {
        Cli cli = new Cli(dir);
        String body = "b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gtZW";
        Files.writeString(dir.resolve("id_test"), "-----BEGIN OPENSSH PRIVATE KEY-----\n" + body
                + "\n-----END OPENSSH PRIVATE KEY-----\n");
        Path file = dir.resolve("p.plan");
        plan(cli, file);
        String text = Files.readString(file);
        assertFalse(text.contains("PRIVATE KEY"), text);
        assertFalse(text.contains(body.substring(0, 20)), text);
    }

    @Test
    void aSavedPlanWithNothingToDoAppliesWithoutAPrompt() throws Exception {
        Cli cli = new Cli(dir);
        cli.applied();
        Path file = dir.resolve("p.plan");
        plan(cli, file);
        Cli.Result r = Cli.run("apply", file.toString());
        assertEquals(0, r.exit(), r::toString);
        assertTrue(r.out().contains("No changes."), r::toString);
    }

    @Test
    void aStalePlanIsRefusedWithWhatMoved() throws Exception {
        Cli cli = new Cli(dir);
        State one = cli.applied();
        Path file = dir.resolve("p.plan");
        plan(cli, file);
        // another apply changed node-2 (serial 2), then node-3 was forgotten (serial 3)
        List<HostState> hosts = new ArrayList<>(one.hosts());
        HostState two = hosts.get(1);
        hosts.set(1, two.with(two.status(), null, 2, "2026-01-02T00:00:00Z"));
        State moved = new State(one.version(), 2, one.lineage(), one.network(), hosts);
        cli.store().write(moved);
        cli.store().write(StateCommand.without(moved, Set.of("node-3")));

        Cli.Result r = Cli.run("apply", file.toString());
        assertEquals(1, r.exit(), r::toString);
        assertTrue(r.err().contains("Error: Saved plan is stale: the state moved from serial 1 to 3 since the plan"
                + " was made; changed since: node-1 (status applied -> partial), node-2 (applied again at serial 2,"
                + " status applied -> partial), node-3 (removed from the state)"), r::toString);
        assertEquals(3, cli.store().read().orElseThrow().serial(), "nothing was written");
    }

    @Test
    void aPlanMadeWithoutStateIsRefusedOnceAStateExistsAndAStateOfAnotherLineageIsRefused() throws Exception {
        Cli cli = new Cli(dir);
        Path file = dir.resolve("p.plan");
        plan(cli, file);
        cli.applied();
        Cli.Result r = Cli.run("apply", file.toString());
        assertEquals(1, r.exit(), r::toString);
        assertTrue(r.err().contains("Saved plan is stale: it was made when there was no state, and a state was"
                + " written since (serial 1, hosts node-1, node-2, node-3)"), r::toString);

        plan(cli, file);
        Files.delete(dir.resolve("state.json"));
        Files.deleteIfExists(dir.resolve("state.json.backup"));
        cli.applied("another-lineage");
        r = Cli.run("apply", file.toString());
        assertTrue(r.err().contains("Saved plan does not match the given state: it was made for a state of lineage"
                + " lineage-unit, the state has lineage another-lineage"), r::toString);
    }

    @Test
    void aChangedConfigurationIsRefused() throws Exception {
        Cli cli = new Cli(dir);
        Path file = dir.resolve("p.plan");
        plan(cli, file);
        Files.writeString(cli.yaml, Files.readString(cli.yaml) + "# a comment is a change too\n");
        Cli.Result r = Cli.run("apply", file.toString());
        assertEquals(1, r.exit(), r::toString);
        assertTrue(r.err().contains("the configuration changed since the plan was saved"), r::toString);
        Files.delete(cli.yaml);
        r = Cli.run("apply", file.toString());
        assertTrue(r.err().contains("of the saved plan is gone"), r::toString);
    }

    @Test
    void optionsThatWouldChangeTheSavedPlanAreRefused() throws Exception {
        Cli cli = new Cli(dir);
        Path file = dir.resolve("p.plan");
        plan(cli, file);
        for (String[] extra : new String[][] {{"-f", cli.yaml.toString()}, {"--target", "node-1"},
            {"--refresh=false"}, {"--refresh-only"}}) {
            List<String> args = new ArrayList<>(List.of("apply", file.toString()));
            args.addAll(List.of(extra));
            Cli.Result r = Cli.run(args.toArray(String[]::new));
            assertEquals(1, r.exit(), r::toString);
            assertTrue(r.err().contains("cannot be used with a saved plan"), r::toString);
        }
    }

    @Test
    void aDamagedOrTamperedFileIsRefused() throws Exception {
        Cli cli = new Cli(dir);
        cli.applied();
        Path file = dir.resolve("p.plan");
        plan(cli, file);
        String good = Files.readString(file);

        Files.writeString(file, good.substring(0, good.length() / 2));
        Cli.Result r = Cli.run("apply", file.toString());
        assertEquals(1, r.exit(), r::toString);
        assertTrue(r.err().contains("cannot read the saved plan " + file + ": it is not valid JSON"), r::toString);

        ObjectNode extra = (ObjectNode) MAPPER.readTree(good);
        ((ObjectNode) extra.get("plan")).put("secret", "x");
        MAPPER.writeValue(file.toFile(), extra);
        r = Cli.run("apply", file.toString());
        assertTrue(r.err().contains("plan.secret: unknown field"), r::toString);

        ObjectNode other = (ObjectNode) MAPPER.readTree(good);
        other.put("ovnet_version", "0.0.1 (commit feed)");
        MAPPER.writeValue(file.toFile(), other);
        r = Cli.run("apply", file.toString());
        assertTrue(r.err().contains("the saved plan was made by ovnet 0.0.1 (commit feed)"), r::toString);

        ObjectNode tampered = (ObjectNode) MAPPER.readTree(good);
        ((ObjectNode) tampered.get("plan")).put("destroy", true);
        MAPPER.writeValue(file.toFile(), tampered);
        r = Cli.run("apply", file.toString());
        assertEquals(1, r.exit(), r::toString);
        assertTrue(r.err().contains("differs from the saved plan"), r::toString);
        assertEquals(1, cli.store().read().orElseThrow().serial(), "nothing was applied or written");

        r = Cli.run("apply", dir.resolve("none.plan").toString());
        assertTrue(r.err().contains("no saved plan at"), r::toString);
    }

    @Test
    void aTargetedPlanRecordsItsTargetsAndIsIncomplete() throws Exception {
        Cli cli = new Cli(dir);
        Path file = dir.resolve("p.plan");
        Cli.Result r = plan(cli, file, "--target", "node-[12]");
        assertTrue(r.out().contains("Warning: Resource targeting is in effect: the plan may be incomplete."),
                r::toString);
        assertFalse(r.out().contains("# node-3"), r::toString);
        JsonNode saved = MAPPER.readTree(file.toFile());
        assertEquals("[\"node-[12]\"]", saved.at("/plan/targets").toString());
        assertEquals("[\"node-1\",\"node-2\"]", saved.at("/plan/target_hosts").toString());
        assertFalse(saved.at("/plan/complete").asBoolean());
        Cli.Result json = Cli.run("plan", "--refresh=false", "--json", "--target", "node-1", "-f",
                cli.yaml.toString());
        assertFalse(MAPPER.readTree(json.out()).get("complete").asBoolean(), json::toString);
    }
}
