package dev.ovnet.providers.state;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ovnet.planner.spi.LockInfo;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.UUID;

/**
 * A lock holder as written into the lock file or the etcd lock key: Terraform's lock info keys ({@code ID},
 * {@code Operation}, {@code Who}, {@code Created}, {@code Path}) plus the holder's {@code PID}, so a person
 * looking at a stuck lock can find the process. Reading is lenient: whatever is missing reads as "unknown".
 */
record LockRecord(LockInfo info, long pid) {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String UNKNOWN = "unknown";

    /** A new lock info for this process. */
    static LockRecord create(String operation, String path) {
        LockInfo info = new LockInfo(UUID.randomUUID().toString(), operation, who(),
                Instant.now().truncatedTo(ChronoUnit.MILLIS).toString(), path);
        return new LockRecord(info, ProcessHandle.current().pid());
    }

    /** What a message says when the holder could not be read (it is writing its info right now). */
    static LockRecord unknown(String path) {
        return new LockRecord(new LockInfo(UNKNOWN, UNKNOWN, "another process (its lock info is not written yet)",
                UNKNOWN, path), 0);
    }

    byte[] toJson() {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("ID", info.id());
        node.put("Operation", info.operation());
        node.put("Who", info.who());
        node.put("Created", info.created());
        node.put("Path", info.path());
        node.put("PID", pid);
        try {
            return MAPPER.writer(StateCodec.PRETTY).writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The holder recorded in {@code bytes}, or empty when they hold no lock info (released, or not yet written). */
    static Optional<LockRecord> parse(byte[] bytes, String path) {
        if (bytes.length == 0) {
            return Optional.empty();
        }
        JsonNode node;
        try {
            node = MAPPER.readTree(bytes);
        } catch (IOException e) {
            return Optional.of(unknown(path));
        }
        if (node == null || !node.isObject()) {
            return Optional.of(unknown(path));
        }
        LockInfo info = new LockInfo(text(node, "ID"), text(node, "Operation"), text(node, "Who"),
                text(node, "Created"), node.hasNonNull("Path") ? node.get("Path").asText() : path);
        return Optional.of(new LockRecord(info, node.path("PID").asLong(0)));
    }

    private static String text(JsonNode node, String field) {
        return node.hasNonNull(field) ? node.get(field).asText() : UNKNOWN;
    }

    /** {@code user@hostname}, as Terraform's lock info says who holds a lock. */
    static String who() {
        return System.getProperty("user.name", UNKNOWN) + "@" + hostname();
    }

    private static String hostname() {
        try {
            String name = Files.readString(Path.of("/proc/sys/kernel/hostname"), StandardCharsets.UTF_8).trim();
            if (!name.isEmpty()) {
                return name;
            }
        } catch (IOException | RuntimeException e) {
            // not Linux: ask the resolver below
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return UNKNOWN;
        }
    }
}
