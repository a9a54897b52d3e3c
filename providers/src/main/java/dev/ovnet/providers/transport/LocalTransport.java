package dev.ovnet.providers.transport;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/** This machine, in the namespace ovnet runs in. Subclasses prefix commands (e.g. {@code ip netns exec}). */
public class LocalTransport implements Transport {

    @Override
    public Result run(List<String> argv, byte[] stdin, Duration timeout) {
        List<String> command = wrap(argv);
        Process process;
        try {
            process = new ProcessBuilder(command).start();
        } catch (IOException e) {
            throw new TransportException("cannot run " + command.get(0) + ": " + e.getMessage(), false, e);
        }
        CompletableFuture<byte[]> out = drain(process.getInputStream());
        CompletableFuture<byte[]> err = drain(process.getErrorStream());
        try (OutputStream in = process.getOutputStream()) {
            in.write(stdin);
        } catch (IOException e) {
            // the command exited without reading all of its input; its exit status says why
        }
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new TransportException(String.join(" ", command) + ": timed out after " + timeout.toSeconds()
                        + " s", false, null);
            }
            return new Result(process.exitValue(), new String(out.join(), StandardCharsets.UTF_8),
                    new String(err.join(), StandardCharsets.UTF_8));
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new TransportException("interrupted while running " + command.get(0), false, e);
        }
    }

    /** The command line actually started for {@code argv}. */
    protected List<String> wrap(List<String> argv) {
        return argv;
    }

    /** Threads that read commands' output; never the common pool, which may have a single thread. */
    private static final ExecutorService DRAINS = Executors
            .newCachedThreadPool(r -> {
                Thread t = new Thread(r, "ovnet-output");
                t.setDaemon(true);
                return t;
            });

    private static CompletableFuture<byte[]> drain(InputStream stream) {
        return CompletableFuture.supplyAsync(() -> {
            try (stream; ByteArrayOutputStream buffer = new ByteArrayOutputStream()) {
                stream.transferTo(buffer);
                return buffer.toByteArray();
            } catch (IOException e) {
                return new byte[0];
            }
        }, DRAINS);
    }

    @Override
    public void writeFile(String path, byte[] content, int mode) {
        PathGuard.check("write", path, describe(), LOCAL);
        writeAtomically(Path.of(path), content, mode);
    }

    @Override
    public void checkFile(String verb, String path) {
        PathGuard.check(verb, path, describe(), LOCAL);
    }

    /** This machine's file system, seen without following the last link ({@link PathGuard}). */
    static final PathGuard.Lookup LOCAL = new PathGuard.Lookup() {

        @Override
        public Optional<PathGuard.Entry> lstat(String path) throws IOException {
            return entry(Path.of(path), LinkOption.NOFOLLOW_LINKS);
        }

        @Override
        public Optional<PathGuard.Entry> stat(String path) throws IOException {
            return entry(Path.of(path));
        }

        @Override
        public boolean trustedOwner(int uid) throws IOException {
            return uid == 0 || uid == (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid");
        }

        @Override
        public Optional<String> linkTarget(String path) {
            try {
                return Optional.of(Files.readSymbolicLink(Path.of(path)).toString());
            } catch (IOException | UnsupportedOperationException e) {
                return Optional.empty();
            }
        }

        private Optional<PathGuard.Entry> entry(Path path, LinkOption... options) throws IOException {
            Map<String, Object> a;
            try {
                a = Files.readAttributes(path, "unix:mode,uid", options);
            } catch (NoSuchFileException e) {
                return Optional.empty();
            }
            return Optional.of(PathGuard.Entry.of((Integer) a.get("mode"), (Integer) a.get("uid")));
        }
    };

    /** temp file in the same folder, fsync, atomic rename, fsync of the folder: never a half-written file. */
    public static void writeAtomically(Path target, byte[] content, int mode) {
        try {
            Path dir = target.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            Path temp = Files.createTempFile(dir, "." + target.getFileName() + ".", ".tmp");
            try {
                Files.setPosixFilePermissions(temp, permissions(mode));
                try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE,
                        StandardOpenOption.TRUNCATE_EXISTING)) {
                    channel.write(ByteBuffer.wrap(content));
                    channel.force(true);
                }
                try {
                    Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
                }
            } finally {
                Files.deleteIfExists(temp);
            }
            try (FileChannel folder = FileChannel.open(dir, StandardOpenOption.READ)) {
                folder.force(true);
            } catch (IOException e) {
                // some file systems cannot sync a folder; the rename is still atomic
            }
        } catch (IOException e) {
            throw new TransportException("cannot write " + target + ": " + e.getMessage(), false, e);
        }
    }

    static Set<PosixFilePermission> permissions(int mode) {
        StringBuilder s = new StringBuilder();
        String rwx = "rwxrwxrwx";
        for (int i = 0; i < 9; i++) {
            s.append((mode & (1 << (8 - i))) != 0 ? rwx.charAt(i) : '-');
        }
        return PosixFilePermissions.fromString(s.toString());
    }

    @Override
    public Optional<byte[]> readFile(String path) {
        PathGuard.check("read", path, describe(), LOCAL);
        try (InputStream in = Files.newInputStream(Path.of(path), StandardOpenOption.READ,
                LinkOption.NOFOLLOW_LINKS)) {
            return Optional.of(in.readAllBytes());
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new TransportException("cannot read " + path + ": " + e.getMessage(), false, e);
        }
    }

    @Override
    public void deleteFile(String path) {
        PathGuard.check("remove", path, describe(), LOCAL);
        try {
            Files.deleteIfExists(Path.of(path));
        } catch (IOException e) {
            throw new TransportException("cannot remove " + path + ": " + e.getMessage(), false, e);
        }
    }

    @Override
    public String describe() {
        return "local";
    }

    /** Helper for subclasses: a new list with {@code prefix} then {@code argv}. */
    protected static List<String> prefixed(List<String> prefix, List<String> argv) {
        List<String> all = new ArrayList<>(prefix.size() + argv.size());
        all.addAll(prefix);
        all.addAll(argv);
        return all;
    }
}
