package dev.ovnet.planner.spi;

import dev.ovnet.planner.plan.Change;
import java.util.List;

/** What an apply really did on a host: the changes done, in order, and the failure that stopped it, if any. */
public record ApplyResult(List<Change> applied, HostFailure failure) {

    public ApplyResult {
        applied = List.copyOf(applied);
    }

    public boolean ok() {
        return failure == null;
    }
}
