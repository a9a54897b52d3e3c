package dev.ovnet.cli;

import dev.ovnet.planner.config.NetworkConfig;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code ovnet validate -f FILE}: checks the file and touches nothing. */
@Command(name = "validate", description = "Check the configuration file; exit 0 when valid, 1 otherwise.")
final class ValidateCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    Options.ConfigFile file;

    @Override
    public Integer call() {
        LoadedConfig loaded = LoadedConfig.load(file);
        NetworkConfig c = loaded.config();
        String pool = c.ipv6Only() ? "pool6 " + c.ipv6().pool() + " (/" + c.ipv6().subnetLength() + " subnets, IPv6"
                + " only)" : "pool " + c.pool() + " (/" + c.subnetLength() + " subnets)";
        spec.commandLine().getOut().println("Success! " + file.file + " is valid: network " + c.name() + ", " + pool
                + ", " + c.backend().type() + " backend, "
                + c.hosts().size() + (c.hosts().size() == 1 ? " host." : " hosts."));
        return ExitCodes.OK;
    }
}
