package dev.ovnet.cli;

import dev.ovnet.providers.kernel.PresharedKey;
import dev.ovnet.providers.state.EtcdSettings;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code ovnet agent}: runs on one host and keeps it as the network recorded in etcd says (docs/agents.md). It does
 * not exit on its own: it waits for its network and host to be recorded, follows every change, and repairs what is
 * removed by hand.
 */
@Command(name = "agent", description = "Keep this host's part of the network as recorded in etcd (runs until"
        + " stopped).")
final class AgentCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--host", required = true, paramLabel = "NAME",
            description = "This host's name, as in the hosts list of the network's file.")
    String host;

    @Option(names = "--etcd-endpoints", required = true, split = ",", paramLabel = "URL",
            description = "The etcd endpoints, e.g. http://10.0.0.1:2379 (https:// always verifies TLS).")
    List<String> endpoints;

    @Option(names = "--prefix", defaultValue = EtcdSettings.DEFAULT_PREFIX, paramLabel = "PREFIX",
            description = "The etcd key prefix, as state.prefix (default: ${DEFAULT-VALUE}).")
    String prefix;

    @Option(names = "--network", defaultValue = "default", paramLabel = "NAME",
            description = "The network's name, as network.name (default: ${DEFAULT-VALUE}).")
    String network;

    @Option(names = "--root", paramLabel = "DIR",
            description = "Prefix of every file the agent writes on this host (default: the host's root in the"
                    + " file, hosts[].root).")
    String root;

    @Option(names = "--etcd-ca-file", paramLabel = "FILE", description = "CA to trust for etcd's certificate.")
    Path caFile;

    @Option(names = "--etcd-cert-file", paramLabel = "FILE", description = "Client certificate (with --etcd-key-file).")
    Path certFile;

    @Option(names = "--etcd-key-file", paramLabel = "FILE", description = "Client key, PEM in PKCS#8 form.")
    Path keyFile;

    @Option(names = "--etcd-username", paramLabel = "USER", description = "etcd user (with --etcd-password-env).")
    String username;

    @Option(names = "--etcd-password-env", paramLabel = "VAR",
            description = "Environment variable that holds the etcd user's password.")
    String passwordEnv;

    @Override
    public Integer call() {
        if (root != null && !root.startsWith("/")) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--root " + root
                    + " is not an absolute path: write it from /, e.g. --root /run/ovnet/netns/node-1");
        }
        EtcdSettings etcd = new EtcdSettings(endpoints, prefix, caFile, certFile, keyFile, username, passwordEnv,
                EtcdSettings.DEFAULT_CONNECT_TIMEOUT);
        PrintWriter log = spec.commandLine().getErr();
        AgentLoop.Settings settings = new AgentLoop.Settings(host, root, network, etcd,
                name -> OvnetCommand.env(spec).get(name));
        try (AgentLoop loop = new AgentLoop(settings, OvnetCommand.wiring(spec).connector(false, PresharedKey.NONE), log)) {
            Thread main = Thread.currentThread();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                loop.close();
                main.interrupt();
            }, "ovnet-agent-stop"));
            loop.run();
        }
        return ExitCodes.OK;
    }
}
