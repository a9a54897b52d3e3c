package dev.ovnet.planner;

/**
 * An error the user can act on: a message and a hint, printed without a stack trace. Anything that is not an
 * OvnetException reaching the CLI is an internal error.
 */
public abstract class OvnetException extends RuntimeException {

    private final String hint;

    protected OvnetException(String message, String hint) {
        super(message);
        this.hint = hint;
    }

    protected OvnetException(String message, String hint, Throwable cause) {
        super(message, cause);
        this.hint = hint;
    }

    /** What to do about it; may be null. */
    public String hint() {
        return hint;
    }
}
