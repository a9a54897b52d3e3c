package dev.ovnet.cli;

import dev.ovnet.planner.config.ConfigParser;
import java.nio.file.Path;
import java.time.Duration;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** Option groups shared by commands, as picocli mixins. */
final class Options {

    private Options() {
    }

    /** {@code -f FILE}. */
    static final class ConfigFile {
        @Option(names = {"-f", "--file"}, paramLabel = "FILE", defaultValue = "ovnet.yaml",
                description = "The network's YAML file (default: ${DEFAULT-VALUE}).")
        Path file;

        @Option(names = ConfigParser.STATE_ANYWHERE_OPTION,
                description = "Let the file's state.path leave the file's folder (an absolute path, ~/ or '..' above"
                        + " it); without this option such a file is refused, so a file from a pull request cannot"
                        + " point ovnet at another file.")
        boolean stateAnywhere;
    }

    /** Colours. */
    static final class Output {
        @Spec(Spec.Target.MIXEE)
        CommandSpec mixee;

        @Option(names = "--no-color", description = "Plain output without colours (also: env NO_COLOR).")
        boolean noColor;

        boolean color() {
            return OvnetCommand.color(mixee, noColor);
        }
    }

    /** State lock. */
    static final class Lock {
        @Option(names = "--lock-timeout", paramLabel = "DURATION", defaultValue = "0s",
                converter = Durations.class,
                description = "How long to wait for the state lock before giving up (default: ${DEFAULT-VALUE}).")
        Duration lockTimeout;
    }

    /** {@code --agent-timeout}: how long apply and destroy wait for the agent hosts' reports. */
    static final class AgentTimeout {
        @Option(names = "--agent-timeout", paramLabel = "DURATION", defaultValue = "60s",
                converter = Durations.class,
                description = "How long to wait for every agent host to report the new state (default:"
                        + " ${DEFAULT-VALUE}); those that did not are reported as not finished (exit 3).")
        Duration agentTimeout;
    }

    /** How hosts are reached: how many at once, and whether unknown SSH host keys are accepted. */
    static final class HostAccess {
        @Spec(Spec.Target.MIXEE)
        CommandSpec mixee;

        int parallelism = 10;

        @Option(names = "--parallelism", paramLabel = "N", defaultValue = "10",
                description = "Hosts worked on at once (default: ${DEFAULT-VALUE}).")
        void parallelism(int hosts) {
            if (hosts < 1) {
                throw new ParameterException(mixee.commandLine(), "--parallelism must be at least 1 (the hosts"
                        + " worked on at once), not " + hosts + "; e.g. --parallelism 10");
            }
            parallelism = hosts;
        }

        @Option(names = "--ssh-accept-new",
                description = "Add the host key of an SSH host not yet in knownHostsFile (never a changed key).")
        boolean sshAcceptNew;
    }

    /** Refresh and rendering of plans. */
    static final class Planning {
        @Option(names = "--refresh", arity = "0..1", defaultValue = "true", fallbackValue = "true",
                paramLabel = "BOOL",
                description = "Read what is really on each host before planning (default: ${DEFAULT-VALUE}).")
        boolean refresh;

        @Option(names = "--full", description = "List every object, also in large uniform groups of peer entries.")
        boolean full;
    }
}
