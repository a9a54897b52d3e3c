package dev.ovnet.cli;

import dev.ovnet.planner.config.Connection;
import dev.ovnet.planner.config.NetworkConfig;
import dev.ovnet.planner.config.StateConfig;
import dev.ovnet.planner.config.WireguardSettings;
import dev.ovnet.planner.engine.Session;
import dev.ovnet.planner.spi.Host;
import dev.ovnet.planner.spi.HostConnector;
import dev.ovnet.planner.spi.HostTarget;
import dev.ovnet.planner.spi.StateStore;
import dev.ovnet.providers.forwarding.BundledRuntime;
import dev.ovnet.providers.forwarding.ForwarderBuild;
import dev.ovnet.providers.forwarding.ForwarderControl;
import dev.ovnet.providers.forwarding.HostJava;
import dev.ovnet.providers.forwarding.InitForwarderControl;
import dev.ovnet.providers.forwarding.InstallingForwarderControl;
import dev.ovnet.providers.kernel.LinuxHost;
import dev.ovnet.providers.kernel.LinuxHostConnector;
import dev.ovnet.providers.kernel.PresharedKey;
import dev.ovnet.providers.ssh.SshConnector;
import dev.ovnet.providers.ssh.SshHostConnector;
import dev.ovnet.providers.state.AgentChannel;
import dev.ovnet.providers.state.AgentHostConnector;
import dev.ovnet.providers.state.EtcdSettings;
import dev.ovnet.providers.state.StateStores;
import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
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
        StateStore store = stateStore(loaded.config(), loaded.folder());
        HostConnector reached = connector(hosts.sshAcceptNew, presharedKey(loaded));
        HostConnector agents = new AgentHostConnector(() -> agentChannel(loaded));
        HostConnector all = target -> target.connection() == Connection.AGENT ? agents.connect(target)
                : reached.connect(target);
        return new Session(loaded.config(), loaded.sha256(), store, all, hosts.parallelism,
                new Session.Context(Wiring::forwarderBuild,
                        () -> Instant.now().truncatedTo(ChronoUnit.SECONDS).toString(),
                        () -> firstLineage(loaded.sha256(), store.location())));
    }

    /**
     * The lineage of a state not written yet: a UUID derived from the configuration's bytes and where the state
     * goes, so a plan made before there is any state is the same plan every time (plan --json gives the same
     * lineage), while another file or another state location gets another lineage.
     */
    static String firstLineage(String configSha256, String stateLocation) {
        return UUID.nameUUIDFromBytes(("ovnet state of " + configSha256 + " at " + stateLocation)
                .getBytes(StandardCharsets.UTF_8)).toString();
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

    /**
     * This JVM's class path, absolute. The release launcher names its jar {@code /proc/self/fd/9} (the one name
     * under which its class-data-sharing archive matches wherever the release is unpacked); that name means
     * nothing to another process or host, so it is resolved to the jar's real path.
     */
    private static List<Path> classPath() {
        return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .map(Wiring::realIfDescriptor).toList();
    }

    private static Path realIfDescriptor(String entry) {
        Path path = Path.of(entry).toAbsolutePath();
        if (!path.startsWith("/proc/self/fd")) {
            return path;
        }
        try {
            return path.toRealPath();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot resolve the class path entry " + entry, e);
        }
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
     * On SSH hosts the forwarder runs from a copy of this ovnet jar installed there, with the host's Java 17 or,
     * when ovnet runs from a release, the release's runtime installed there; without a jar (a development class
     * path) a udp host over SSH fails clearly instead of silently. One control for all hosts, so the runtime is
     * packed for upload at most once per command.
     */
    private static synchronized ForwarderControl remoteForwarder() {
        if (remoteForwarder == null) {
            List<Path> classPath = classPath();
            if (classPath.size() == 1 && classPath.get(0).toString().endsWith(".jar")) {
                remoteForwarder = new InstallingForwarderControl(classPath.get(0),
                        new HostJava(BundledRuntime.at(Path.of(System.getProperty("java.home")))));
            } else {
                remoteForwarder = ForwarderControl.unavailable("this ovnet does not run from its jar, so it cannot"
                        + " install the forwarder on an SSH host; run the built ovnet (./ovnet)");
            }
        }
        return remoteForwarder;
    }

    private static ForwarderControl remoteForwarder;

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
     * The wireguard pre-shared key of {@code loaded}'s network: its {@code pskFile}, relative to the file's folder,
     * read on this machine when a host first needs it.
     */
    static PresharedKey presharedKey(LoadedConfig loaded) {
        WireguardSettings wg = loaded.config().backend().wireguard();
        return wg == null || !wg.psk() ? PresharedKey.NONE : PresharedKey.in(loaded.folder().resolve(wg.pskFile()));
    }

    /**
     * Local and netns hosts through this machine's tools; ssh hosts through sshj, with the same host code. The
     * forwarder runs as a systemd unit where the host runs systemd, as a daemon otherwise (and on netns hosts).
     */
    HostConnector connector(boolean sshAcceptNew, PresharedKey psk) {
        HostConnector linux = new LinuxHostConnector(InitForwarderControl.of(forwarderLauncher()), psk);
        // the SSH client is set up on the first SSH host only: a command that reaches none never pays for it
        Supplier<HostConnector> ssh = new Supplier<>() {
            private HostConnector made;

            @Override
            public synchronized HostConnector get() {
                if (made == null) {
                    made = new SshHostConnector(new SshConnector(sshAcceptNew),
                            (target, transport) -> new LinuxHost(target.name(), transport, remoteForwarder(),
                                    target.root(), psk),
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
