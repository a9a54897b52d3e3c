package dev.ovnet.providers.ssh;

import dev.ovnet.providers.ssh.ExecChannels.RawResult;
import dev.ovnet.providers.transport.Transport;
import dev.ovnet.providers.transport.TransportException;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import net.schmizz.sshj.SSHClient;

/**
 * One host reached over one SSH connection, opened once by {@link SshConnector} and reused for every command and
 * file of one ovnet command: each command is its own exec channel on that connection ({@link ExecChannels}),
 * files go over one SFTP session ({@link SftpFiles}).
 *
 * <p>Threads: one thread at a time. The public methods are synchronized, so a transport may be handed from
 * thread to thread (the engine runs each host on a worker) but calls never overlap; ovnet runs hosts in
 * parallel with one transport each, never one host with two threads.
 *
 * <p>With {@code sudo: true} and a user that is not root, every command and file operation runs through
 * {@code sudo -n --}: non-interactive, so a sudo that wants a password fails at once with a clear message
 * instead of waiting for an answer that never comes (no terminal is ever allocated). Files then go through
 * commands ({@link CommandFiles}), because SFTP would write them as the user.
 */
public final class SshTransport implements Transport {

    private static final List<String> SUDO = List.of("sudo", "-n", "--");

    private final SSHClient client;
    private final String host;
    private final String user;
    /** {@code address:port}, an IPv6 address in brackets. */
    private final String endpoint;
    private final boolean sudo;
    private final String addedHostKey;
    private final ExecChannels channels;
    private RemoteFiles files;
    private boolean closed;

    SshTransport(SSHClient client, String host, String user, String endpoint, boolean sudo,
            String addedHostKey) {
        this.client = client;
        this.host = host;
        this.user = user;
        this.endpoint = endpoint;
        this.sudo = sudo;
        this.addedHostKey = addedHostKey;
        this.channels = new ExecChannels(client, host, host + " (" + endpoint + ")");
    }

    /** Whether commands run through {@code sudo -n} (sudo asked for, and the user is not root). */
    public boolean usesSudo() {
        return sudo;
    }

    /** Set when {@code --ssh-accept-new} added this host's key to known_hosts: what was added, for a notice. */
    public Optional<String> addedHostKey() {
        return Optional.ofNullable(addedHostKey);
    }

    @Override
    public synchronized Result run(List<String> argv, byte[] stdin, Duration timeout) {
        RawResult raw = exec(privileged(argv), stdin, timeout);
        return new Result(raw.exit(), raw.stdoutText(), raw.stderrText());
    }

    @Override
    public synchronized void writeFile(String path, byte[] content, int mode) {
        files().write(path, content, mode);
    }

    @Override
    public synchronized Optional<byte[]> readFile(String path) {
        return files().read(path);
    }

    @Override
    public synchronized void deleteFile(String path) {
        files().delete(path);
    }

    @Override
    public synchronized void checkFile(String verb, String path) {
        files().check(verb, path);
    }

    @Override
    public String describe() {
        return "ssh " + user + "@" + endpoint;
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (files != null) {
            files.close();
        }
        try {
            client.disconnect();
        } catch (IOException e) {
            // the connection is gone either way
        }
        channels.close();
    }

    private RemoteFiles files() {
        ensureOpen();
        if (files == null) {
            files = sudo ? new CommandFiles(this)
                    : SftpFiles.open(client, host).<RemoteFiles>map(f -> f).orElseGet(() -> new CommandFiles(this));
        }
        return files;
    }

    /** {@code argv} as it must run: behind {@code sudo -n --} when sudo is in use. */
    List<String> privileged(List<String> argv) {
        if (!sudo) {
            return argv;
        }
        List<String> all = new ArrayList<>(SUDO);
        all.addAll(argv);
        return all;
    }

    /** Runs exactly {@code argv} (already privileged if it must be) and returns its raw output. */
    RawResult exec(List<String> argv, byte[] stdin, Duration timeout) {
        ensureOpen();
        RawResult result = channels.exec(argv, stdin, timeout, sudo ? SUDO : List.of());
        if (sudo && argv.size() >= SUDO.size() && argv.subList(0, SUDO.size()).equals(SUDO)) {
            checkSudo(result);
        }
        return result;
    }

    private void checkSudo(RawResult result) {
        String err = result.stderrText();
        if (result.exit() == 1 && (err.contains("password is required") || err.contains("terminal is required"))) {
            throw new TransportException("sudo on " + host + " asks for a password; give " + user
                    + " passwordless sudo for ip, bridge, iptables-restore, sysctl and the file commands ovnet runs"
                    + " (sh, cat, chmod, mv, rm, kill: a NOPASSWD rule in /etc/sudoers.d), or connect as root",
                    false, null);
        }
        if (result.exit() == 127 && err.contains("sudo") && err.contains("not found")) {
            throw new TransportException("sudo is not installed on " + host + "; install it or connect as root",
                    false, null);
        }
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("the SSH transport to " + host + " is closed");
        }
    }
}
