package dev.ovnet.providers.transport;

/** The host could not be reached, or a command could not be started or timed out. */
public class TransportException extends RuntimeException {

    private final boolean unreachable;

    public TransportException(String message, boolean unreachable, Throwable cause) {
        super(message, cause);
        this.unreachable = unreachable;
    }

    public boolean unreachable() {
        return unreachable;
    }
}
