package dev.ovnet.providers.ssh;

import dev.ovnet.providers.transport.TransportException;
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
    /** $1 file; exit 66 (EX_NOINPUT) when it does not exist. */
    private static final String READ = "[ -e \"$1\" ] || exit 66; exec cat -- \"$1\"";
    private static final int MISSING = 66;
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private final SshTransport transport;

    CommandFiles(SshTransport transport) {
        this.transport = transport;
    }

    @Override
    public void write(String path, byte[] content, int mode) {
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
        ExecChannels.RawResult result = transport.exec(transport.privileged(List.of("rm", "-f", "--", path)),
                new byte[0], TIMEOUT);
        if (result.exit() != 0) {
            throw failed("remove", path, result);
        }
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
