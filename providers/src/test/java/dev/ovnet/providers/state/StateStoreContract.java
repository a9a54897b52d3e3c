package dev.ovnet.providers.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ovnet.planner.spi.StateException;
import dev.ovnet.planner.spi.StateLock;
import dev.ovnet.planner.spi.StateLockedException;
import dev.ovnet.planner.spi.StateStore;
import dev.ovnet.planner.state.State;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * What every state store does (docs/state.md), run against each implementation: the serial goes up, the lineage
 * stays, a stale write is refused, the lock excludes a second holder and names the first, a killed holder loses
 * the lock, force-unlock refuses what it must not remove, and the previous state is kept as a backup.
 */
abstract class StateStoreContract {

    /** A new store object on the same stored state as every other call in this test. */
    abstract StateStore store();

    /** The backup the store keeps of the state before the last write. */
    abstract Optional<State> backup();

    /** How a child process opens the same store ({@link StoreSpec}). */
    abstract String childSpec();

    /** How long after its holder was killed the lock is free again at the latest. */
    abstract Duration killedHolderReleaseBound();

    @Test
    void nothingIsReadBeforeTheFirstWrite() {
        assertEquals(Optional.empty(), store().read());
    }

    @Test
    void theSerialGoesUpAndEveryWriteIsReadBack() {
        StateStore store = store();
        for (long serial = 1; serial <= 4; serial++) {
            State state = StateFixtures.sample(serial);
            store.write(state);
            assertEquals(Optional.of(state), store.read());
            assertEquals(Optional.of(state), store().read(), "another store object reads it too");
        }
    }

    @Test
    void theFirstWriteMustBeSerialOne() {
        StateException e = assertThrows(StateException.class, () -> store().write(StateFixtures.sample(2)));
        assertTrue(e.getMessage().contains("the first write must be serial 1"), e.getMessage());
        assertEquals(Optional.empty(), store().read());
    }

    @Test
    void theLineageStays() {
        store().write(StateFixtures.sample(1));
        State other = new State(1, 2, "00000000-0000-4000-8000-000000000000", null, java.util.List.of());
        StateException e = assertThrows(StateException.class, () -> store().write(other));
        assertTrue(e.getMessage().contains("lineage " + StateFixtures.LINEAGE), e.getMessage());
        assertEquals(1, store().read().orElseThrow().serial());
    }

    @Test
    void aWriteBasedOnAStaleReadIsRefused() {
        store().write(StateFixtures.sample(1));
        StateStore first = store();
        StateStore second = store();
        State readByFirst = first.read().orElseThrow();
        State readBySecond = second.read().orElseThrow();
        first.write(StateFixtures.next(readByFirst));
        StateException e = assertThrows(StateException.class, () -> second.write(StateFixtures.next(readBySecond)));
        assertTrue(e.getMessage().contains("stored state is at serial 2"), e.getMessage());
        assertThrows(StateException.class, () -> second.write(StateFixtures.sample(4)), "no skipping either");
        assertEquals(2, store().read().orElseThrow().serial());
    }

    @Test
    void theLockExcludesASecondHolderAndNamesTheFirst() throws Exception {
        StateStore first = store();
        StateStore second = store();
        try (StateLock held = first.lock("apply", Duration.ZERO)) {
            assertEquals("apply", held.info().operation());
            assertTrue(held.info().who().contains("@"), held.info().who());
            assertNotNull(held.info().created());
            long start = System.nanoTime();
            StateLockedException e = assertThrows(StateLockedException.class,
                    () -> second.lock("plan", Duration.ZERO));
            assertTrue(System.nanoTime() - start < 5_000_000_000L, "0s fails at once");
            assertEquals(held.info().id(), e.holder().id());
            assertEquals("apply", e.holder().operation());
            assertEquals(held.info().who(), e.holder().who());
            assertTrue(e.getMessage().contains("ID:        " + held.info().id()), e.getMessage());
            assertTrue(e.getMessage().contains("(waited 0s)"), e.getMessage());

            start = System.nanoTime();
            assertThrows(StateLockedException.class, () -> second.lock("plan", Duration.ofMillis(700)));
            long waited = System.nanoTime() - start;
            assertTrue(waited >= 700_000_000L && waited < 10_000_000_000L, "waited " + waited / 1e6 + " ms");

            held.close();
            try (StateLock next = second.lock("plan", Duration.ZERO)) {
                assertEquals("plan", next.info().operation());
            }
        }
    }

    @Test
    void aWaitingLockerGetsTheLockWhenTheHolderLetsGo() throws Exception {
        StateLock held = store().lock("apply", Duration.ZERO);
        CompletableFuture<StateLock> waiter = CompletableFuture.supplyAsync(
                () -> store().lock("destroy", Duration.ofSeconds(20)));
        Thread.sleep(300);
        assertFalse(waiter.isDone(), "waits while the lock is held");
        held.close();
        try (StateLock got = waiter.get(20, TimeUnit.SECONDS)) {
            assertEquals("destroy", got.info().operation());
        }
    }

    @Test
    void theHolderWritesUnderItsLock() {
        StateStore store = store();
        try (StateLock lock = store.lock("apply", Duration.ZERO)) {
            store.write(StateFixtures.sample(1));
            store.write(StateFixtures.sample(2));
        }
        assertEquals(2, store().read().orElseThrow().serial());
    }

    @Test
    void thePreviousStateIsKeptAsABackup() {
        StateStore store = store();
        store.write(StateFixtures.sample(1));
        store.write(StateFixtures.sample(2));
        assertEquals(Optional.of(StateFixtures.sample(1)), backup());
        store.write(StateFixtures.sample(3));
        assertEquals(Optional.of(StateFixtures.sample(2)), backup(), "one backup, overwritten");
    }

    @Test
    void forceUnlockRefusesAStateThatIsNotLockedAndALockThisProcessHolds() {
        StateStore store = store();
        StateException none = assertThrows(StateException.class, () -> store.forceUnlock("x"));
        assertTrue(none.getMessage().contains("not locked"), none.getMessage());
        try (StateLock held = store.lock("apply", Duration.ZERO)) {
            StateException own = assertThrows(StateException.class, () -> store.forceUnlock(held.info().id()));
            assertTrue(own.getMessage().contains("is held by this process"), own.getMessage());
        }
    }

    @Test
    void aHolderInAnotherProcessIsNamedAndLosesTheLockWhenKilled() throws Exception {
        try (JavaProcess child = JavaProcess.start(StoreChild.class, childSpec(), "hold", "apply")) {
            String line = child.nextLine(60);
            assertNotNull(line, "the child took the lock");
            String id = line.substring("LOCKED ".length());
            StateLockedException e = assertThrows(StateLockedException.class,
                    () -> store().lock("plan", Duration.ZERO));
            assertEquals(id, e.holder().id());
            assertEquals("apply", e.holder().operation());
            child.kill();
            long killed = System.nanoTime();
            Duration bound = killedHolderReleaseBound();
            try (StateLock mine = store().lock("plan", bound.plusSeconds(2))) {
                long after = System.nanoTime() - killed;
                System.out.printf("%s: lock free %.0f ms after its holder was killed%n", getClass().getSimpleName(),
                        after / 1e6);
                assertTrue(after < bound.plusSeconds(2).toNanos());
            }
        }
    }
}
