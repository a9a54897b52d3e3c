package dev.ovnet.planner.testing;

import dev.ovnet.planner.spi.FlannelLeases;
import dev.ovnet.planner.spi.LockInfo;
import dev.ovnet.planner.spi.StateException;
import dev.ovnet.planner.spi.StateLock;
import dev.ovnet.planner.spi.StateLockedException;
import dev.ovnet.planner.spi.StateStore;
import dev.ovnet.planner.state.State;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A {@link StateStore} in memory, with the contract's rules: a write must follow the stored serial, one lock at a
 * time. Every state written is kept in {@link #written}, so a test can check what was recorded and when.
 */
public final class InMemoryStateStore implements StateStore {

    /** Every state written, in order. */
    public final List<State> written = new ArrayList<>();
    private State stored;
    private LockInfo holder;

    public InMemoryStateStore() {
    }

    public InMemoryStateStore(State initial) {
        this.stored = initial;
    }

    @Override
    public synchronized Optional<State> read() {
        return Optional.ofNullable(stored);
    }

    @Override
    public synchronized void write(State state) {
        long expected = stored == null ? 1 : stored.serial() + 1;
        if (state.serial() != expected) {
            throw new StateException("stale write: serial " + state.serial() + ", expected " + expected, null);
        }
        stored = state;
        written.add(state);
    }

    @Override
    public synchronized StateLock lock(String operation, Duration timeout) {
        if (holder != null) {
            throw new StateLockedException(holder, timeout.toString());
        }
        LockInfo info = new LockInfo("lock-" + written.size(), operation, "test", "now", location());
        holder = info;
        return new StateLock() {
            @Override
            public LockInfo info() {
                return info;
            }

            @Override
            public void close() {
                synchronized (InMemoryStateStore.this) {
                    holder = null;
                }
            }
        };
    }

    @Override
    public synchronized LockInfo forceUnlock(String id) {
        if (holder == null || !holder.id().equals(id)) {
            throw new StateException("the state is not locked with ID " + id, null);
        }
        LockInfo removed = holder;
        holder = null;
        return removed;
    }

    @Override
    public Optional<FlannelLeases> flannelLeases() {
        return Optional.empty();
    }

    /** Whether a lock is held now. */
    public synchronized boolean locked() {
        return holder != null;
    }

    @Override
    public String location() {
        return "memory";
    }
}
