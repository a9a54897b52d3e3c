package dev.ovnet.providers.kernel;

import dev.ovnet.planner.config.Connection;
import dev.ovnet.planner.spi.Host;
import dev.ovnet.planner.spi.HostConnector;
import dev.ovnet.planner.spi.HostException;
import dev.ovnet.planner.spi.HostTarget;
import dev.ovnet.providers.forwarding.ForwarderControl;
import dev.ovnet.providers.transport.LocalTransport;
import dev.ovnet.providers.transport.NetnsTransport;
import dev.ovnet.providers.transport.Transport;
import dev.ovnet.providers.transport.TransportException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Opens {@link LinuxHost}s for {@code local} and {@code netns} connections, and checks on the way that the host
 * answers (the namespace exists, iproute2 runs there), so an unreachable host is reported before anything is
 * planned for it. SSH connections are someone else's: they build a {@link LinuxHost} over their own transport.
 */
public final class LinuxHostConnector implements HostConnector {

    /** Where iproute2 keeps named network namespaces. */
    private static final Path NETNS_DIR = Path.of("/run/netns");

    private final ForwarderControl forwarder;

    public LinuxHostConnector(ForwarderControl forwarder) {
        this.forwarder = forwarder;
    }

    @Override
    public Host connect(HostTarget target) {
        Transport transport = switch (target.connection()) {
            case LOCAL -> new LocalTransport();
            case NETNS -> new NetnsTransport(target.netns());
            case SSH, AGENT -> throw new HostException(target.name(), null,
                    target.connection() + " connections are not handled by the local connector", true);
        };
        if (target.connection() == Connection.NETNS && !Files.exists(NETNS_DIR.resolve(target.netns()))) {
            throw new HostException(target.name(), null, "network namespace " + target.netns() + " does not exist"
                    + " (no " + NETNS_DIR.resolve(target.netns()) + "; 'ovnet lab down' removes a lab's namespaces)",
                    true);
        }
        List<String> probe = List.of("ip", "-V");
        try {
            Transport.Result result = transport.run(probe);
            if (!result.ok()) {
                throw new HostException(target.name(), String.join(" ", probe),
                        transport.describe() + ": " + result.stderr().strip(), true);
            }
        } catch (TransportException e) {
            throw new HostException(target.name(), String.join(" ", probe), e.getMessage(), true);
        }
        return new LinuxHost(target.name(), transport, forwarder);
    }
}
