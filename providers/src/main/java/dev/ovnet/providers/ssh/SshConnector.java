package dev.ovnet.providers.ssh;

import dev.ovnet.planner.config.SshConfig;
import dev.ovnet.planner.spi.HostTarget;
import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.net.SocketFactory;
import net.schmizz.sshj.Config;
import net.schmizz.sshj.DefaultConfig;
import net.schmizz.sshj.SSHClient;
import net.schmizz.sshj.userauth.UserAuthException;
import net.schmizz.sshj.userauth.keyprovider.KeyPairWrapper;
import net.schmizz.sshj.userauth.method.AuthMethod;
import net.schmizz.sshj.userauth.method.AuthPublickey;

/**
 * Opens the SSH connection to one host and hands it over as an {@link SshTransport}; anything that keeps the
 * host from being used becomes an {@link SshHostException} that says what to do. One connector serves all hosts
 * of one ovnet command (identity files are decrypted once) and may be called from several threads at once.
 *
 * <p>Order of things: the identity file and the ssh-agent's keys are gathered first (a key problem must not
 * look like a network problem), then the TCP connection (connect timeout, 10 s by default), the host key check
 * against known_hosts ({@link KnownHostsVerifier}), and public key authentication: the identity file first,
 * then each key of the agent at {@code SSH_AUTH_SOCK}.
 */
public final class SshConnector {

    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
    static final String AGENT_VARIABLE = "SSH_AUTH_SOCK";

    private final boolean acceptNew;
    private final Duration connectTimeout;
    private final SocketFactory sockets;
    private final Map<String, String> env;
    private final Config config = new DefaultConfig();
    private final IdentityKeys keys;

    /** @param acceptNew add unknown host keys to known_hosts ({@code --ssh-accept-new}); changed keys never */
    public SshConnector(boolean acceptNew) {
        this(acceptNew, DEFAULT_CONNECT_TIMEOUT, SocketFactory.getDefault(), System.getenv(), PassphrasePrompt.NONE);
    }

    /**
     * @param sockets where TCP sockets come from (tests create them inside a network namespace)
     * @param env the environment: {@code HOME}, {@code OVNET_SSH_PASSPHRASE}, {@code SSH_AUTH_SOCK}
     */
    public SshConnector(boolean acceptNew, Duration connectTimeout, SocketFactory sockets, Map<String, String> env,
            PassphrasePrompt prompt) {
        this.acceptNew = acceptNew;
        this.connectTimeout = connectTimeout;
        this.sockets = sockets;
        this.env = Map.copyOf(env);
        this.keys = new IdentityKeys(config, this.env, prompt);
    }

    /** A connected, authenticated transport to {@code target}; the caller closes it. */
    public SshTransport connect(HostTarget target) {
        SshConfig ssh = target.ssh() == null ? SshConfig.DEFAULTS : target.ssh();
        if (target.reachAt() == null) {
            throw new SshHostException(target.name(), target.name() + ": no address to connect to",
                    "give the host an address");
        }
        String endpoint = target.reachAt().withPort(ssh.port());
        String address = target.reachAt().toString();
        String where = target.name() + " (" + endpoint + ")";
        KnownHostsVerifier verifier = new KnownHostsVerifier(expand(ssh.knownHostsFile()), acceptNew,
                target.name(), where);
        try (Credentials credentials = credentials(target.name(), where, ssh)) {
            SSHClient client = new SSHClient(config);
            try {
                client.addHostKeyVerifier(verifier);
                client.setSocketFactory(sockets);
                int millis = (int) connectTimeout.toMillis();
                client.setConnectTimeout(millis);
                client.setTimeout(millis);
                client.getTransport().setTimeoutMs(millis);
                open(client, address, ssh.port(), target.name(), where, verifier);
                authenticate(client, ssh, target.name(), where, credentials);
                client.getSocket().setSoTimeout(0);
                client.getSocket().setTcpNoDelay(true);
                boolean sudo = ssh.sudo() && !"root".equals(ssh.user());
                return new SshTransport(client, target.name(), ssh.user(), endpoint, sudo,
                        verifier.added().orElse(null));
            } catch (IOException | RuntimeException e) {
                try {
                    client.close();
                } catch (IOException closing) {
                    e.addSuppressed(closing);
                }
                if (e instanceof RuntimeException runtime) {
                    throw runtime;
                }
                throw new SshHostException(target.name(), where + ": " + e.getMessage(), null);
            }
        }
    }

