package dev.ovnet.cli;

import dev.ovnet.planner.config.NetworkConfig;
import dev.ovnet.planner.spi.HostConnector;
import dev.ovnet.planner.spi.StateException;
import dev.ovnet.planner.spi.StateStore;
import dev.ovnet.providers.kernel.LinuxHostConnector;
import dev.ovnet.providers.state.LocalStateStore;
import java.nio.file.Path;

/** The one place that chooses implementations: the composition root. */
final class Wiring {

    private Wiring() {
    }

    static StateStore stateStore(NetworkConfig config, Path yamlFolder) {
        if (config.state().isEtcd()) {
            throw new StateException("state.backend etcd is not available in this build",
                    "use state.backend: local");
        }
        return new LocalStateStore(yamlFolder.resolve(config.state().path()).normalize());
    }

    static HostConnector connector() {
        return new LinuxHostConnector();
    }
}
