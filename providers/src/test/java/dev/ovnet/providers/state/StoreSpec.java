package dev.ovnet.providers.state;

import dev.ovnet.planner.spi.StateStore;
import java.nio.file.Path;
import java.util.List;

/** Names a store on a command line, so that a child process opens the same store as the test. */
final class StoreSpec {

    private StoreSpec() {
    }

    static String local(Path path) {
        return "local:" + path.toAbsolutePath();
    }

    static String etcd(List<String> endpoints, String prefix, String network) {
        return "etcd:" + String.join(",", endpoints) + "|" + prefix + "|" + network;
    }

    static StateStore open(String spec) {
        if (spec.startsWith("local:")) {
            return new LocalStateStore(Path.of(spec.substring("local:".length())));
        }
        if (spec.startsWith("etcd:")) {
            String[] parts = spec.substring("etcd:".length()).split("\\|");
            return EtcdStateStore.open(EtcdSettings.plain(List.of(parts[0].split(",")), parts[1]), parts[2]);
        }
        throw new IllegalArgumentException("unknown store spec " + spec);
    }
}
