package dev.ovnet.providers.forwarding;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/**
 * The identity of the forwarder build that ovnet launches: the sha256 of the ovnet jar when ovnet runs from
 * its jar (the same digest under which {@link InstallingForwarderControl} installs it on SSH hosts), otherwise
 * (a development class path) a sha256 over every class path entry's name and content, so it changes whenever
 * any class does. The planner compares it with the build a running forwarder recorded and restarts on change.
 */
public final class ForwarderBuild {

    private ForwarderBuild() {
    }

    /** The build of a class path, as used to launch {@code ovnet forward}. */
    public static String of(List<Path> classPath) {
        if (classPath.size() == 1 && Files.isRegularFile(classPath.get(0))) {
            return sha256(classPath.get(0));
        }
        MessageDigest digest = sha256();
        for (Path entry : classPath) {
            if (Files.isDirectory(entry)) {
                try (Stream<Path> files = Files.walk(entry)) {
                    for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                        add(digest, entry.relativize(file).toString(), file);
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot read " + entry, e);
                }
            } else if (Files.isRegularFile(entry)) {
                add(digest, entry.getFileName().toString(), entry);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    /** The sha256 of one file, in hex. */
    public static String sha256(Path file) {
        MessageDigest digest = sha256();
        update(digest, file);
        return HexFormat.of().formatHex(digest.digest());
    }

    private static void add(MessageDigest digest, String name, Path file) {
        digest.update(name.getBytes(StandardCharsets.UTF_8));
        digest.update((byte) 0);
        update(digest, file);
    }

    private static void update(MessageDigest digest, Path file) {
        byte[] buffer = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(file)) {
            for (int n; (n = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, n);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
