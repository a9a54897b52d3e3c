package dev.ovnet.providers.transport;

import dev.ovnet.planner.desired.OwnedObjects;
import java.io.IOException;
import java.util.Optional;

/**
 * The checks before ovnet reads, writes or removes a file on a host, so that a symbolic link planted under a
 * host's root never sends it elsewhere: the file itself must not be a link (nor a folder or device); for one of
 * ovnet's own files, every existing folder between the host's root and the file must be a real folder, and the
 * root must not be writable by anyone but its owner, who must be root or the user ovnet runs as (whoever else
 * can write the root can plant links faster than any check). Each transport supplies {@link Lookup}, its way
 * to lstat and stat a path; the rules are here once.
 */
public final class PathGuard {

    /** What one path is, as lstat (or stat) says. */
    public enum Type { FILE, DIRECTORY, SYMLINK, OTHER }

    /** One path's type, owner and permission bits. */
    public record Entry(Type type, int uid, int mode) {

        /** From a stat's {@code st_mode} (type and permission bits) and {@code st_uid}. */
        public static Entry of(int stMode, int uid) {
            Type type = switch (stMode & 0170000) {
                case 0100000 -> Type.FILE;
                case 0040000 -> Type.DIRECTORY;
                case 0120000 -> Type.SYMLINK;
                default -> Type.OTHER;
            };
            return new Entry(type, uid, stMode & 07777);
        }
    }

    /** How a transport looks at paths on its host. */
    public interface Lookup {

        /** The path itself, not following a link; empty when nothing is there. */
        Optional<Entry> lstat(String path) throws IOException;

        /** The path after following links; empty when nothing is there. */
        Optional<Entry> stat(String path) throws IOException;

        /** Whether a root owned by {@code uid} is trusted: root's, or the user ovnet runs as. */
        boolean trustedOwner(int uid) throws IOException;

        /** Where a symbolic link points, for messages; empty when that cannot be read. */
        Optional<String> linkTarget(String path);
    }

    private PathGuard() {
    }

    /**
     * Refuses {@code verb} ("write", "read", "remove") on {@code path} when a link or a writable root could
     * redirect it.
     *
     * @param where the host, for messages ({@code netns node-1})
     * @throws TransportException saying what is wrong, where, and what to do about it
     */
    public static void check(String verb, String path, String where, Lookup fs) {
        try {
            Optional<OwnedObjects.Placement> placement = OwnedObjects.placement(path);
            if (placement.isPresent()) {
                checkRoot(verb, path, where, placement.get().root(), fs);
                for (String folder : placement.get().folders()) {
                    Optional<Entry> entry = fs.lstat(folder);
                    if (entry.isEmpty()) {
                        break; // it and the folders below are made by the write
                    }
                    if (entry.get().type() != Type.DIRECTORY) {
                        throw refused(verb, path, where, folder + " " + notAFolder(folder, entry.get(), fs),
                                "remove " + folder + "; ovnet makes the folders below a host's root itself");
                    }
                }
            }
            Optional<Entry> entry = fs.lstat(path);
            if (entry.isPresent() && entry.get().type() != Type.FILE) {
                throw refused(verb, path, where, "it " + (entry.get().type() == Type.SYMLINK
                        ? "is a symbolic link" + target(path, fs) + ", which ovnet does not follow"
                        : "is not a regular file"), "remove " + path + "; ovnet writes the file itself");
            }
        } catch (IOException e) {
            throw new TransportException("cannot " + verb + " " + path + " on " + where + ": " + e.getMessage(), false,
                    e);
        }
    }

    private static void checkRoot(String verb, String path, String where, String root, Lookup fs)
            throws IOException {
        Optional<Entry> entry = fs.stat(root);
        if (entry.isEmpty()) {
            return; // made by the write, with ovnet's owner and mode
        }
        Entry r = entry.get();
        if (r.type() != Type.DIRECTORY) {
            throw refused(verb, path, where, "the host's root " + root + " is not a folder",
                    "give the host a folder as its root");
        }
        if ((r.mode() & 022) != 0) {
            throw refused(verb, path, where, String.format("the host's root %s is writable by %s (mode %04o), who"
                    + " could plant links under it", root, (r.mode() & 002) != 0 ? "every user" : "its group",
                    r.mode() & 07777), "make it writable by its owner only: chmod go-w " + root);
        }
        if (!fs.trustedOwner(r.uid())) {
            throw refused(verb, path, where, "the host's root " + root + " is owned by uid " + r.uid()
                    + ", neither root nor the user ovnet runs as", "give it to root: chown root " + root);
        }
    }

    private static String notAFolder(String folder, Entry entry, Lookup fs) {
        return entry.type() == Type.SYMLINK ? "is a symbolic link" + target(folder, fs)
                + ", which ovnet does not follow below a host's root" : "is not a folder";
    }

    private static String target(String link, Lookup fs) {
        return fs.linkTarget(link).map(t -> " (to " + t + ")").orElse("");
    }

    private static TransportException refused(String verb, String path, String where, String problem, String fix) {
        return new TransportException("refusing to " + verb + " " + path + " on " + where + ": " + problem + "; "
                + fix, false, null);
    }
}
