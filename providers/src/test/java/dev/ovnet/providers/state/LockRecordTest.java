package dev.ovnet.providers.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ovnet.planner.spi.LockInfo;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The lock holder as a person and another ovnet read it from the lock file or the etcd lock key. */
class LockRecordTest {

    private static final LockRecord RECORD = new LockRecord(
            new LockInfo("6f1c", "apply", "ops@lab", "2026-01-02T03:04:05Z", "/srv/ovnet.state.json"), 4242);

    @Test
    void aHolderIsWrittenWithTerraformsKeysAndReadBack() {
        String json = new String(RECORD.toJson(), StandardCharsets.UTF_8);
        assertEquals("""
                {
                  "ID": "6f1c",
                  "Operation": "apply",
                  "Who": "ops@lab",
                  "Created": "2026-01-02T03:04:05Z",
                  "Path": "/srv/ovnet.state.json",
                  "PID": 4242
                }""", json);
        assertEquals(Optional.of(RECORD), LockRecord.parse(RECORD.toJson(), "elsewhere"));
    }

    @Test
    void whatIsMissingReadsAsUnknownAndWhatIsNotALockRecordAsAnUnknownHolder() {
        LockRecord partial = LockRecord.parse("{\"ID\": \"6f1c\", \"Extra\": [1]}".getBytes(StandardCharsets.UTF_8),
                "/srv/s.json").orElseThrow();
        assertEquals(new LockInfo("6f1c", "unknown", "unknown", "unknown", "/srv/s.json"), partial.info());
        assertEquals(0, partial.pid());
        assertEquals(Optional.empty(), LockRecord.parse(new byte[0], "/srv/s.json"));
        for (String junk : new String[] {"{\"ID\": ", "[1, 2]", "null", "\u0000\u0000"}) {
            LockRecord holder = LockRecord.parse(junk.getBytes(StandardCharsets.UTF_8), "/srv/s.json").orElseThrow();
            assertEquals(LockRecord.unknown("/srv/s.json"), holder, junk);
            assertTrue(holder.info().who().startsWith("another process"), junk);
        }
    }
}
