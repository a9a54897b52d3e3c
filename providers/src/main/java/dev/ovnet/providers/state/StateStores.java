package dev.ovnet.providers.state;

import dev.ovnet.planner.config.NetworkConfig;
import dev.ovnet.planner.config.StateConfig;
import dev.ovnet.planner.spi.StateException;
import dev.ovnet.planner.spi.StateStore;
import java.nio.file.Path;

/** Opens the state store a {@code state:} block asks for. */
public final class StateStores {

    private StateStores() {
    }

    /**
     * The store of {@code config}: a local file (a relative {@code path} is relative to {@code yamlFolder}), or
     * etcd under the prefix, for the network named {@code networkName}. flannel's config in etcd gets flannel's
     * default SubnetMin and SubnetMax; {@link #open(NetworkConfig, Path)} writes the configured ones.
     */
    public static StateStore open(StateConfig config, Path yamlFolder, String networkName) {
        if (config.isEtcd()) {
            return EtcdStateStore.open(EtcdSettings.of(config, yamlFolder), networkName);
        }
        return local(config, yamlFolder);
    }

    /** The store of a whole configuration; etcd's flannel config carries its subnetMin and subnetMax
     * (and subnetMin6 and subnetMax6). */
    public static StateStore open(NetworkConfig config, Path yamlFolder) {
        if (config.state().isEtcd()) {
            return EtcdStateStore.open(EtcdSettings.of(config.state(), yamlFolder), config.name(),
                    SubnetBounds.of(config), System::getenv);
        }
        return local(config.state(), yamlFolder);
    }

    private static StateStore local(StateConfig config, Path yamlFolder) {
        if (!StateConfig.LOCAL.equals(config.backend()) && config.backend() != null) {
            throw new StateException("unknown state backend \"" + config.backend() + "\"",
                    "write state.backend: local or state.backend: etcd");
        }
        String file = config.path() == null ? StateConfig.defaults().path() : config.path();
        if (file.startsWith("~/")) {
            file = System.getProperty("user.home") + file.substring(1);
        }
        Path path = yamlFolder == null ? Path.of(file) : yamlFolder.resolve(file);
        return new LocalStateStore(path.normalize());
    }
}
