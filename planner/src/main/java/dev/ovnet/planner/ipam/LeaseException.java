package dev.ovnet.planner.ipam;

import dev.ovnet.planner.OvnetException;

/** The pool has no free subnet left for a host. */
public final class LeaseException extends OvnetException {

    public LeaseException(String message, String hint) {
        super(message, hint);
    }
}
