package dev.ovnet.planner.spi;

/** Why a host did not finish: the command that failed (null if none ran) and the host's own message. */
public record HostFailure(String host, String command, String detail, boolean unreachable) {
}
