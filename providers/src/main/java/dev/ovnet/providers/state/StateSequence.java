package dev.ovnet.providers.state;

import dev.ovnet.planner.spi.StateException;
import dev.ovnet.planner.state.State;
import java.util.Optional;

/**
 * Terraform's rule for replacing a state, shared by every store: the lineage stays and the serial goes up by
 * exactly one, so a write that was planned from a state that changed meanwhile is refused instead of landing.
 */
final class StateSequence {

    private StateSequence() {
    }

    /** Refuses {@code state} unless it follows {@code stored}: serial one more, lineage the same. */
    static void checkFollows(State state, Optional<State> stored, String where) {
        if (stored.isEmpty()) {
            if (state.serial() != 1) {
                throw new StateException("refusing to write serial " + state.serial() + " to " + where
                        + ": there is no state there yet, so the first write must be serial 1",
                        "the state was removed since it was read; run the command again");
            }
            return;
        }
        State old = stored.get();
        if (!old.lineage().equals(state.lineage())) {
            throw new StateException("refusing to write to " + where + ": it holds a state of lineage "
                    + old.lineage() + ", this state has lineage " + state.lineage(),
                    "the state there was replaced by another one; check the state settings in ovnet.yaml");
        }
        if (state.serial() != old.serial() + 1) {
            throw new StateException("refusing to write serial " + state.serial() + " to " + where
                    + ": the stored state is at serial " + old.serial() + ", so it changed since it was read",
                    "another ovnet command wrote the state meanwhile; run the command again to plan from it");
        }
    }
}
