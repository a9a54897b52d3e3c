package dev.ovnet.providers.ssh;

import dev.ovnet.providers.transport.PathGuard;
import dev.ovnet.providers.transport.TransportException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.EnumSet;
import java.util.Optional;
import net.schmizz.sshj.sftp.FileAttributes;
import net.schmizz.sshj.sftp.FileMode;
import net.schmizz.sshj.sftp.RemoteFile;
import net.schmizz.sshj.sftp.RenameFlags;
import net.schmizz.sshj.sftp.Response;
import net.schmizz.sshj.sftp.SFTPClient;
import net.schmizz.sshj.sftp.SFTPException;

/**
 * Files over one SFTP session, opened on the first file operation and kept for the connection. A write goes to
 * a temp file beside the target (created owner-only, written, fsynced, given its mode), then
 * {@code posix-rename@openssh.com} moves it over the target atomically. Every operation is first checked by
 * {@link PathGuard} with SFTP's lstat, so a link planted under the host's root is refused, not followed.
 */
final class SftpFiles implements RemoteFiles {

    private final SFTPClient sftp;
    private final String host;

    private SftpFiles(SFTPClient sftp, String host) {
        this.sftp = sftp;
        this.host = host;
    }

    /** An SFTP session, or empty when the server offers no SFTP subsystem. */
    static Optional<SftpFiles> open(net.schmizz.sshj.SSHClient client, String host) {
        try {
            return Optional.of(new SftpFiles(client.newSFTPClient(), host));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** The remote file system as {@link PathGuard} looks at it, through SFTP's lstat and stat. */
    private final PathGuard.Lookup lookup = new PathGuard.Lookup() {

        @Override
        public Optional<PathGuard.Entry> lstat(String path) throws IOException {
            return entry(() -> sftp.lstat(path));
        }

        @Override
        public Optional<PathGuard.Entry> stat(String path) throws IOException {
            return entry(() -> sftp.stat(path));
        }

        /** Root's, or the SFTP user's: the owner of the folder the session starts in (its home). */
        @Override
        public boolean trustedOwner(int uid) throws IOException {
            return uid == 0 || uid == sftp.stat(".").getUID();
        }

        @Override
        public Optional<String> linkTarget(String path) {
            try {
                return Optional.of(sftp.readlink(path));
            } catch (IOException e) {
                return Optional.empty();
            }
        }
    };

    private interface Stat {
        FileAttributes get() throws IOException;
    }

    private static Optional<PathGuard.Entry> entry(Stat stat) throws IOException {
        FileAttributes a;
        try {
            a = stat.get();
        } catch (SFTPException e) {
            if (e.getStatusCode() == Response.StatusCode.NO_SUCH_FILE) {
                return Optional.empty();
            }
            throw e;
        }
        PathGuard.Type type = switch (a.getType()) {
            case REGULAR -> PathGuard.Type.FILE;
            case DIRECTORY -> PathGuard.Type.DIRECTORY;
            case SYMLINK -> PathGuard.Type.SYMLINK;
            default -> PathGuard.Type.OTHER;
        };
        return Optional.of(new PathGuard.Entry(type, a.getUID(), a.getMode().getPermissionsMask()));
    }

    @Override
    public void write(String path, byte[] content, int mode) {
        PathGuard.check("write", path, host, lookup);
        String temp = RemoteFiles.tempBeside(path);
        boolean created = false;
        try {
            makeFolders(RemoteFiles.parent(path));
            try (SyncedFile file = SyncedFile.createNew(sftp.getSFTPEngine(), temp)) {
                created = true;
                file.writeAll(content);
                file.fsync();
            }
            sftp.chmod(temp, mode);
            sftp.rename(temp, path, EnumSet.of(RenameFlags.OVERWRITE, RenameFlags.ATOMIC));
            created = false;
        } catch (IOException e) {
            throw new TransportException("cannot write " + path + " on " + host + ": " + reason(e), false, e);
        } finally {
            if (created) {
                try {
                    sftp.rm(temp);
                } catch (IOException e) {
                    // best effort: a stray temp file is named after its target and ignored by everything
                }
            }
        }
    }

    /**
     * Makes a folder and its parents like {@code mkdir -p}: a folder that another session made between the check
     * and the mkdir (hosts that share a file system, written to at the same moment) is no failure.
     */
    private void makeFolders(String dir) throws IOException {
        if (dir.equals("/") || sftp.statExistence(dir) != null) {
            return;
        }
        makeFolders(RemoteFiles.parent(dir));
        try {
            sftp.mkdir(dir);
        } catch (SFTPException e) {
            FileAttributes now = sftp.statExistence(dir);
            if (now == null || now.getType() != FileMode.Type.DIRECTORY) {
                throw e;
            }
        }
    }

    @Override
    public Optional<byte[]> read(String path) {
        PathGuard.check("read", path, host, lookup);
        try (RemoteFile file = sftp.open(path)) {
            ByteArrayOutputStream content = new ByteArrayOutputStream();
            try (InputStream in = file.new ReadAheadRemoteFileInputStream(16)) {
                in.transferTo(content);
            }
            return Optional.of(content.toByteArray());
        } catch (SFTPException e) {
            if (e.getStatusCode() == Response.StatusCode.NO_SUCH_FILE) {
                return Optional.empty();
            }
            throw new TransportException("cannot read " + path + " on " + host + ": " + reason(e), false, e);
        } catch (IOException e) {
            throw new TransportException("cannot read " + path + " on " + host + ": " + reason(e), false, e);
        }
    }

    @Override
    public void delete(String path) {
        PathGuard.check("remove", path, host, lookup);
        try {
            sftp.rm(path);
        } catch (SFTPException e) {
            if (e.getStatusCode() != Response.StatusCode.NO_SUCH_FILE) {
                throw new TransportException("cannot remove " + path + " on " + host + ": " + reason(e), false, e);
            }
        } catch (IOException e) {
            throw new TransportException("cannot remove " + path + " on " + host + ": " + reason(e), false, e);
        }
    }

    @Override
    public void check(String verb, String path) {
        PathGuard.check(verb, path, host, lookup);
    }

    @Override
    public void close() {
        try {
            sftp.close();
        } catch (IOException e) {
            // the connection closes right after
        }
    }

    private static String reason(IOException e) {
        if (e instanceof SFTPException sftpError && sftpError.getStatusCode() != null) {
            String code = sftpError.getStatusCode().name().toLowerCase().replace('_', ' ');
            return e.getMessage() == null || e.getMessage().isBlank() ? code : code + " (" + e.getMessage() + ")";
        }
        return String.valueOf(e.getMessage());
    }
}
