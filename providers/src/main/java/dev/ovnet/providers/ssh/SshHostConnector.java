package dev.ovnet.providers.ssh;

import dev.ovnet.planner.config.Connection;
import dev.ovnet.planner.spi.Host;
import dev.ovnet.planner.spi.HostConnector;
import dev.ovnet.planner.spi.HostTarget;
import dev.ovnet.providers.transport.Transport;
import java.util.function.BiFunction;
import java.util.function.Consumer;

/**
 * The {@link HostConnector} for {@code connection: ssh}: opens an {@link SshTransport} and hands it to the Linux
 * host provider, which owns it (and closes it with the host) from then on. The provider comes in as a function
 * so that this package does not depend on it: the CLI wires {@code (target, transport) -> new
 * LinuxHost(transport, target.name())}. The target is passed along because the host needs its name and root.
 */
public final class SshHostConnector implements HostConnector {

    private final SshConnector connector;
    private final BiFunction<HostTarget, Transport, Host> hosts;
    private final Consumer<String> notices;

    public SshHostConnector(SshConnector connector, BiFunction<HostTarget, Transport, Host> hosts) {
        this(connector, hosts, notice -> { });
    }

    /** @param notices told what {@code --ssh-accept-new} added to known_hosts, one line per key */
    public SshHostConnector(SshConnector connector, BiFunction<HostTarget, Transport, Host> hosts,
            Consumer<String> notices) {
        this.connector = connector;
        this.hosts = hosts;
        this.notices = notices;
    }

    @Override
    public Host connect(HostTarget target) {
        if (target.connection() != Connection.SSH) {
            throw new IllegalArgumentException(target.name() + " is a " + target.connection() + " host, not ssh");
        }
        SshTransport transport = connector.connect(target);
        try {
            transport.addedHostKey().ifPresent(notices);
            return hosts.apply(target, transport);
        } catch (RuntimeException e) {
            transport.close();
            throw e;
        }
    }
}
