package dev.ovnet.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ovnet.planner.plan.Planner;
import dev.ovnet.planner.spi.StateLock;
import dev.ovnet.planner.state.HostState;
import dev.ovnet.planner.state.HostStatus;
import dev.ovnet.planner.state.State;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** state list / state rm / force-unlock / import against a local state. */
class StateCommandTest {

    @TempDir
    Path dir;

    @Test
    void listPrintsTheHostsOfTheStateOnePerLine() throws Exception {
        Cli cli = new Cli(dir);
        Cli.Result empty = Cli.run("state", "list", "-f", cli.yaml.toString());
        assertEquals(0, empty.exit(), empty::toString);
        assertEquals("", empty.out());
        cli.applied();
        assertEquals("node-1\nnode-2\nnode-3\n", Cli.run("state", "list", "-f", cli.yaml.toString()).out());
        assertEquals("node-2\nnode-3\n", Cli.run("state", "list", "-f", cli.yaml.toString(), "node-[23]").out());
    }

    @Test
    void rmForgetsAHostBumpsTheSerialAndKeepsTheOthersTruthful() throws Exception {
        Cli cli = new Cli(dir);
        State before = cli.applied();
        Cli.Result dry = Cli.run("state", "rm", "--dry-run", "node-3", "-f", cli.yaml.toString());
        assertEquals(0, dry.exit(), dry::toString);
        assertTrue(dry.out().startsWith("Would remove node-3 (subnet "), dry::toString);
        assertEquals(1, cli.store().read().orElseThrow().serial());

        Cli.Result r = Cli.run("state", "rm", "node-3", "-f", cli.yaml.toString());
        assertEquals(0, r.exit(), r::toString);
        assertTrue(r.out().contains("Removed node-3 (subnet "), r::toString);
        assertTrue(r.out().contains("Successfully removed 1 host from the state (serial 1 -> 2)."), r::toString);
        assertTrue(r.err().contains("Warning: node-3 is still in"), r::toString);
        State after = cli.store().read().orElseThrow();
        assertEquals(2, after.serial());
        assertEquals(before.lineage(), after.lineage());
        assertTrue(after.host("node-3").isEmpty());
        // node-1 still holds its peer entries for node-3: its record lists them instead of deriving
        HostState one = after.host("node-1").orElseThrow();
        assertEquals(HostStatus.PARTIAL, one.status());
        assertNotNull(one.objects());
        HostState wasOne = before.host("node-1").orElseThrow();
        assertEquals(Planner.recorded(before, wasOne, before.peers()).materialise().size(), one.objects().size());

        Cli.Result unknown = Cli.run("state", "rm", "node-3", "node-9", "-f", cli.yaml.toString());
        assertEquals(1, unknown.exit(), unknown::toString);
        assertTrue(unknown.err().contains("not in the state: node-3, node-9"), unknown::toString);
        assertEquals(2, cli.store().read().orElseThrow().serial());
    }

    @Test
    void rmOfEveryHostLeavesAnEmptyStateAndNeedsTheLock() throws Exception {
        Cli cli = new Cli(dir);
        cli.applied();
        try (StateLock held = cli.store().lock("apply", Duration.ZERO)) {
            Cli.Result locked = Cli.run("state", "rm", "node-1", "-f", cli.yaml.toString());
            assertEquals(1, locked.exit(), locked::toString);
            assertTrue(locked.err().contains(held.info().id()), locked::toString);
        }
        Cli.Result r = Cli.run("state", "rm", "node-1", "node-2", "node-3", "-f", cli.yaml.toString());
        assertEquals(0, r.exit(), r::toString);
        State after = cli.store().read().orElseThrow();
        assertEquals(0, after.hosts().size());
        assertNull(after.network());
    }

    @Test
    void forceUnlockClearsTheLockInfoADeadProcessLeftWhenTheIdMatches() throws Exception {
        Cli cli = new Cli(dir);
        cli.applied();
        Path lock = dir.resolve("state.json.lock");
        Files.writeString(lock, new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(Map.of(
                "ID", "5e1f-dead", "Operation", "apply", "Who", "ci@runner-7", "Created", "2026-01-01T00:00:00Z",
                "Path", dir.resolve("state.json").toString(), "PID", 999999)));
        Cli.Result ask = Cli.run("force-unlock", "5e1f-dead", "-f", cli.yaml.toString());
        assertEquals(1, ask.exit(), ask::toString);
        assertTrue(ask.err().contains("run 'ovnet force-unlock --force 5e1f-dead'"), ask::toString);

        Cli.Result wrong = Cli.run("force-unlock", "--force", "other-id", "-f", cli.yaml.toString());
        assertEquals(1, wrong.exit(), wrong::toString);
        assertTrue(wrong.err().contains("does not match"), wrong::toString);

        Cli.Result ok = Cli.run("force-unlock", "--force", "5e1f-dead", "-f", cli.yaml.toString());
        assertEquals(0, ok.exit(), ok::toString);
        assertTrue(ok.out().startsWith("ovnet state has been successfully unlocked!"), ok::toString);
        assertTrue(ok.out().contains("'apply' by ci@runner-7"), ok::toString);
        assertEquals(0, Files.size(lock));
        Cli.Result again = Cli.run("force-unlock", "--force", "5e1f-dead", "-f", cli.yaml.toString());
        assertEquals(1, again.exit(), again::toString);
        assertTrue(again.err().contains("not locked"), again::toString);
    }

    @Test
    void importOfALocalStateIsRefusedBeforeAnythingIsLocked() throws Exception {
        Cli cli = new Cli(dir);
        Cli.Result r = Cli.run("import", "-f", cli.yaml.toString());
        assertEquals(1, r.exit(), r::toString);
        assertTrue(r.err().contains("ovnet import reads flanneld's leases from etcd, and this file's state is "
                + dir.resolve("state.json")), r::toString);
        assertTrue(r.err().contains("set state.backend: etcd with flanneld's endpoints and prefix"), r::toString);
        assertTrue(Files.notExists(dir.resolve("state.json.lock")), "no lock taken");
        assertTrue(Files.notExists(dir.resolve("state.json")), "no state written");
    }
}
