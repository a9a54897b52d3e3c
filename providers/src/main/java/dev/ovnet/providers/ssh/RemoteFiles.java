package dev.ovnet.providers.ssh;

import java.util.Optional;

/** File operations on the remote host: over SFTP, or through commands when they must run under sudo. */
interface RemoteFiles {

    /** Atomically: a temp file beside {@code path}, then a rename over it; parent folders are created. */
    void write(String path, byte[] content, int mode);

    Optional<byte[]> read(String path);

    void delete(String path);

    /** Refuses {@code verb} on {@code path} where a link or a writable root could redirect it. */
    void check(String verb, String path);

    void close();

    /** The folder part of {@code path}: {@code /a/b} for {@code /a/b/c}, {@code /} for {@code /c}. */
    static String parent(String path) {
        int slash = path.lastIndexOf('/');
        if (slash < 0) {
            return ".";
        }
        return slash == 0 ? "/" : path.substring(0, slash);
    }

    /** A fresh temp name in the same folder as {@code path}, so that the final rename stays in one file system. */
    static String tempBeside(String path) {
        String dir = parent(path);
        String name = path.substring(path.lastIndexOf('/') + 1);
        String random = Long.toHexString(Double.doubleToLongBits(Math.random()) ^ System.nanoTime());
        return (dir.equals("/") ? "" : dir) + "/." + name + ".ovnet-" + random + ".tmp";
    }
}
