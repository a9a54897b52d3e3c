package dev.ovnet.providers.state;

import dev.ovnet.planner.spi.StateException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The lock file beside a local state: an exclusive OS lock on it (fcntl, which the kernel drops when the holder
 * dies, so a crashed ovnet never leaves the state locked) and the holder's lock info as its content.
 *
 * <p>Design note: POSIX record locks belong to the process, not to a channel, and closing <em>any</em> descriptor
 * of the file releases all of them (FileLock's Javadoc warns about this). So within one JVM there is exactly one
 * instance per lock file ({@link #of}), which does every access to the file under its monitor, never opens
 * the file while this JVM holds the lock, and answers a second locker in the same JVM from memory.
 */
final class LockFile {

    private static final ConcurrentMap<Path, LockFile> INSTANCES = new ConcurrentHashMap<>();

    private final Path path;
    /** Serializes state writes to this store within the JVM (the OS lock serializes them across processes). */
    final ReentrantLock writes = new ReentrantLock();
    private Held held;

    private LockFile(Path path) {
        this.path = path;
    }

    static LockFile of(Path lockPath) {
        Path key = lockPath.toAbsolutePath().normalize();
        try {
            Path folder = key.getParent().toRealPath();
            key = folder.resolve(key.getFileName());
        } catch (IOException e) {
            // the folder does not exist yet; the normalized path is the key
        }
        return INSTANCES.computeIfAbsent(key, LockFile::new);
    }

    Path path() {
        return path;
    }

    /** The lock held by this JVM, if any. */
    synchronized Optional<Held> heldHere() {
        return Optional.ofNullable(held);
    }

    /** One attempt: the lock, or the holder that has it (read from memory or from the file). */
    synchronized LockAttempt<Held> tryAcquire(LockRecord record) {
        if (held != null) {
            return LockAttempt.busy(held.record());
        }
        FileChannel channel = null;
        try {
            channel = open();
            FileLock lock = channel.tryLock();
            if (lock == null) {
                LockRecord holder = readInfo(channel).orElse(LockRecord.unknown(record.info().path()));
                channel.close();
                return LockAttempt.busy(holder);
            }
            channel.truncate(0);
            channel.write(ByteBuffer.wrap(record.toJson()), 0);
            channel.force(true);
            held = new Held(this, record, channel, lock);
            return LockAttempt.acquired(held);
        } catch (IOException e) {
            closeQuietly(channel);
            throw new StateException("cannot lock the state: " + path + ": " + e.getMessage(),
                    "check that the folder of the state is writable", e);
        }
    }

    /** Removes the lock info and lets go of the OS lock. */
    synchronized void release(Held lock) {
        if (held != lock) {
            return;
        }
        held = null;
        try {
            lock.channel.truncate(0);
            lock.channel.force(true);
        } catch (IOException e) {
            // the info stays behind; a stale info without an OS lock is never taken for a live holder
        } finally {
            closeQuietly(lock.channel);
        }
    }

    /**
     * Clears lock info left by a process that is gone, if its ID is {@code id}. Refuses while a live process (this
     * one included) holds the lock: the kernel holds that lock for it, and removing the info would only hide who
     * the holder is.
     */
    synchronized LockRecord forceUnlock(String id) {
        if (held != null) {
            throw new StateException("the state lock " + held.record().info().id() + " is held by this process",
                    "release it by finishing the command that holds it");
        }
        try (FileChannel channel = open()) {
            FileLock lock = channel.tryLock();
            if (lock == null) {
                LockRecord holder = readInfo(channel).orElse(LockRecord.unknown(path.toString()));
                throw new StateException("the state lock is held by a running process (pid " + holder.pid() + ")\n"
                        + holder.info().render(),
                        "wait for that command to finish; a lock of a process that died is released by itself");
            }
            Optional<LockRecord> stale = readInfo(channel);
            if (stale.isEmpty()) {
                throw new StateException("the state is not locked: " + path + " holds no lock info", null);
            }
            if (!stale.get().info().id().equals(id)) {
                throw new StateException("the lock ID " + id + " does not match the lock info in " + path
                        + " (ID " + stale.get().info().id() + ")", "give the ID shown in the lock info");
            }
            channel.truncate(0);
            channel.force(true);
            return stale.get();
        } catch (IOException e) {
            throw new StateException("cannot unlock the state: " + path + ": " + e.getMessage(), null, e);
        }
    }

    /**
     * Opens the lock file without following a symbolic link (O_NOFOLLOW): taking the lock truncates and writes
     * the file, so a link planted in the state's folder would otherwise have ovnet overwrite whatever it names.
     */
    private FileChannel open() throws IOException {
        Files.createDirectories(path.getParent());
        if (Files.isSymbolicLink(path)) {
            throw symlink();
        }
        try {
            return FileChannel.open(path, Set.of(StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS),
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (FileSystemException e) {
            if (Files.isSymbolicLink(path)) {
                throw symlink(); // planted between the check and the open
            }
            throw e;
        }
    }

    private StateException symlink() {
        String target;
        try {
            target = " (to " + Files.readSymbolicLink(path) + ")";
        } catch (IOException e) {
            target = "";
        }
        return new StateException("the state lock file " + path + " is a symbolic link" + target + ": ovnet does"
                + " not follow it, as taking the lock would overwrite the file it points to",
                "remove the link (ovnet makes the lock file itself), and check who can write " + path.getParent());
    }

    private Optional<LockRecord> readInfo(FileChannel channel) throws IOException {
        long size = Math.min(channel.size(), 64 * 1024);
        ByteBuffer buffer = ByteBuffer.allocate((int) size);
        while (buffer.hasRemaining() && channel.read(buffer, buffer.position()) > 0) {
            // read it all
        }
        return LockRecord.parse(Arrays.copyOf(buffer.array(), buffer.position()), path.toString());
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException e) {
                // closing releases the lock anyway
            }
        }
    }

    /** A lock this JVM holds. */
    record Held(LockFile file, LockRecord record, FileChannel channel, FileLock lock) {
    }
}
