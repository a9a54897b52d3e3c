package dev.ovnet.providers.ssh;

import dev.ovnet.providers.transport.PathGuard;
import dev.ovnet.providers.transport.TransportException;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Files through commands, for a user who needs sudo to write them: SFTP would run as the user, not as root. The
 * scripts are fixed text; paths reach them only as positional parameters ({@code $1}...), never inside the
 * script, so no path can be read as shell syntax.
 */
final class CommandFiles implements RemoteFiles {

    /** $1 folder, $2 temp file, $3 target, $4 octal mode; stdin is the content. */
    private static final String WRITE = "set -e; umask 022; mkdir -p -- \"$1\"; umask 077;"
            + " trap 'rm -f -- \"$2\"' EXIT; cat > \"$2\"; chmod \"$4\" \"$2\";"
            + " sync \"$2\" 2>/dev/null || :; mv -f -- \"$2\" \"$3\"";
    /** $1 path, $2 "" or -L; its raw mode in hex and its owner (with -L, of what a link names); 66: nothing there. */
    private static final String STAT = "[ -e \"$1\" ] || [ -L \"$1\" ] || exit 66; exec stat $2 -c '%f %u' -- \"$1\"";
    /** $1 file; exit 66 (EX_NOINPUT) when it does not exist. */
    private static final String READ = "[ -e \"$1\" ] || exit 66; exec cat -- \"$1\"";
    private static final int MISSING = 66;
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private final SshTransport transport;

    CommandFiles(SshTransport transport) {
        this.transport = transport;
    }

    /** The host's file system as {@link PathGuard} looks at it: {@code stat} run as root, like the writes. */
    private final PathGuard.Lookup lookup = new PathGuard.Lookup() {

        @Override
        public Optional<PathGuard.Entry> lstat(String path) throws IOException {
            return CommandFiles.this.stat(path, "");
        }

        @Override
        public Optional<PathGuard.Entry> stat(String path) throws IOException {
            return CommandFiles.this.stat(path, "-L");
        }

        /** Root's, or the user's that ovnet logs in as. */
        @Override
        public boolean trustedOwner(int uid) throws IOException {
            ExecChannels.RawResult id = transport.exec(List.of("id", "-u"), new byte[0], TIMEOUT);
            return uid == 0 || id.exit() == 0 && id.stdoutText().strip().equals(Integer.toString(uid));
        }

        @Override
        public Optional<String> linkTarget(String path) {
            ExecChannels.RawResult r = transport.exec(transport.privileged(List.of("readlink", "--", path)),
                    new byte[0], TIMEOUT);
            return r.exit() == 0 ? Optional.of(r.stdoutText().strip()) : Optional.empty();
        }
    };

    private Optional<PathGuard.Entry> stat(String path, String follow) throws IOException {
        ExecChannels.RawResult r = transport.exec(transport.privileged(List.of("sh", "-c", STAT, "ovnet-stat", path,
                follow)), new byte[0], TIMEOUT);
        if (r.exit() == MISSING) {
            return Optional.empty();
        }
        String[] fields = r.stdoutText().strip().split(" ");
        if (r.exit() != 0 || fields.length != 2) {
            throw new IOException("stat failed: " + (r.stderrText().isBlank() ? "exit status " + r.exit()
                    : r.stderrText().strip()));
        }
        try {
            return Optional.of(PathGuard.Entry.of(Integer.parseInt(fields[0], 16), Integer.parseInt(fields[1])));
        } catch (NumberFormatException e) {
            throw new IOException("stat printed " + r.stdoutText().strip(), e);
        }
    }

    @Override
    public void write(String path, byte[] content, int mode) {
        PathGuard.check("write", path, transport.describe(), lookup);
        String temp = RemoteFiles.tempBeside(path);
        ExecChannels.RawResult result = transport.exec(transport.privileged(List.of("sh", "-c", WRITE,
                "ovnet-write", RemoteFiles.parent(path), temp, path, String.format("%04o", mode & 07777))),
                content, TIMEOUT);
        if (result.exit() != 0) {
            throw failed("write", path, result);
        }
    }

    @Override
    public Optional<byte[]> read(String path) {
        PathGuard.check("read", path, transport.describe(), lookup);
        ExecChannels.RawResult result = transport.exec(transport.privileged(List.of("sh", "-c", READ,
                "ovnet-read", path)), new byte[0], TIMEOUT);
        if (result.exit() == MISSING) {
            return Optional.empty();
        }
        if (result.exit() != 0) {
            throw failed("read", path, result);
        }
        return Optional.of(result.stdout());
    }

    @Override
    public void delete(String path) {
        PathGuard.check("remove", path, transport.describe(), lookup);
        ExecChannels.RawResult result = transport.exec(transport.privileged(List.of("rm", "-f", "--", path)),
                new byte[0], TIMEOUT);
        if (result.exit() != 0) {
            throw failed("remove", path, result);
        }
    }

    @Override
    public void check(String verb, String path) {
        PathGuard.check(verb, path, transport.describe(), lookup);
    }

    @Override
    public void close() {
    }

    private TransportException failed(String verb, String path, ExecChannels.RawResult result) {
        String detail = result.stderrText().strip();
        return new TransportException("cannot " + verb + " " + path + " on " + transport.describe() + ": "
                + (detail.isEmpty() ? "exit status " + result.exit() : detail), false, null);
    }
}
