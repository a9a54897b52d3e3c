package dev.ovnet.planner.spi;

import dev.ovnet.planner.OvnetException;

/** Something failed on a host: which host, which command, what the host said; or the host was unreachable. */
public class HostException extends OvnetException {

    private final String host;
    private final String command;
    private final boolean unreachable;

    public HostException(String host, String command, String detail, boolean unreachable) {
        super(host + ": " + (unreachable ? "unreachable: " : "") + detail
                + (command == null ? "" : "\n  command: " + command), null);
        this.host = host;
        this.command = command;
        this.unreachable = unreachable;
    }

    public String host() {
        return host;
    }

    public String command() {
        return command;
    }

    public boolean unreachable() {
        return unreachable;
    }

    public HostFailure failure() {
        return new HostFailure(host, command, getMessage(), unreachable);
    }
}