    private void open(SSHClient client, String address, int port, String host, String where,
            KnownHostsVerifier verifier) {
        String hint = "check that sshd runs on " + address + " and listens on port " + port
                + ", and that nothing between here and there drops the connection";
        try {
            client.connect(address, port);
        } catch (ConnectException e) {
            throw new SshHostException(host, where + " is unreachable: connection refused", hint);
        } catch (SocketTimeoutException e) {
            throw new SshHostException(host, where + " is unreachable: timed out after "
                    + seconds(connectTimeout), hint);
        } catch (NoRouteToHostException e) {
            throw new SshHostException(host, where + " is unreachable: no route to host", hint);
        } catch (net.schmizz.sshj.transport.TransportException e) {
            throw verifier.refusal().orElseGet(() -> new SshHostException(host, where
                    + ": the SSH handshake failed: " + e.getMessage(), hint));
        } catch (IOException e) {
            throw new SshHostException(host, where + " is unreachable: " + e.getMessage(), hint);
        }
    }

    private void authenticate(SSHClient client, SshConfig ssh, String host, String where, Credentials credentials)
            throws IOException {
        List<AuthMethod> methods = new ArrayList<>();
        credentials.identity().ifPresent(pair -> methods.add(new AuthPublickey(new KeyPairWrapper(pair))));
        credentials.agentKeys().forEach(key -> methods.add(new AgentAuth(credentials.agent(), key)));
        try {
            client.auth(ssh.user(), methods);
        } catch (UserAuthException e) {
            throw new SshHostException(host, where + ": the server accepted none of the keys for user "
                    + ssh.user() + " (tried " + credentials.describe() + ")",
                    "add the public key to ~" + ssh.user() + "/.ssh/authorized_keys on the host, e.g. ssh-copy-id"
                            + " -p " + ssh.port() + " " + ssh.user() + "@" + client.getRemoteHostname()
                            + ", or set ssh.user and ssh.identityFile");
        }
    }

    /** The identity file's key and the agent's keys; fails before any connection when there is none. */
    private Credentials credentials(String host, String where, SshConfig ssh) {
        List<String> notes = new ArrayList<>();
        Optional<KeyPair> identity = Optional.empty();
        SshHostException identityProblem = null;
        Path identityFile = ssh.identityFile() == null ? null : expand(ssh.identityFile());
        if (identityFile != null) {
            try {
                identity = keys.load(identityFile, host, where);
                notes.add(identity.isPresent()
                        ? "the " + KnownHostsVerifier.displayType(net.schmizz.sshj.common.KeyType.fromKey(
                                identity.get().getPublic()).toString()) + " key "
                                + KnownHostsVerifier.fingerprint(identity.get().getPublic()) + " in " + identityFile
                        : "no identity file at " + identityFile);
            } catch (SshHostException e) {
                identityProblem = e;
                notes.add("the identity file " + identityFile + ", which could not be used");
            }
        }
        SshAgent agent = null;
        List<SshAgent.Identity> agentKeys = List.of();
        String socket = env.get(AGENT_VARIABLE);
        if (socket != null && !socket.isBlank()) {
            try {
                agent = SshAgent.connect(socket);
                agentKeys = agent.identities();
                notes.add(agentKeys.size() + (agentKeys.size() == 1 ? " key" : " keys") + " of the ssh-agent at " + socket);
            } catch (IOException e) {
                notes.add("the ssh-agent at " + socket + ", which did not answer");
            }
        }
        Credentials credentials = new Credentials(identity, agent, agentKeys, String.join(", ", notes));
        if (identity.isEmpty() && agentKeys.isEmpty()) {
            credentials.close();
            if (identityProblem != null) {
                throw identityProblem;
            }
            throw new SshHostException(host, where + ": no key to log in with: " + credentials.describe(),
                    "create a key (ssh-keygen -t ed25519) or set ssh.identityFile, or start ssh-agent and ssh-add");
        }
        return credentials;
    }

    private Path expand(String path) {
        String home = env.getOrDefault("HOME", System.getProperty("user.home"));
        if (path.equals("~")) {
            return Path.of(home);
        }
        return path.startsWith("~/") ? Path.of(home, path.substring(2)) : Path.of(path);
    }

    private static String seconds(Duration duration) {
        return duration.toMillis() % 1000 == 0 ? duration.toSeconds() + " s" : duration.toMillis() + " ms";
    }

    /** What one connection may log in with; closes the agent socket when authentication is over. */
    private record Credentials(Optional<KeyPair> identity, SshAgent agent, List<SshAgent.Identity> agentKeys,
            String describe) implements AutoCloseable {

        @Override
        public void close() {
            if (agent != null) {
                try {
                    agent.close();
                } catch (IOException e) {
                    // nothing was left to say to it
                }
            }
        }
    }
}
