package dev.ovnet.providers.forwarding;

import dev.ovnet.planner.model.Forwarder;
import dev.ovnet.planner.plan.Change;
import dev.ovnet.providers.transport.Transport;
import java.util.Optional;

/**
 * A forwarder that runs as a process of the host, whatever starts it: read back from its run files
 * ({@link ForwarderRunFiles}), and each change mapped to start, reload, restart or stop.
 */
abstract class ProcessForwarderControl implements ForwarderControl {

    @Override
    public final Optional<Forwarder> read(Transport transport, String device, String runDir) {
        return ForwarderRunFiles.read(transport, device, runDir);
    }

    @Override
    public final void apply(Transport transport, Change change) {
        switch (change.action()) {
            case CREATE -> start(transport, (Forwarder) change.after());
            case UPDATE -> reload(transport, (Forwarder) change.after());
            case REPLACE -> restart(transport, (Forwarder) change.before(), (Forwarder) change.after());
            case DELETE -> stop(transport, (Forwarder) change.before());
        }
    }

    abstract void start(Transport transport, Forwarder f);

    /** New peers: the running process rereads its table; one that does not run is started. */
    abstract void reload(Transport transport, Forwarder f);

    /** New settings or a new build: a new process. */
    abstract void restart(Transport transport, Forwarder before, Forwarder after);

    abstract void stop(Transport transport, Forwarder f);
}
