package dev.ovnet.planner.spi;

import dev.ovnet.planner.OvnetException;

/** The state cannot be read or written (corrupt, unreadable, refused as stale). */
public final class StateException extends OvnetException {

    public StateException(String message, String hint) {
        super(message, hint);
    }

    public StateException(String message, String hint, Throwable cause) {
        super(message, hint, cause);
    }
}
