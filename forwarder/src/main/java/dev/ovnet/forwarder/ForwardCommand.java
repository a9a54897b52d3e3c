package dev.ovnet.forwarder;

import dev.ovnet.forwarder.ModeChoice.Offload;
import dev.ovnet.planner.net.Cidr;
import dev.ovnet.planner.net.Ipv4;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code ovnet forward}: the udp backend's data plane on one host, started by apply. It runs in the foreground
 * until SIGTERM; SIGHUP or a changed peer file reloads the peer table without a restart. This is the one
 * definition of the forwarder's options: ovnet registers it as a subcommand, and {@link ForwarderMain} runs it
 * on its own.
 */
@Command(name = "forward", mixinStandardHelpOptions = true,
        description = "Forward packets between the TUN device and the peers (flannel's udp wire format).")
public final class ForwardCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--peers", required = true, paramLabel = "FILE",
            description = "The peer table: lines '<subnet> <address>:<port>' (apply writes it).")
    Path peers;

    @Option(names = "--dev", defaultValue = ForwarderConfig.DEFAULT_DEV, paramLabel = "NAME",
            description = "The TUN device (default: ${DEFAULT-VALUE}); created if it does not exist.")
    String dev;

    @Option(names = "--bind", defaultValue = ForwarderConfig.DEFAULT_BIND, paramLabel = "ADDR",
            description = "The local address to receive on (default: ${DEFAULT-VALUE}).")
    String bind;

    @Option(names = "--port", defaultValue = "" + ForwarderConfig.DEFAULT_PORT, paramLabel = "PORT",
            description = "The UDP port (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--pool", required = true, paramLabel = "CIDR", description = "The whole overlay network.")
    String pool;

    @Option(names = "--subnet", required = true, paramLabel = "CIDR", description = "This host's own lease.")
    String subnet;

    @Option(names = "--mtu", defaultValue = "0", paramLabel = "BYTES",
            description = "Set the TUN MTU (default: leave an existing device's; a created one gets 1472).")
    int mtu;

    @Option(names = "--plain", description = "No offloads (TSO, UDP GSO/GRO) even where the kernel has them.")
    boolean plain;

    @Option(names = "--stats", paramLabel = "FILE", description = "Write the counters here as JSON every 2 s.")
    Path stats;

    @Option(names = "--pid-file", paramLabel = "FILE", description = "Write the process id here.")
    Path pidFile;

    /** Offloads the probe treats as refused: none, except when a test makes them so. */
    private final Set<Offload> refused;

    public ForwardCommand() {
        this(EnumSet.noneOf(Offload.class));
    }

    /**
     * For tests only: the kernel they run on accepts every offload, so a test names the ones the probe shall
     * treat as refused, the way a kernel without them answers.
     */
    ForwardCommand(Set<Offload> refused) {
        this.refused = Set.copyOf(refused);
    }

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        return Forwarder.run(config(), refused, line -> {
            err.println(Instant.now() + " ovnet forward: " + line);
            err.flush();
        });
    }

    /** The settings the options give; an address or network that does not parse is a usage error. */
    ForwarderConfig config() {
        try {
            return new ForwarderConfig(peers, dev, Ipv4.parse(bind), port, Cidr.parse(pool), Cidr.parse(subnet),
                    mtu, plain, stats, pidFile);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage(), e);
        }
    }
}
