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

    /** Where the state is, for messages: a path, or endpoints and prefix. */
    String location();
}
