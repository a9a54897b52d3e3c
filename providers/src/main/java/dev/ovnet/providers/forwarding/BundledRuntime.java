package dev.ovnet.providers.forwarding;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The Java runtime a release of ovnet brings ({@code ovnet-<version>/runtime}, made by jlink): a folder whose
 * {@code ovnet-runtime.sha256} names it (a sha256 over the sorted paths and contents of its files, written by the
 * release build). {@link HostJava} installs it on hosts that need ovnet's code and have no suitable Java. A
 * development JDK has no such file, so an ovnet run from source never ships its JDK to a host.
 */
public final class BundledRuntime {

    /** The file, in the runtime's top folder, that holds its sha256. */
    public static final String MARKER = "ovnet-runtime.sha256";

    private final Path home;
    private final String sha256;
    private volatile byte[] archive;

    BundledRuntime(Path home, String sha256) {
        this.home = home;
        this.sha256 = sha256;
    }

    /** The runtime whose home is {@code javaHome} (this JVM's {@code java.home}) when it is a release's. */
    public static Optional<BundledRuntime> at(Path javaHome) {
        Path marker = javaHome.resolve(MARKER);
        if (!Files.isRegularFile(marker)) {
            return Optional.empty();
        }
        try {
            String sha = Files.readString(marker, StandardCharsets.US_ASCII).strip();
            if (!sha.matches("[0-9a-f]{64}")) {
                throw new IllegalStateException(marker + " holds no sha256: the release is damaged; unpack it again");
            }
            return Optional.of(new BundledRuntime(javaHome, sha));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + marker, e);
        }
    }

    public String sha256() {
        return sha256;
    }

    /** The runtime folder as a gzip'd tar (made by this machine's tar once, then kept): what a host receives. */
    byte[] archive() {
        if (archive == null) {
            synchronized (this) {
                if (archive == null) {
                    archive = pack();
                }
            }
        }
        return archive;
    }

    private byte[] pack() {
        try {
            Process tar = new ProcessBuilder(List.of("tar", "--sort=name", "--owner=0", "--group=0",
                    "--numeric-owner", "-C", home.toString(), "-czf", "-", "."))
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            ByteArrayOutputStream out = new ByteArrayOutputStream(64 << 20);
            try (InputStream in = tar.getInputStream()) {
                in.transferTo(out);
            }
            if (tar.waitFor() != 0) {
                throw new IllegalStateException("tar could not pack the bundled runtime " + home);
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot pack the bundled runtime " + home, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while packing the bundled runtime", e);
        }
    }
}
