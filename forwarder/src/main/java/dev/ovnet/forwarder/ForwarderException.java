package dev.ovnet.forwarder;

import dev.ovnet.planner.OvnetException;

/** The forwarder cannot start or go on: a bad peer table, a TUN device or port it cannot get. */
public class ForwarderException extends OvnetException {

    public ForwarderException(String message, String hint) {
        super(message, hint);
    }

    public ForwarderException(String message, String hint, Throwable cause) {
        super(message, hint, cause);
    }
}
