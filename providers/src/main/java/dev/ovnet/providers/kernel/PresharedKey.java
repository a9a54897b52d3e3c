package dev.ovnet.providers.kernel;

import dev.ovnet.planner.model.WireguardKey;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The wireguard backend's pre-shared key, read on the controller from the configured {@code pskFile} when a host
 * first needs it and handed to {@code wg} on the host's standard input only: never on a command line, never in the
 * state, a plan or a message. A bad file is named, its content never quoted.
 */
public final class PresharedKey {

    /** No pre-shared key configured. */
    public static final PresharedKey NONE = new PresharedKey(null);

    private final Path file;
    private String key;

    private PresharedKey(Path file) {
        this.file = file;
    }

    /** The key in {@code file}, read when first needed. */
    public static PresharedKey in(Path file) {
        return new PresharedKey(file);
    }

    public boolean configured() {
        return file != null;
    }

    /**
     * The key, as {@code wg genpsk} writes it.
     *
     * @throws CommandFailedException naming the file and what to write there
     */
    synchronized String value() {
        if (key == null) {
            String command = "read pskFile " + file;
            String text;
            try {
                text = Files.readString(file, StandardCharsets.US_ASCII).strip();
            } catch (IOException | RuntimeException e) {
                throw new CommandFailedException(command, "cannot read it (" + e.getClass().getSimpleName()
                        + "); write a key from 'wg genpsk' there, readable by the user who runs ovnet");
            }
            if (!WireguardKey.BASE64_KEY.matcher(text).matches()) {
                throw new CommandFailedException(command, "it does not hold one wireguard key (44 characters of"
                        + " base64); write the output of 'wg genpsk' there");
            }
            key = text;
        }
        return key;
    }

    @Override
    public String toString() {
        return file == null ? "no pre-shared key" : "the pre-shared key in " + file;
    }
}
