package dev.ovnet.providers.state;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
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
 * looking at a stuck lock can find the process. Reading is lenient: whatever is missing reads as "unknown",
 * and what is not a lock record at all reads as an unknown holder.
 */
record LockRecord(LockInfo info, long pid) {

    /** Lenient: a field this ovnet does not know is ignored, a missing one reads as unknown. */
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();
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
        try {
            return MAPPER.writer(StateCodec.PRETTY).writeValueAsBytes(new Json(info.id(), info.operation(), info.who(),
                    info.created(), info.path(), pid));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The holder recorded in {@code bytes}, or empty when they hold no lock info (released, or not yet written). */
    static Optional<LockRecord> parse(byte[] bytes, String path) {
        if (bytes.length == 0) {
            return Optional.empty();
        }
        Json json;
        try {
            json = MAPPER.readValue(bytes, Json.class);
        } catch (IOException e) {
            return Optional.of(unknown(path));
        }
        if (json == null) {
            return Optional.of(unknown(path));
        }
        LockInfo info = new LockInfo(known(json.id), known(json.operation), known(json.who), known(json.created),
                json.path == null ? path : json.path);
        return Optional.of(new LockRecord(info, json.pid == null ? 0 : json.pid));
    }

    private static String known(String value) {
        return value == null ? UNKNOWN : value;
    }

    /** The lock info's JSON form, Terraform's keys and ours; any of them may be missing when read. */
    private record Json(@JsonProperty("ID") String id, @JsonProperty("Operation") String operation,
            @JsonProperty("Who") String who, @JsonProperty("Created") String created, @JsonProperty("Path") String path,
            @JsonProperty("PID") Long pid) {
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
