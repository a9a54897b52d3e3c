package dev.ovnet.providers.kernel;

/**
 * A command on a host ran and failed: the command as ovnet ran it (or the batch line that failed) and what the
 * host said. {@link LinuxHost} turns it into the {@code HostFailure} of an apply or the error of a read.
 */
public class CommandFailedException extends RuntimeException {

    private final String command;
    private final String detail;

    public CommandFailedException(String command, String detail) {
        super(command + ": " + detail);
        this.command = command;
        this.detail = detail;
    }

    public String command() {
        return command;
    }

    public String detail() {
        return detail;
    }
}
