package dev.ovnet.cli;

import dev.ovnet.forwarder.ForwardCommand;
import java.util.Map;
import picocli.CommandLine.Command;

/** The root command. */
@Command(name = "ovnet",
        mixinStandardHelpOptions = true,
        scope = picocli.CommandLine.ScopeType.INHERIT,
        versionProvider = VersionProvider.class,
        description = "Build a flannel-style overlay network across hosts, the way Terraform builds infrastructure.",
        subcommands = {
            InitCommand.class,
            ValidateCommand.class,
            PlanCommand.class,
            ApplyCommand.class,
            DestroyCommand.class,
            ShowCommand.class,
            StateCommand.class,
            ForceUnlockCommand.class,
            LabCommand.class,
            ImportCommand.class,
            AgentCommand.class,
            ForwardCommand.class,
            CompletionCommand.class,
            ManPageCommand.class,
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:success (plan: no changes with --detailed-exitcode)",
            "1:error: a bad file or flag, a state or lock problem, a host that could not be read (plan), a"
                    + " preflight problem (nothing changed), or no host finished (apply/destroy)",
            "2:plan --detailed-exitcode: changes (or, with --refresh-only, drift) present",
            "3:apply/destroy: some hosts failed or could not be read while others completed"},
        footer = "%nSee docs/operations.md, or the man pages (ovnet gen-manpage).")
public final class OvnetCommand implements Runnable {

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    /** The environment the command reads its variables from: the process's, or a test's own. */
    Map<String, String> env = System.getenv();

    /** Whether output goes to a terminal (colours are for terminals only); a test may say it does. */
    boolean terminal = System.console() != null;

    /** How the commands reach the state and the hosts: the composition root, one per command line. */
    Wiring wiring = new Wiring();

    /** The wiring of the command line {@code spec} belongs to. */
    static Wiring wiring(picocli.CommandLine.Model.CommandSpec spec) {
        return ((OvnetCommand) spec.root().userObject()).wiring;
    }

    /**
     * Whether the command line {@code spec} belongs to prints colours: on a terminal, unless --no-color, NO_COLOR
     * or CI=true says otherwise.
     */
    static boolean color(picocli.CommandLine.Model.CommandSpec spec, boolean noColor) {
        OvnetCommand root = (OvnetCommand) spec.root().userObject();
        return !noColor && root.terminal && root.env.get("NO_COLOR") == null
                && !"true".equalsIgnoreCase(root.env.get("CI"));
    }

    /** The environment of the command line {@code spec} belongs to. */
    static Map<String, String> env(picocli.CommandLine.Model.CommandSpec spec) {
        return ((OvnetCommand) spec.root().userObject()).env;
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
