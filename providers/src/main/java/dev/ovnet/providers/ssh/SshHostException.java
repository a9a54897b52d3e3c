package dev.ovnet.providers.ssh;

import dev.ovnet.planner.spi.HostException;
import dev.ovnet.planner.spi.HostFailure;

/**
 * An SSH host that could not be used: not reachable, an unknown or changed host key, no key the server accepts.
 * It is a {@link HostException} marked unreachable (the host was never touched), with a message that names the
 * host and its address and a hint that says what to do. It never carries a secret.
 *
 * <p>The engine reports a host's failure through {@link #failure()}, which keeps only a detail text; the hint
 * goes on the detail's second line, indented as the CLI prints every hint, so that "run with --ssh-accept-new"
 * or "check that sshd runs" reaches the user also when other hosts go on (progress lines show the first line).
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

    @Override
    public HostFailure failure() {
        return new HostFailure(host(), null, hint == null ? message : message + "\n  " + hint, true);
    }
}
