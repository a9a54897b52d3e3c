package dev.ovnet.providers.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ovnet.planner.state.State;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A local state is never a half-written file, even on SIGKILL (docs/state.md). A separate JVM writes states in a loop
 * and is killed with SIGKILL at a random moment, 60 times; after every kill the state parses and is the last state the
 * writer reported or the one it was writing, and the backup is the state before it.
 */
class LocalStateStoreCrashTest {

    private static final String LINEAGE = "c0ffee00-0000-4000-8000-00000000cafe";

    @TempDir
    Path dir;

    @Test
    void aWriterKilledAtRandomMomentsNeverLeavesAHalfWrittenState() throws Exception {
        Path path = dir.resolve("ovnet.state.json");
        LocalStateStore store = new LocalStateStore(path);
        Random random = new Random();
        long lastSerial = 0;
        int kills = 60;
        int midWrite = 0;
        int unreported = 0;
        for (int round = 0; round < kills; round++) {
            List<String> printed;
            try (JavaProcess writer = JavaProcess.start(StoreChild.class, StoreSpec.local(path), "write-loop",
                    LINEAGE)) {
                assertNotNull(writer.nextLine(60), "the writer wrote at least once");
                Thread.sleep(random.nextInt(40));
                printed = writer.kill();
            }
            long reported = Long.parseLong(printed.get(printed.size() - 1));
            try (var files = Files.list(dir)) {
                midWrite += files.anyMatch(p -> p.getFileName().toString().endsWith(".tmp")) ? 1 : 0;
            }
            State state = store.read().orElseThrow();
            long serial = state.serial();
            assertTrue(serial == reported || serial == reported + 1,
                    "round " + round + ": state serial " + serial + ", writer had reported " + reported);
            assertEquals(StoreChild.loopState(LINEAGE, serial), state, "the whole state of serial " + serial);
            unreported += serial == reported + 1 ? 1 : 0;
            Path backupPath = path.resolveSibling("ovnet.state.json.backup");
            if (Files.exists(backupPath) || serial > 1) {
                State backup = StateCodec.decode(Files.readAllBytes(backupPath), "backup", "");
                assertTrue(backup.serial() == serial - 1 || backup.serial() == serial,
                        "backup serial " + backup.serial() + " beside state serial " + serial);
                assertEquals(StoreChild.loopState(LINEAGE, backup.serial()), backup);
            }
            assertTrue(serial > lastSerial, "progress in every round");
            lastSerial = serial;
        }
        store.write(StoreChild.loopState(LINEAGE, lastSerial + 1));
        try (var files = Files.list(dir)) {
            assertEquals(List.of("ovnet.state.json", "ovnet.state.json.backup", "ovnet.state.json.lock"),
                    files.map(p -> p.getFileName().toString()).sorted().toList(), "no temporary file left");
        }
        System.out.printf("crash test: %d SIGKILLs, final serial %d; %d kills left a temporary file (killed "
                + "mid-write), %d landed after the rename but before the writer reported it%n", kills, lastSerial,
                midWrite, unreported);
    }
}
