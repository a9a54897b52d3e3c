package dev.ovnet.cli;

import picocli.CommandLine.Command;

/** {@code ovnet lab up|check|down}: simulated hosts as network namespaces on this machine. */
@Command(name = "lab", description = "Simulated hosts on this machine: bring them up, prove connectivity, remove them.",
        subcommands = {})
final class LabCommand implements Runnable {

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
