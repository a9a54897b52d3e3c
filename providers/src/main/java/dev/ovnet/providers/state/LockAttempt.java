package dev.ovnet.providers.state;

import dev.ovnet.planner.spi.StateException;
import dev.ovnet.planner.spi.StateLockedException;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

/**
 * One try at a state lock: either the lock or the holder that has it. {@link #await} retries with a jittered
 * exponential backoff (20 ms doubling up to 0.5 s: a waiting command gets in soon after the holder lets go, and a
 * crowd of waiters does not hammer the store) until the timeout, then names the last holder seen. It prints
 * nothing; the CLI says "Acquiring state lock..." itself.
 */
record LockAttempt<L>(L lock, LockRecord holder) {

    private static final long FIRST_PAUSE_NANOS = 20_000_000L;
    private static final long MAX_PAUSE_NANOS = 500_000_000L;

    static <L> LockAttempt<L> acquired(L lock) {
        return new LockAttempt<>(lock, null);
    }

    static <L> LockAttempt<L> busy(LockRecord holder) {
        return new LockAttempt<>(null, holder);
    }

    /** Tries until it gets the lock or {@code timeout} passed (zero: exactly one try). */
    static <L> L await(Duration timeout, Supplier<LockAttempt<L>> attempt) {
        long deadline = System.nanoTime() + timeout.toNanos();
        long pause = FIRST_PAUSE_NANOS;
        while (true) {
            LockAttempt<L> result = attempt.get();
            if (result.lock() != null) {
                return result.lock();
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new StateLockedException(result.holder().info(), format(timeout));
            }
            long sleep = Math.min(left, pause / 2 + ThreadLocalRandom.current().nextLong(pause / 2 + 1));
            try {
                Thread.sleep(sleep / 1_000_000L, (int) (sleep % 1_000_000L));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new StateException("interrupted while waiting for the state lock", null, e);
            }
            pause = Math.min(pause * 2, MAX_PAUSE_NANOS);
        }
    }

    /** A duration as the --lock-timeout flag spells it: 0s, 30s, 1m30s, 1500ms. */
    static String format(Duration duration) {
        long millis = duration.toMillis();
        if (millis % 1000 != 0) {
            return millis + "ms";
        }
        long seconds = millis / 1000;
        if (seconds < 60) {
            return seconds + "s";
        }
        return seconds / 60 + "m" + (seconds % 60 == 0 ? "" : seconds % 60 + "s");
    }
}
