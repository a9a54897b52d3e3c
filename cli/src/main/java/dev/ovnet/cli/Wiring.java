package dev.ovnet.cli;

import dev.ovnet.planner.config.Connection;
import dev.ovnet.planner.config.NetworkConfig;
import dev.ovnet.planner.spi.Host;
import dev.ovnet.planner.spi.HostConnector;
import dev.ovnet.planner.spi.HostTarget;
import dev.ovnet.planner.spi.StateStore;
import dev.ovnet.providers.kernel.LinuxHost;
import dev.ovnet.providers.kernel.LinuxHostConnector;
import dev.ovnet.providers.ssh.SshConnector;
import dev.ovnet.providers.ssh.SshHostConnector;
import dev.ovnet.providers.state.StateStores;
import java.nio.file.Path;

/** The one place that chooses implementations: the composition root. */
final class Wiring {

    private Wiring() {
    }

    static StateStore stateStore(NetworkConfig config, Path yamlFolder) {
        return StateStores.open(config, yamlFolder);
    }

    /** Local and netns hosts through this machine's tools; ssh hosts through sshj, with the same host code. */
    static HostConnector connector(boolean sshAcceptNew) {
        HostConnector linux = new LinuxHostConnector();
        HostConnector ssh = new SshHostConnector(new SshConnector(sshAcceptNew),
                (target, transport) -> new LinuxHost(target.name(), transport));
        return new HostConnector() {
            @Override
            public Host connect(HostTarget target) {
                return target.connection() == Connection.SSH ? ssh.connect(target) : linux.connect(target);
            }
        };
    }
}
