package dev.ovnet.cli;

import dev.ovnet.planner.config.Connection;
import dev.ovnet.planner.config.NetworkConfig;
import dev.ovnet.planner.config.StateConfig;
import dev.ovnet.planner.engine.Session;
import dev.ovnet.planner.spi.Host;
import dev.ovnet.planner.spi.HostConnector;
import dev.ovnet.planner.spi.HostTarget;
import dev.ovnet.planner.spi.StateStore;
import dev.ovnet.providers.forwarding.ForwarderBuild;
import dev.ovnet.providers.forwarding.ForwarderControl;
import dev.ovnet.providers.forwarding.InitForwarderControl;
import dev.ovnet.providers.forwarding.InstallingForwarderControl;
import dev.ovnet.providers.kernel.LinuxHost;
import dev.ovnet.providers.kernel.LinuxHostConnector;
import dev.ovnet.providers.ssh.SshConnector;
import dev.ovnet.providers.ssh.SshHostConnector;
import dev.ovnet.providers.state.AgentChannel;
import dev.ovnet.providers.state.AgentHostConnector;
import dev.ovnet.providers.state.EtcdSettings;
import dev.ovnet.providers.state.StateStores;
import java.io.File;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * The one place that chooses implementations: the composition root. One instance per command line, handed down
 * from {@link OvnetCommand}; a test may hand down another.
 */
class Wiring {

    /**
     * A session of operations on the network of {@code loaded}: its state store, this machine's way of reaching
     * hosts ({@code hosts.parallelism} at a time), and this ovnet's forwarder build, clock and lineages.
     */
    Session session(LoadedConfig loaded, Options.HostAccess hosts) {
        HostConnector reached = connector(hosts.sshAcceptNew);
        HostConnector agents = new AgentHostConnector(() -> agentChannel(loaded));
        HostConnector all = target -> target.connection() == Connection.AGENT ? agents.connect(target)
                : reached.connect(target);
        return new Session(loaded.config(), loaded.sha256(), stateStore(loaded.config(), loaded.folder()),
                all, hosts.parallelism, new Session.Context(Wiring::forwarderBuild,
                        () -> Instant.now().truncatedTo(ChronoUnit.SECONDS).toString(),
                        () -> UUID.randomUUID().toString()));
    }

    /**
     * How a local or netns host runs {@code ovnet forward}: this very JVM binary and class path, so the forwarder
     * is the same build as the ovnet that starts it. The forwarder is on the data path: it gets the full JIT.
     */
    static List<String> forwarderLauncher() {
        String java = ProcessHandle.current().info().command().orElse("/usr/bin/java");
        String classPath = classPath().stream().map(Path::toString).collect(Collectors.joining(File.pathSeparator));
        return List.of(java, "-XX:+UseSerialGC", "-Xmx256m", "-cp", classPath, Main.class.getName());
    }

    private static List<Path> classPath() {
        return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .map(entry -> Path.of(entry).toAbsolutePath()).toList();
    }

    /**
     * The build of the forwarder this ovnet launches, on every kind of host: the sha256 of this ovnet jar (the
     * jar that SSH hosts get installed), or of the development class path.
     */
    static String forwarderBuild() {
        if (forwarderBuild == null) {
            forwarderBuild = ForwarderBuild.of(classPath());
        }
        return forwarderBuild;
    }

    private static volatile String forwarderBuild;

    /**
     * On SSH hosts the forwarder runs from a copy of this ovnet jar installed there; without a jar (a development
     * class path) a udp host over SSH fails clearly instead of silently.
     */
    private static ForwarderControl remoteForwarder() {
        String[] classPath = System.getProperty("java.class.path").split(File.pathSeparator);
        if (classPath.length == 1 && classPath[0].endsWith(".jar")) {
            return new InstallingForwarderControl(Path.of(classPath[0]).toAbsolutePath());
        }
        return ForwarderControl.unavailable("this ovnet does not run from its jar, so it cannot install the"
                + " forwarder on an SSH host; run the built ovnet (./ovnet)");
    }

    /** The etcd connection to the agents' reports, opened when an agent host is first read or waited for. */
    private AgentChannel agentChannel;

    synchronized AgentChannel agentChannel(LoadedConfig loaded) {
        if (agentChannel == null) {
            agentChannel = AgentChannel.connect(EtcdSettings.of(loaded.config().state(), loaded.folder()),
                    loaded.config().name(), System::getenv);
        }
        return agentChannel;
    }

    /** What apply and destroy wait for after writing the state: the reports of the agent hosts they changed. */
    AgentHandover handover(LoadedConfig loaded, Duration timeout, PrintWriter out) {
        return StateConfig.ETCD.equals(loaded.config().state().backend())
                ? new AgentHandover(() -> agentChannel(loaded), timeout, out) : AgentHandover.NONE;
    }

    StateStore stateStore(NetworkConfig config, Path yamlFolder) {
        return StateStores.open(config, yamlFolder);
    }

    /**
     * Local and netns hosts through this machine's tools; ssh hosts through sshj, with the same host code. The
     * forwarder runs as a systemd unit where the host runs systemd, as a daemon otherwise (and on netns hosts).
     */
    HostConnector connector(boolean sshAcceptNew) {
        HostConnector linux = new LinuxHostConnector(InitForwarderControl.of(forwarderLauncher()));
        // the SSH client is set up on the first SSH host only: a command that reaches none never pays for it
        Supplier<HostConnector> ssh = new Supplier<>() {
            private HostConnector made;

            @Override
            public synchronized HostConnector get() {
                if (made == null) {
                    made = new SshHostConnector(new SshConnector(sshAcceptNew),
                            (target, transport) -> new LinuxHost(target.name(), transport, remoteForwarder()),
                            notice -> System.err.println("Note: " + notice));
                }
                return made;
            }
        };
        return new HostConnector() {
            @Override
            public Host connect(HostTarget target) {
                return target.connection() == Connection.SSH ? ssh.get().connect(target) : linux.connect(target);
            }
        };
    }
}
