package dev.ovnet.providers.forwarding;

import dev.ovnet.planner.model.Forwarder;
import dev.ovnet.planner.plan.Change;
import dev.ovnet.providers.transport.NetnsTransport;
import dev.ovnet.providers.transport.Transport;
import java.util.List;
import java.util.Optional;

/**
 * Runs the forwarder the way the host runs services: as a systemd unit ({@link SystemdForwarderControl}) when the
 * host was booted with systemd, as a daemon ({@link DaemonForwarderControl}) otherwise. "Booted with systemd" is
 * systemd's own test ({@code sd_booted}): {@code /run/systemd/system} is a directory on the host. Two kinds of
 * host keep the daemon even then: a netns host (a simulated host shares this machine's init, and its forwarder
 * must run inside the namespace) and a host whose root is not {@code /} (its files are kept apart under that root,
 * where systemd would not find a unit).
 */
public final class InitForwarderControl implements ForwarderControl {

    static final String SD_BOOTED = "/run/systemd/system";

    private final ForwarderControl systemd;
    private final ForwarderControl daemon;

    public InitForwarderControl(ForwarderControl systemd, ForwarderControl daemon) {
        this.systemd = systemd;
        this.daemon = daemon;
    }

    /** Both controls with one launcher. */
    public static InitForwarderControl of(List<String> launcher) {
        return new InitForwarderControl(new SystemdForwarderControl(launcher), new DaemonForwarderControl(launcher));
    }

    /** The choice itself: systemd only on a host of its own, with root /, booted with systemd. */
    static boolean usesSystemd(boolean netns, String root, boolean booted) {
        return !netns && root.equals("/") && booted;
    }

    /** The control for a host whose run folder is {@code runDir} ({@code <root>/run/ovnet}). */
    ForwarderControl choose(Transport transport, String runDir) {
        String prefix = ForwarderRunFiles.rootPrefix(runDir);
        String root = prefix.isEmpty() ? "/" : prefix;
        boolean netns = transport instanceof NetnsTransport;
        // the host is asked only when its answer matters
        boolean booted = !netns && root.equals("/") && transport.run(List.of("test", "-d", SD_BOOTED)).ok();
        return usesSystemd(netns, root, booted) ? systemd : daemon;
    }

    @Override
    public Optional<Forwarder> read(Transport transport, String device, String runDir) {
        return choose(transport, runDir).read(transport, device, runDir);
    }

    @Override
    public void apply(Transport transport, Change change) {
        Forwarder f = (Forwarder) (change.after() != null ? change.after() : change.before());
        choose(transport, ForwarderRunFiles.runDir(f)).apply(transport, change);
    }
}
