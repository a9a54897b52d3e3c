package dev.ovnet.providers.ssh;

import dev.ovnet.planner.spi.HostException;

/**
 * An SSH host that could not be used: not reachable, an unknown or changed host key, no key the server accepts.
 * It is a {@link HostException} marked unreachable (the host was never touched), with a message that names the
 * host and its address and a hint that says what to do. It never carries a secret.
 */
public class SshHostException extends HostException {

    private final String message;
    private final String hint;

    public SshHostException(String host, String message, String hint) {
        super(host, null, message, true);
        this.message = message;
        this.hint = hint;
    }

    @Override
    public String getMessage() {
        return message;
    }

    @Override
    public String hint() {
        return hint;
    }
}
