package dev.ovnet.planner.spi;

import dev.ovnet.planner.plan.Change;
import java.util.List;

/**
 * What an apply really did on a host: the changes done, in order, the failure that stopped it, if any, and,
 * when the host was then put back as it was, what that rollback did (else null).
 */
public record ApplyResult(List<Change> applied, HostFailure failure, Rollback rollback) {

    public ApplyResult {
        applied = List.copyOf(applied);
    }

    public ApplyResult(List<Change> applied, HostFailure failure) {
        this(applied, failure, null);
    }

    public boolean ok() {
        return failure == null;
    }

    /** Whether the host holds exactly what it held before this apply, after a failure. */
    public boolean rolledBack() {
        return rollback != null && rollback.complete();
    }

    public ApplyResult withRollback(HostFailure why, Rollback done) {
        return new ApplyResult(applied, why, done);
    }
}
