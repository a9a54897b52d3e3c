package dev.ovnet.planner.plan;

import dev.ovnet.planner.OvnetException;

/**
 * A {@code --target} that cannot be honoured: it matches no host, or it would leave the state untruthful; or a host
 * named by {@code --rotate-key} that has no key to rotate.
 */
public final class TargetException extends OvnetException {

    public TargetException(String message, String hint) {
        super(message, hint);
    }
}
