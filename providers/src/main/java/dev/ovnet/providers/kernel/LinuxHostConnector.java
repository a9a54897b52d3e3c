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
    private final PresharedKey psk;

    public LinuxHostConnector(ForwarderControl forwarder) {
        this(forwarder, PresharedKey.NONE);
    }

    /** @param psk the wireguard pre-shared key the hosts' peers get, if one is configured */
    public LinuxHostConnector(ForwarderControl forwarder, PresharedKey psk) {
        this.forwarder = forwarder;
        this.psk = psk;
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
                    + " (no " + NETNS_DIR.resolve(target.netns()) + ")", true);
        }
        // the probe only proves the host answers: a failure names its cause, not the probe's command
        try {
            Transport.Result result = transport.run(List.of("ip", "-V"));
            if (!result.ok()) {
                throw new HostException(target.name(), null, cause(target, transport, result.stderr().strip()), true);
            }
        } catch (TransportException e) {
            throw new HostException(target.name(), null, e.getMessage(), true);
        }
        return new LinuxHost(target.name(), transport, forwarder, target.root(), psk);
    }

    /** Why iproute2 did not run on the host, in words that point at the fix. */
    private static String cause(HostTarget target, Transport transport, String stderr) {
        if (target.connection() == Connection.NETNS && stderr.contains("setting the network namespace")) {
            return "network namespace " + target.netns() + " does not exist: " + NETNS_DIR.resolve(target.netns())
                    + " is left behind but holds no namespace (a lab taken down part-way, or a crash); remove it"
                    + " first with 'ip netns del " + target.netns() + "'";
        }
        return "iproute2 does not run " + (target.connection() == Connection.NETNS ? "in " : "on ")
                + transport.describe() + ": " + stderr;
    }
}
