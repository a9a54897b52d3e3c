package dev.ovnet.providers.forwarding;

import dev.ovnet.planner.model.Forwarder;
import dev.ovnet.providers.kernel.CommandFailedException;
import dev.ovnet.providers.transport.Transport;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Runs {@code ovnet forward} as a systemd unit, on a host booted with systemd: {@code ovnet-forward-<dev>.service}
 * in {@code <root>/etc/systemd/system/} (the root is / whenever this control is chosen, see
 * {@link InitForwarderControl}). Start: write the settings and the unit, {@code systemctl daemon-reload},
 * {@code restart}. Reload: {@code systemctl reload} (the unit's ExecReload sends SIGHUP). Restart on
 * a changed build or changed settings: rewrite both, {@code daemon-reload}, {@code restart}. Delete:
 * {@code disable --now}, remove the unit, {@code daemon-reload}. systemd restarts a forwarder that fails
 * ({@code Restart=on-failure}); one that systemd gave up on is read as missing, so the next apply starts it.
 * The forwarder writes its own pid file, so refresh reads a unit's forwarder exactly as a daemon's. systemd starts
 * a unit with its own small environment, never that of the {@code systemctl} caller, so none of ovnet's secrets
 * reach the forwarder this way either.
 *
 * <p>The unit is not enabled at boot, and it runs only while its peer file exists ({@code ConditionPathExists}):
 * its settings and the TUN device's address and routes live in /run and in the kernel, so after a reboot it would
 * forward for nothing. {@code ovnet apply} after a reboot writes them again and starts the unit.
 */
public final class SystemdForwarderControl extends ProcessForwarderControl {

    private final List<String> launcher;

    /** @param launcher how to run ovnet on the host, as for {@link DaemonForwarderControl} */
    public SystemdForwarderControl(List<String> launcher) {
        this.launcher = List.copyOf(launcher);
    }

    /** The unit's name for a device: {@code ovnet-forward-flannel0.service}. */
    public static String unitName(String device) {
        return "ovnet-forward-" + device + ".service";
    }

    /** Where the unit file goes: {@code <root>/etc/systemd/system/}, under the root of the forwarder's run folder. */
    static String unitPath(Forwarder f) {
        return ForwarderRunFiles.rootPrefix(f) + "/etc/systemd/system/" + unitName(f.dev());
    }

    /** The unit file's text. */
    public static String unitText(List<String> launcher, Forwarder f) {
        String exec = ForwarderRunFiles.command(launcher, f).stream().map(SystemdForwarderControl::quote)
                .collect(Collectors.joining(" "));
        return "# written by ovnet apply; ovnet destroy removes it\n"
                + "[Unit]\n"
                + "Description=ovnet udp forwarder on " + f.dev() + "\n"
                + "After=network-online.target\n"
                + "Wants=network-online.target\n"
                + "ConditionPathExists=" + f.peerFile().replace("%", "%%") + "\n"
                + "\n"
                + "[Service]\n"
                + "Type=simple\n"
                + "ExecStart=" + exec + "\n"
                + "ExecReload=/bin/kill -HUP $MAINPID\n"
                + "StandardOutput=append:" + ForwarderRunFiles.file(f, "log") + "\n"
                + "StandardError=inherit\n"
                + "Restart=on-failure\n"
                + "RestartSec=1\n";
    }

    /**
     * One word of a unit's command line (systemd.service "Command lines"): specifiers ({@code %}) and variables
     * ({@code $}) doubled, quoted when it holds blanks, quotes or backslashes.
     */
    static String quote(String word) {
        String escaped = word.replace("%", "%%").replace("$", "$$");
        if (escaped.isEmpty() || escaped.chars().anyMatch(c -> c <= ' ' || c == '"' || c == '\'' || c == '\\')) {
            return "\"" + escaped.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
        }
        return escaped;
    }

    @Override
    void start(Transport transport, Forwarder f) {
        restart(transport, null, f);
    }

    @Override
    void restart(Transport transport, Forwarder before, Forwarder f) {
        if (before != null && !unitPath(before).equals(unitPath(f))) {
            stop(transport, before);
        }
        Optional<Long> old = ForwarderRunFiles.pidToSignal(transport, f);
        String unit = unitName(f.dev());
        if (old.isPresent() && !transport.run(List.of("systemctl", "is-active", "--quiet", unit)).ok()) {
            // started outside the unit (as a daemon, before the host ran systemd): it holds the port, so it goes
            ForwarderRunFiles.run(transport, List.of("kill", "-TERM", Long.toString(old.get())));
            ForwarderRunFiles.awaitExit(transport, f, old.get());
        }
        ForwarderRunFiles.start(transport, f, old, "systemctl restart " + unit, () -> {
            transport.writeFile(unitPath(f), unitText(launcher, f).getBytes(StandardCharsets.UTF_8), 0644);
            ForwarderRunFiles.run(transport, List.of("systemctl", "daemon-reload"));
            ForwarderRunFiles.run(transport, List.of("systemctl", "restart", unit));
        });
    }

    @Override
    void reload(Transport transport, Forwarder f) {
        if (ForwarderRunFiles.livePid(transport, f).isEmpty()) {
            start(transport, f);
            return;
        }
        ForwarderRunFiles.run(transport, List.of("systemctl", "reload", unitName(f.dev())));
    }

    @Override
    void stop(Transport transport, Forwarder f) {
        String unit = unitName(f.dev());
        // disable --now also stops it (and disables a unit an earlier ovnet enabled); one already gone is fine
        Transport.Result r = transport.run(List.of("systemctl", "disable", "--now", unit));
        if (!r.ok() && transport.readFile(unitPath(f)).isPresent()) {
            throw new CommandFailedException("systemctl disable --now " + unit, r.stderr().strip());
        }
        transport.deleteFile(unitPath(f));
        ForwarderRunFiles.run(transport, List.of("systemctl", "daemon-reload"));
        ForwarderRunFiles.awaitStop(transport, f);
        ForwarderRunFiles.deleteFiles(transport, f);
    }
}
