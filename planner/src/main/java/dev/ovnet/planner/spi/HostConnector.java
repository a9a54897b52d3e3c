package dev.ovnet.planner.spi;

/** Opens a {@link Host}; throws {@link HostException} (unreachable) when it cannot. */
public interface HostConnector {

    Host connect(HostTarget target);
}
