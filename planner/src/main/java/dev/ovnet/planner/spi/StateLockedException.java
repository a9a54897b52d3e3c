package dev.ovnet.planner.spi;

import dev.ovnet.planner.OvnetException;

/** The state is locked by another command that did not let go within --lock-timeout. */
public final class StateLockedException extends OvnetException {

    private final LockInfo holder;

    public StateLockedException(LockInfo holder, String waited) {
        super("Error acquiring the state lock: held by another ovnet command (waited " + waited + ")\n"
                + holder.render(),
                "wait for it to finish, or give --lock-timeout (e.g. --lock-timeout 60s)");
        this.holder = holder;
    }

    public LockInfo holder() {
        return holder;
    }
}
