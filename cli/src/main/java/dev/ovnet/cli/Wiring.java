package dev.ovnet.cli;

import dev.ovnet.planner.config.NetworkConfig;
import dev.ovnet.planner.spi.HostConnector;
import dev.ovnet.planner.spi.StateStore;
import dev.ovnet.providers.kernel.LinuxHostConnector;
import dev.ovnet.providers.state.StateStores;
import java.nio.file.Path;

/** The one place that chooses implementations: the composition root. */
final class Wiring {

    private Wiring() {
    }

    static StateStore stateStore(NetworkConfig config, Path yamlFolder) {
        return StateStores.open(config, yamlFolder);
    }

    static HostConnector connector() {
        return new LinuxHostConnector();
    }
}
