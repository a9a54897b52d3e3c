package dev.ovnet.providers.ssh;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.concurrent.TimeUnit;
import net.schmizz.sshj.sftp.FileAttributes;
import net.schmizz.sshj.sftp.OpenMode;
import net.schmizz.sshj.sftp.PacketType;
import net.schmizz.sshj.sftp.RemoteFile;
import net.schmizz.sshj.sftp.SFTPEngine;

/**
 * A new remote file that can be flushed to disk before it is renamed into place. sshj's {@link RemoteFile} keeps
 * its SFTP handle to itself, so this subclass opens the file with the same OPEN request sshj sends and adds the
 * OpenSSH {@code fsync@openssh.com} extension, which servers that lack it simply do not announce.
 */
final class SyncedFile extends RemoteFile {

    private static final String FSYNC = "fsync@openssh.com";

    private SyncedFile(SFTPEngine engine, String path, byte[] handle) {
        super(engine, path, handle);
    }

    /** Creates {@code path}, which must not exist yet, readable and writable by its owner only. */
    static SyncedFile createNew(SFTPEngine engine, String path) throws IOException {
        FileAttributes ownerOnly = new FileAttributes.Builder().withPermissions(0600).build();
        byte[] handle = engine.request(engine.newRequest(PacketType.OPEN)
                        .putString(path, StandardCharsets.UTF_8)
                        .putUInt32(OpenMode.toMask(EnumSet.of(OpenMode.WRITE, OpenMode.CREAT, OpenMode.EXCL)))
                        .putFileAttributes(ownerOnly))
                .retrieve(engine.getTimeoutMs(), TimeUnit.MILLISECONDS)
                .ensurePacketTypeIs(PacketType.HANDLE)
                .readBytes();
        return new SyncedFile(engine, path, handle);
    }

    /** Writes all of {@code content} in packets the server accepts, a few requests in flight. */
    void writeAll(byte[] content) throws IOException {
        int chunk = 32 * 1024 - getOutgoingPacketOverhead();
        RemoteFileOutputStream out = new RemoteFileOutputStream(0, 16);
        for (int off = 0; off < content.length; off += chunk) {
            out.write(content, off, Math.min(chunk, content.length - off));
        }
        out.flush();
    }

    /** Flushes the file to disk when the server offers {@code fsync@openssh.com}; a no-op otherwise. */
    void fsync() throws IOException {
        if (requester.supportsServerExtension("fsync", "openssh.com")) {
            requester.request(requester.newExtendedRequest(FSYNC).putString(handle))
                    .retrieve(requester.getTimeoutMs(), TimeUnit.MILLISECONDS)
                    .ensureStatusPacketIsOK();
        }
    }
}
