package dev.ovnet.cli;

import dev.ovnet.cli.render.Style;
import dev.ovnet.planner.desired.HostReads;
import dev.ovnet.planner.engine.Session;
import dev.ovnet.planner.model.WireguardKey;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ovnet destroy}: remove everything ovnet made, and nothing else; release the leases. */
@Command(name = "destroy", description = "Remove from every host everything ovnet made there; release the leases.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:every host cleaned (or nothing to do), and every host was read",
            "1:error before any host was touched, cancelled at the prompt, or no host finished (every host failed"
                    + " or could not be read)",
            "3:some hosts failed or could not be read while others completed; the state says what is left"})
final class DestroyCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    Options.ConfigFile file;

    @Mixin
    Options.Output output;

    @Mixin
    Options.Lock lock;

    @Mixin
    Options.HostAccess parallelism;

    @Mixin
    Options.AgentTimeout agents;

    @Mixin
    Options.Planning planning;

    @Mixin
    TargetOption target;

    @Option(names = "--auto-approve", description = "Destroy without asking for confirmation.")
    boolean autoApprove;

    @Option(names = "--remove-keys", description = "wireguard: also delete each host's private key file, which"
            + " destroy otherwise keeps so that a network built there again keeps the host's public key.")
    boolean removeKeys;

    @Override
    public Integer call() {
        LoadedConfig loaded = LoadedConfig.load(file);
        try (Session session = OvnetCommand.wiring(spec).session(loaded, parallelism)) {
            Reports.lock(session, "destroy", lock.lockTimeout, spec.commandLine().getErr());
            session.target(target.patterns);
            session.removeKeys(removeKeys);
            boolean wireguard = HostReads.wireguard(loaded.config(), session.state());
            int exit = ApplyFlow.run(session, true, planning.refresh, autoApprove, planning.full,
                    new Style(output.color()), spec.commandLine().getOut(), spec.commandLine().getErr(),
                    OvnetCommand.wiring(spec).handover(loaded, agents.agentTimeout, spec.commandLine().getOut()));
            if (wireguard && !removeKeys) {
                spec.commandLine().getOut().println("\nNote: the hosts keep their wireguard private keys ("
                        + WireguardKey.FILE + " under each host's root), so a network built on them again keeps their"
                        + " public keys; 'ovnet destroy --remove-keys' deletes them too.");
            }
            return exit;
        }
    }
}
