package dev.ovnet.cli;

import dev.ovnet.planner.OvnetException;

/** A saved plan that cannot be read, or that may no longer be applied (stale, other configuration). */
final class PlanFileException extends OvnetException {

    PlanFileException(String message, String hint) {
        super(message, hint);
    }

    PlanFileException(String message, String hint, Throwable cause) {
        super(message, hint, cause);
    }
}
