package dev.ovnet.cli;

import dev.ovnet.planner.config.ConfigException;
import dev.ovnet.planner.config.ConfigParser;
import dev.ovnet.planner.config.NetworkConfig;
import dev.ovnet.planner.config.Problem;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/** The configuration file as read: its path, its validated content and the sha256 of its bytes. */
record LoadedConfig(Path path, NetworkConfig config, String sha256) {

    /** Largest file accepted: a network of many thousand hosts fits in far less. */
    static final long MAX_BYTES = 16L << 20;

    /** The file that {@code -f} names, with its {@code state.path} rule as the options say. */
    static LoadedConfig load(Options.ConfigFile file) {
        return load(file.file, file.stateAnywhere);
    }

    static LoadedConfig load(Path path, boolean stateAnywhere) {
        String name = path.toString();
        byte[] bytes;
        try {
            if (Files.isDirectory(path)) {
                throw problem(name, "is a folder, not a configuration file", "give the YAML file with -f FILE");
            }
            if (Files.size(path) > MAX_BYTES) {
                throw problem(name, "is larger than 16 MiB", "an ovnet.yaml is a few kilobytes; check the path");
            }
            bytes = Files.readAllBytes(path);
        } catch (NoSuchFileException e) {
            throw problem(name, "no such file", "give the configuration file with -f FILE (default ovnet.yaml)");
        } catch (IOException e) {
            throw problem(name, "cannot be read: " + e.getMessage(), "check the path and its permissions");
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw problem(name, "is not valid UTF-8", "save the file as UTF-8 text");
        }
        NetworkConfig config = ConfigParser.parse(name, text, stateAnywhere);
        return new LoadedConfig(path, config, sha256(bytes));
    }

    private static ConfigException problem(String file, String message, String hint) {
        return new ConfigException(List.of(new Problem(file, 0, 0, message, hint)));
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    Path folder() {
        Path parent = path.toAbsolutePath().getParent();
        return parent == null ? Path.of("/") : parent;
    }
}
