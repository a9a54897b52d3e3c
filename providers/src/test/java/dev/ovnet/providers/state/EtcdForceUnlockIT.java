package dev.ovnet.providers.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ovnet.planner.spi.LockInfo;
import dev.ovnet.planner.spi.StateException;
import dev.ovnet.planner.spi.StateLock;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** {@code ovnet force-unlock} against etcd: only the named lock goes, and its holder can no longer write. */
@Tag("etcd")
class EtcdForceUnlockIT {

    private static EtcdProcess etcd;

    @BeforeAll
    static void start() throws Exception {
        etcd = EtcdProcess.single();
    }

    @AfterAll
    static void stop() {
        if (etcd != null) {
            etcd.close();
        }
    }

    private static EtcdStateStore open(String prefix) {
        return EtcdStateStore.open(EtcdSettings.plain(etcd.endpoints(), prefix), "demo");
    }

    @Test
    void removesTheLockWithTheGivenIdOnlyAndFencesItsHolder() {
        String prefix = "/t-" + UUID.randomUUID() + "/coreos.com/network";
        try (EtcdStateStore holder = open(prefix); EtcdStateStore other = open(prefix)) {
            StateException none = assertThrows(StateException.class, () -> other.forceUnlock("x"));
            assertTrue(none.getMessage().contains("not locked"), none.getMessage());

            StateLock lock = holder.lock("apply", Duration.ZERO);
            String id = lock.info().id();
            StateException wrong = assertThrows(StateException.class, () -> other.forceUnlock("not-" + id));
            assertTrue(wrong.getMessage().contains("does not match") && wrong.getMessage().contains(id),
                    wrong.getMessage());
            StateException own = assertThrows(StateException.class, () -> holder.forceUnlock(id));
            assertTrue(own.getMessage().contains("held by this process"), own.getMessage());

            LockInfo removed = other.forceUnlock(id);
            assertEquals(id, removed.id());
            assertEquals("apply", removed.operation());
            // the old holder's writes are fenced by the lock key it no longer has
            assertThrows(StateException.class, () -> holder.write(StateFixtures.sample(1)));
            try (StateLock taken = other.lock("plan", Duration.ZERO)) {
                other.write(StateFixtures.sample(1));
                assertEquals(1, other.read().orElseThrow().serial());
            }
            lock.close();
        }
    }
}
