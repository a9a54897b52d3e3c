package dev.ovnet.providers.forwarding;

import static dev.ovnet.providers.forwarding.ForwarderRunFiles.file;

import dev.ovnet.planner.model.Forwarder;
import dev.ovnet.providers.transport.Transport;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Runs {@code ovnet forward} on a host as a daemon, without systemd: started with Debian's
 * {@code start-stop-daemon --background} inside the host (its network namespace, or over SSH), with its files in
 * {@code <root>/run/ovnet/} ({@link ForwarderRunFiles}). The settings file records the forwarder's settings and
 * its build (the sha256 of the ovnet jar it runs), which refresh reads back. A peer-table change is a reload
 * (SIGHUP, the process stays); changed settings or a changed build restart it; delete stops it. A forwarder that
 * died is read as missing, so the next plan shows it as drift and the next apply starts it again. It starts
 * with a clean environment ({@link ForwarderRunFiles#CLEAN_ENVIRONMENT}), so it holds none of ovnet's secrets,
 * and it is signalled only once its command line shows it is ovnet's forwarder of that device
 * ({@link ForwarderRunFiles#pidToSignal}).
 */
public final class DaemonForwarderControl extends ProcessForwarderControl {

    private final List<String> launcher;

    /** @param launcher how to run ovnet on the host, e.g. {@code [/usr/bin/java, -cp, ovnet.jar, dev.ovnet.cli.Main]} */
    public DaemonForwarderControl(List<String> launcher) {
        this.launcher = List.copyOf(launcher);
    }

    @Override
    void restart(Transport transport, Forwarder before, Forwarder after) {
        stop(transport, before);
        start(transport, after);
    }

    @Override
    void start(Transport transport, Forwarder f) {
        stop(transport, f);
        // --pidfile scopes the "already running?" check to this forwarder (by --exec alone, any java process counts);
        // the forwarder is started through env -i (--startas), so only it gets the clean environment, while
        // start-stop-daemon itself is found on ovnet's PATH like every other tool
        List<String> clean = ForwarderRunFiles.CLEAN_ENVIRONMENT;
        List<String> argv = new ArrayList<>(List.of("start-stop-daemon", "--start", "--background",
                "--pidfile", file(f, "pid"), "--output", file(f, "log"), "--exec", launcher.get(0),
                "--startas", clean.get(0), "--"));
        argv.addAll(clean.subList(1, clean.size()));
        argv.addAll(ForwarderRunFiles.command(launcher, f));
        ForwarderRunFiles.start(transport, f, Optional.empty(), String.join(" ", argv),
                () -> ForwarderRunFiles.run(transport, argv));
    }

    @Override
    void reload(Transport transport, Forwarder f) {
        Optional<Long> pid = ForwarderRunFiles.pidToSignal(transport, f);
        if (pid.isEmpty()) {
            start(transport, f);
            return;
        }
        ForwarderRunFiles.run(transport, List.of("kill", "-HUP", Long.toString(pid.get())));
    }

    @Override
    void stop(Transport transport, Forwarder f) {
        Optional<Long> pid = ForwarderRunFiles.pidToSignal(transport, f);
        if (pid.isPresent()) {
            ForwarderRunFiles.run(transport, List.of("kill", "-TERM", Long.toString(pid.get())));
            if (!ForwarderRunFiles.awaitExit(transport, f, pid.get())) {
                ForwarderRunFiles.run(transport, List.of("kill", "-KILL", Long.toString(pid.get())));
                ForwarderRunFiles.awaitExit(transport, f, pid.get());
            }
        }
        ForwarderRunFiles.deleteFiles(transport, f);
    }
}
