package dev.ovnet.providers.lab;

import dev.ovnet.planner.OvnetException;

/** The lab cannot do what was asked: a missing prerequisite (not up, not applied) or a command that failed. */
public final class LabException extends OvnetException {

    public LabException(String message, String hint) {
        super(message, hint);
    }
}
