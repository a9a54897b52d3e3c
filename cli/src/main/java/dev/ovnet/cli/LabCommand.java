package dev.ovnet.cli;

import dev.ovnet.planner.config.NetworkConfig;
import dev.ovnet.providers.lab.LabListener;
import dev.ovnet.providers.lab.LabManager;
import dev.ovnet.providers.lab.LabOptions;
import dev.ovnet.providers.lab.LabReport;
import dev.ovnet.providers.lab.LabReportRenderer;
import dev.ovnet.providers.lab.LabStatus;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code ovnet lab up|check|down|status}: simulated hosts (network namespaces) on this machine. */
@Command(name = "lab", description = "Simulated hosts on this machine: bring them up, prove connectivity, remove them.",
        subcommands = {LabCommand.Up.class, LabCommand.Check.class, LabCommand.Down.class, LabCommand.Status.class})
final class LabCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** What every lab step shares: the file, read and validated, and a lab manager that reports each step. */
    abstract static class Step implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        Options.ConfigFile file;

        @Override
        public final Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            NetworkConfig config = LoadedConfig.load(file).config();
            LabListener listener = new LabListener() {
                @Override
                public void step(String message) {
                    out.println("  " + message);
                    out.flush();
                }
            };
            int code = run(new LabManager(LabOptions.defaults(), listener), config, out);
            out.flush();
            return code;
        }

        abstract int run(LabManager lab, NetworkConfig config, PrintWriter out);
    }

    @Command(name = "up", description = "Create a network namespace for every netns host, joined by an underlay.")
    static final class Up extends Step {
        @Override
        int run(LabManager lab, NetworkConfig config, PrintWriter out) {
            LabStatus status = lab.up(config);
            out.println("Lab up: " + status.describe());
            out.println("Next: ./ovnet apply -f " + file.file + ", then ./ovnet lab check -f " + file.file);
            return ExitCodes.OK;
        }
    }

    @Command(name = "check",
            description = "Start test containers from each host's subnet.env and ping every container from every other"
                    + " host's containers; print the matrix. Exit 0 only when every pair is reachable.")
    static final class Check extends Step {
        @Override
        int run(LabManager lab, NetworkConfig config, PrintWriter out) {
            LabReport report = lab.check(config);
            out.print(LabReportRenderer.render(report));
            return report.ok() ? ExitCodes.OK : ExitCodes.ERROR;
        }
    }

    @Command(name = "down", description = "Remove the lab: containers, host namespaces, the underlay, their files.")
    static final class Down extends Step {
        @Override
        int run(LabManager lab, NetworkConfig config, PrintWriter out) {
            List<String> removed = lab.down(config);
            out.println(removed.isEmpty() ? "Lab down: nothing was there." : "Lab down: removed "
                    + Plural.of(removed.size(), "namespace") + ".");
            return ExitCodes.OK;
        }
    }

    @Command(name = "status", description = "Say which of the lab's namespaces exist.")
    static final class Status extends Step {
        @Override
        int run(LabManager lab, NetworkConfig config, PrintWriter out) {
            LabStatus status = lab.status(config);
            out.println(status.describe());
            return status.up() ? ExitCodes.OK : ExitCodes.ERROR;
        }
    }
}
