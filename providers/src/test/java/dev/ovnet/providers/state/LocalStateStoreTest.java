package dev.ovnet.providers.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ovnet.planner.spi.LockInfo;
import dev.ovnet.planner.spi.StateException;
import dev.ovnet.planner.spi.StateLock;
import dev.ovnet.planner.spi.StateStore;
import dev.ovnet.planner.state.State;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalStateStoreTest extends StateStoreContract {

    @TempDir
    Path dir;

    private Path statePath() {
        return dir.resolve("ovnet.state.json");
    }

    @Override
    StateStore store() {
        return new LocalStateStore(statePath());
    }

    @Override
    Optional<State> backup() {
        Path backup = dir.resolve("ovnet.state.json.backup");
        try {
            return Files.exists(backup) ? Optional.of(StateCodec.decode(Files.readAllBytes(backup), "backup", ""))
                    : Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    String childSpec() {
        return StoreSpec.local(statePath());
    }

    @Override
    Duration killedHolderReleaseBound() {
        return Duration.ofSeconds(1);
    }

    private static String mode(Path file) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(file));
    }

    @Test
    void theStateItsBackupAndTheLockFileAreReadableOnlyByTheOwner() throws Exception {
        StateStore store = store();
        try (StateLock lock = store.lock("apply", Duration.ZERO)) {
            store.write(StateFixtures.sample(1));
            store.write(StateFixtures.sample(2));
        }
        assertEquals("rw-------", mode(statePath()));
        assertEquals("rw-------", mode(dir.resolve("ovnet.state.json.backup")));
        assertEquals("rw-------", mode(dir.resolve("ovnet.state.json.lock")));
    }

    @Test
    void aLockFileThatIsASymbolicLinkIsRefusedAndWhatItPointsToIsUntouched() throws Exception {
        Path elsewhere = Files.writeString(dir.resolve("precious.txt"), "keep me\n");
        Path lock = dir.resolve("ovnet.state.json.lock");
        Files.createSymbolicLink(lock, elsewhere);
        StateStore store = store();
        StateException e = assertThrows(StateException.class, () -> store.lock("apply", Duration.ZERO));
        assertTrue(e.getMessage().startsWith("the state lock file " + lock + " is a symbolic link (to " + elsewhere
                + ")"), e.getMessage());
        assertTrue(e.hint().startsWith("remove the link"), e.hint());
        assertThrows(StateException.class, () -> store.write(State.empty("3f1c2a8e-5b7d-4c1e-9a0f-6d2b8e4c7a11")));
        assertEquals("keep me\n", Files.readString(elsewhere));
        assertTrue(Files.isSymbolicLink(lock));
    }

    @Test
    void theLockFileHoldsTheLockInfoWhileHeldAndNothingAfter() throws Exception {
        Path lockFile = dir.resolve("ovnet.state.json.lock");
        LocalStateStore store = new LocalStateStore(statePath());
        LockInfo info;
        try (StateLock lock = store.lock("apply", Duration.ZERO)) {
            info = lock.info();
        }
        // read only once released: opening the lock file in the process holding it would drop the OS lock
        assertEquals(0, Files.size(lockFile));
        try (JavaProcess child = JavaProcess.start(StoreChild.class, childSpec(), "hold", "destroy")) {
            assertNotNull(child.nextLine(60));
            JsonNode json = new ObjectMapper().readTree(Files.readAllBytes(lockFile));
            assertEquals("destroy", json.get("Operation").asText());
            assertEquals(child.pid(), json.get("PID").asLong());
            assertEquals(statePath().toString(), json.get("Path").asText());
            assertTrue(json.get("Who").asText().matches("[^@]+@.+"), json.toString());
            assertTrue(json.get("Created").asText().matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d.*Z"));
            assertEquals(36, json.get("ID").asText().length());
            assertFalse(json.get("ID").asText().equals(info.id()));
        }
    }

    @Test
    void aDamagedStateNamesTheFileAndTheBackupToRestore() throws Exception {
        StateStore store = store();
        store.write(StateFixtures.sample(1));
        store.write(StateFixtures.sample(2));
        byte[] good = Files.readAllBytes(statePath());
        Files.write(statePath(), Arrays.copyOf(good, good.length / 3));
        StateException e = assertThrows(StateException.class, store::read);
        assertTrue(e.getMessage().startsWith("cannot read the state " + statePath() + ": it is not valid JSON"),
                e.getMessage());
        assertEquals("restore the previous state from its backup: cp " + statePath() + ".backup " + statePath()
                + " (then run ovnet plan to see what differs)", e.hint());
        assertThrows(StateException.class, () -> store.write(StateFixtures.sample(3)), "never overwrites it");
        assertEquals(good.length / 3, Files.size(statePath()));

        Files.delete(dir.resolve("ovnet.state.json.backup"));
        e = assertThrows(StateException.class, store::read);
        assertTrue(e.hint().startsWith("there is no backup"), e.hint());
    }

    @Test
    void aStateFromANewerOvnetIsNeitherReadNorOverwritten() throws Exception {
        store().write(StateFixtures.sample(1));
        String json = Files.readString(statePath()).replace("\"version\": 1", "\"version\": 7");
        Files.writeString(statePath(), json);
        StateException e = assertThrows(StateException.class, () -> store().read());
        assertTrue(e.getMessage().contains("format version 7"), e.getMessage());
        assertThrows(StateException.class, () -> store().write(StateFixtures.sample(2)));
        assertEquals(json, Files.readString(statePath()));
    }

    @Test
    void theFolderIsCreatedAndNoTemporaryFileStaysBehind() throws Exception {
        Path nested = dir.resolve("a/b/ovnet.state.json");
        LocalStateStore store = new LocalStateStore(nested);
        Path leftover = nested.resolveSibling(".ovnet.state.json.123456789.tmp");
        store.write(StateFixtures.sample(1));
        Files.writeString(leftover, "{\"half");
        store.write(StateFixtures.sample(2));
        try (var files = Files.list(nested.getParent())) {
            assertEquals(java.util.List.of("ovnet.state.json", "ovnet.state.json.backup", "ovnet.state.json.lock"),
                    files.map(p -> p.getFileName().toString()).sorted().toList());
        }
    }

    @Test
    void aLocalFileHasNoFlannelLeasesToImport() {
        assertEquals(Optional.empty(), new LocalStateStore(statePath()).flannelLeases());
    }

    @Test
    void forceUnlockRefusesALiveHolderAndClearsWhatADeadOneLeft() throws Exception {
        LocalStateStore store = new LocalStateStore(statePath());
        try (StateLock mine = store.lock("apply", Duration.ZERO)) {
            StateException e = assertThrows(StateException.class, () -> store.forceUnlock(mine.info().id()));
            assertTrue(e.getMessage().contains("held by this process"), e.getMessage());
        }
        String id;
        try (JavaProcess child = JavaProcess.start(StoreChild.class, childSpec(), "hold", "apply")) {
            id = child.nextLine(60).substring("LOCKED ".length());
            StateException e = assertThrows(StateException.class, () -> store.forceUnlock(id));
            assertTrue(e.getMessage().startsWith("the state lock is held by a running process (pid " + child.pid()
                    + ")"), e.getMessage());
            child.kill();
        }
        Path lockFile = dir.resolve("ovnet.state.json.lock");
        assertTrue(Files.size(lockFile) > 0, "a killed holder leaves its info behind");
        StateException e = assertThrows(StateException.class, () -> store.forceUnlock("not-the-id"));
        assertTrue(e.getMessage().contains("does not match"), e.getMessage());
        assertEquals(id, store.forceUnlock(id).id());
        assertEquals(0, Files.size(lockFile));
        assertThrows(StateException.class, () -> store.forceUnlock(id), "nothing left to unlock");
    }
}
