package dev.ovnet.planner.spi;

import dev.ovnet.planner.state.State;
import java.time.Duration;
import java.util.Optional;

/**
 * Where the state lives (a local file, etcd). Writes are all or nothing; a write whose serial does not follow
 * the serial of the state it replaces is refused, so a write based on a stale read never lands.
 */
public interface StateStore {

    /** The state, or empty when none was written yet. */
    Optional<State> read();

    /** Writes {@code state}; its serial must be exactly one more than the stored one (or 1 for the first). */
    void write(State state);

    /** Takes the lock for a command that may write; waits up to {@code timeout}, then names the holder. */
    StateLock lock(String operation, Duration timeout);

    /**
     * Removes the lock with ID {@code id} whose holder will not release it ({@code ovnet force-unlock}) and returns
     * its lock info. Refuses with a {@link StateException} when the state is not locked, the ID is another, or
     * the holder is this process; each store adds what its lock allows (a live local holder cannot be removed).
     */
    LockInfo forceUnlock(String id);

    /**
     * The leases flanneld wrote beside this state, which {@code ovnet import} adopts; empty when this store keeps
     * none (a local file), so a caller can refuse before it takes the lock.
     */
    Optional<FlannelLeases> flannelLeases();

    /** Where the state is, for messages: a path, or endpoints and prefix. */
    String location();
}
