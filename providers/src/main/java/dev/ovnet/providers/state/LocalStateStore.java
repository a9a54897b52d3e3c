package dev.ovnet.providers.state;

import dev.ovnet.planner.spi.FlannelLeases;
import dev.ovnet.planner.spi.LockInfo;
import dev.ovnet.planner.spi.StateException;
import dev.ovnet.planner.spi.StateLock;
import dev.ovnet.planner.spi.StateStore;
import dev.ovnet.planner.state.State;
import dev.ovnet.providers.transport.LocalTransport;
import dev.ovnet.providers.transport.TransportException;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The state in one local JSON file, kept the way Terraform keeps {@code terraform.tfstate} but never half-written:
 * every write goes to a temporary file in the same folder, is synced and renamed over the state (flannel's
 * renameio discipline), after the previous version was saved the same way as {@code <file>.backup}. Files are
 * mode 0600. The lock is an OS lock on {@code <file>.lock}, which also holds the holder's lock info.
 *
 * <p>A write is a compare-and-swap on the serial: it runs under the state lock (the caller's, or one taken just
 * for the write when this process holds none), re-reads the stored serial and lineage, and refuses unless the new
 * state follows them.
 */
public final class LocalStateStore implements StateStore {

    /** How long a write by a process that holds no lock waits for one. */
    private static final Duration WRITE_LOCK_WAIT = Duration.ofSeconds(10);
    private static final int MODE = 0600;

    private final Path path;
    private final Path backup;
    private final LockFile lockFile;

    public LocalStateStore(Path path) {
        this.path = path.toAbsolutePath().normalize();
        this.backup = sibling(".backup");
        this.lockFile = LockFile.of(sibling(".lock"));
    }

    private Path sibling(String suffix) {
        return path.resolveSibling(path.getFileName() + suffix);
    }

    public Path path() {
        return path;
    }

    public Path backupPath() {
        return backup;
    }

    public Path lockPath() {
        return lockFile.path();
    }

    @Override
    public Optional<State> read() {
        return readBytes(path).map(bytes -> StateCodec.decode(bytes, path.toString(), restoreHint()));
    }

    private String restoreHint() {
        if (Files.exists(backup)) {
            return "restore the previous state from its backup: cp " + backup + " " + path
                    + " (then run ovnet plan to see what differs)";
        }
        return "there is no backup (" + backup + "); move the file away and run ovnet plan to rebuild the state";
    }

    @Override
    public void write(State state) {
        lockFile.writes.lock();
        LockFile.Held transientLock = null;
        try {
            if (lockFile.heldHere().isEmpty()) {
                transientLock = LockAttempt.await(WRITE_LOCK_WAIT,
                        () -> lockFile.tryAcquire(LockRecord.create("write", path.toString())));
            }
            writeLocked(state);
        } finally {
            if (transientLock != null) {
                lockFile.release(transientLock);
            }
            lockFile.writes.unlock();
        }
    }

    private void writeLocked(State state) {
        Optional<byte[]> current = readBytes(path);
        Optional<State> stored = current.map(bytes -> StateCodec.decode(bytes, path.toString(), restoreHint()));
        StateSequence.checkFollows(state, stored, path.toString());
        byte[] encoded = StateCodec.encode(state);
        try {
            if (current.isPresent()) {
                LocalTransport.writeAtomically(backup, current.get(), MODE);
            }
            LocalTransport.writeAtomically(path, encoded, MODE);
        } catch (TransportException e) {
            throw new StateException("cannot write the state " + path + ": " + e.getMessage(),
                    "check the free space and the permissions of " + path.getParent()
                            + "; the state as it was before is still in place", e);
        }
        removeLeftoverTempFiles();
    }

    /** Temporary files of writes that were killed before their rename; only called under the state lock. */
    private void removeLeftoverTempFiles() {
        Pattern ours = Pattern.compile("\\.(" + Pattern.quote(path.getFileName().toString()) + "|"
                + Pattern.quote(backup.getFileName().toString()) + ")\\.\\d+\\.tmp");
        try (DirectoryStream<Path> files = Files.newDirectoryStream(path.getParent(),
                p -> ours.matcher(p.getFileName().toString()).matches())) {
            for (Path leftover : files) {
                Files.deleteIfExists(leftover);
            }
        } catch (IOException e) {
            // harmless leftovers; the next write tries again
        }
    }

    private static Optional<byte[]> readBytes(Path file) {
        try {
            return Optional.of(Files.readAllBytes(file));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new StateException("cannot read the state " + file + ": " + e.getMessage(),
                    "check that the file is readable by this user", e);
        }
    }

    @Override
    public StateLock lock(String operation, Duration timeout) {
        LockFile.Held held = LockAttempt.await(timeout,
                () -> lockFile.tryAcquire(LockRecord.create(operation, path.toString())));
        return new StateLock() {
            @Override
            public LockInfo info() {
                return held.record().info();
            }

            @Override
            public void close() {
                lockFile.release(held);
            }
        };
    }

    /**
     * Removes the lock info with {@code id} that a process which is gone left behind. Refuses while any live
     * process holds the lock (the kernel holds it for exactly as long as that process runs).
     */
    @Override
    public LockInfo forceUnlock(String id) {
        return lockFile.forceUnlock(id).info();
    }

    /** None: flanneld never writes to a local file. */
    @Override
    public Optional<FlannelLeases> flannelLeases() {
        return Optional.empty();
    }

    @Override
    public String location() {
        return path.toString();
    }
}
