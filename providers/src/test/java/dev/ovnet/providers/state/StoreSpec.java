package dev.ovnet.providers.state;

import dev.ovnet.planner.spi.StateStore;
import java.nio.file.Path;

/** Names a store on a command line, so that a child process opens the same store as the test. */
final class StoreSpec {

    private StoreSpec() {
    }

    static String local(Path path) {
        return "local:" + path.toAbsolutePath();
    }

    static StateStore open(String spec) {
        if (spec.startsWith("local:")) {
            return new LocalStateStore(Path.of(spec.substring("local:".length())));
        }
        throw new IllegalArgumentException("unknown store spec " + spec);
    }
}
