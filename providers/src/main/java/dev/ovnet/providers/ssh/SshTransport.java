package dev.ovnet.providers.ssh;

import dev.ovnet.providers.transport.Transport;
import dev.ovnet.providers.transport.TransportException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import net.schmizz.sshj.SSHClient;
import net.schmizz.sshj.connection.channel.direct.Session;
import net.schmizz.sshj.connection.channel.direct.Signal;

/**
 * One host reached over one SSH connection, opened once by {@link SshConnector} and reused for every command and
 * file of one ovnet command (each command is its own exec channel on that connection).
 *
 * <p>Threads: one thread at a time. The public methods are synchronized, so a transport may be handed from
 * thread to thread (the engine runs each host on a worker) but calls never overlap; ovnet runs hosts in
 * parallel with one transport each, never one host with two threads. Each command uses two or three short-lived
 * pump threads of its own (stdin, stdout, stderr) so that a command that writes a lot while it reads its input
 * cannot deadlock.
 *
 * <p>With {@code sudo: true} and a user that is not root, every command and file operation runs through
 * {@code sudo -n --}: non-interactive, so a sudo that wants a password fails at once with a clear message
 * instead of waiting for an answer that never comes (no terminal is ever allocated).
 */
public final class SshTransport implements Transport {

    private static final List<String> SUDO = List.of("sudo", "-n", "--");
    private static final String PID_PREFIX = "ovnet-pid=";
    /** Printed to stderr before the command replaces the shell, so a timed-out command can be killed. */
    private static final String PID_LINE = "echo " + PID_PREFIX + "$$ >&2";
    private static final int PID_SEARCH_LIMIT = 64 * 1024;
    private static final Duration KILL_TIMEOUT = Duration.ofSeconds(5);

    private final SSHClient client;
    private final String host;
    private final String user;
    private final String address;
    private final int port;
    private final boolean sudo;
    private final String addedHostKey;
    private final ExecutorService pumps;
    private RemoteFiles files;
    private boolean closed;

    SshTransport(SSHClient client, String host, String user, String address, int port, boolean sudo,
            String addedHostKey) {
        this.client = client;
        this.host = host;
        this.user = user;
        this.address = address;
        this.port = port;
        this.sudo = sudo;
        this.addedHostKey = addedHostKey;
        this.pumps = Executors.newCachedThreadPool(task -> {
            Thread thread = new Thread(task, "ovnet-ssh-" + host);
            thread.setDaemon(true);
            return thread;
        });
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
    public String describe() {
        return "ssh " + user + "@" + address + ":" + port;
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
        pumps.shutdownNow();
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
        String line = PID_LINE + "; exec " + PosixShell.commandLine(argv);
        long deadline = System.nanoTime() + timeout.toNanos();
        Session session;
        try {
            session = client.startSession();
        } catch (IOException e) {
            throw lost("cannot start " + argv.get(0), e);
        }
        CompletableFuture<Integer> pid = new CompletableFuture<>();
        try {
            Session.Command started = session.exec(line);
            Future<byte[]> out = pumps.submit(() -> readAll(started.getInputStream()));
            Future<byte[]> err = pumps.submit(() -> readStderr(started.getErrorStream(), pid));
            pumps.submit(() -> feed(started.getOutputStream(), stdin));
            byte[] stdout = out.get(remaining(deadline), TimeUnit.NANOSECONDS);
            byte[] stderr = err.get(remaining(deadline), TimeUnit.NANOSECONDS);
            started.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(remaining(deadline))), TimeUnit.MILLISECONDS);
            RawResult result = new RawResult(exitCode(started, argv), stdout, stderr);
            checkSudo(argv, result);
            return result;
        } catch (TimeoutException e) {
            throw timedOut(argv, timeout, pid);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TransportException("interrupted while running " + argv.get(0) + " on " + host, false, e);
        } catch (ExecutionException | IOException e) {
            if (System.nanoTime() - deadline >= 0 && client.isConnected()) {
                throw timedOut(argv, timeout, pid);
            }
            throw lost("lost while running " + argv.get(0), e);
        } finally {
            closeQuietly(session);
        }
    }

    private int exitCode(Session.Command command, List<String> argv) {
        Integer status = command.getExitStatus();
        if (status != null) {
            return status;
        }
        Signal signal = command.getExitSignal();
        if (signal != null) {
            return 128 + signalNumber(signal);
        }
        throw new TransportException(host + ": " + argv.get(0) + " ended without an exit status", !client.isConnected(),
                null);
    }

    private void checkSudo(List<String> argv, RawResult result) {
        if (!sudo || argv.size() < SUDO.size() || !argv.subList(0, SUDO.size()).equals(SUDO)) {
            return;
        }
        String err = result.stderrText();
        if (result.exit() == 1 && (err.contains("password is required") || err.contains("terminal is required"))) {
            throw new TransportException("sudo on " + host + " asks for a password; give " + user
                    + " passwordless sudo for ip, bridge, iptables-restore, sysctl and the file commands ovnet runs"
                    + " (a NOPASSWD rule in /etc/sudoers.d), or connect as root", false, null);
        }
        if (result.exit() == 127 && err.contains("sudo") && err.contains("not found")) {
            throw new TransportException("sudo is not installed on " + host + "; install it or connect as root",
                    false, null);
        }
    }

    /**
     * Kills the command's process group: sshd made the login shell a session (and group) leader and the shell
     * exec'd the command, so the group is the command and its children. A "signal" channel request would be
     * simpler, but OpenSSH refuses it for root logins ("session signalling requires privilege separation").
     */
    private TransportException timedOut(List<String> argv, Duration timeout, CompletableFuture<Integer> pid) {
        Integer group = pid.getNow(null);
        if (group != null) {
            try {
                exec(privileged(List.of("kill", "-s", "KILL", "--", "-" + group)), new byte[0], KILL_TIMEOUT);
            } catch (TransportException e) {
                // the channel is closed below either way
            }
        }
        return new TransportException(host + ": " + PosixShell.commandLine(argv) + ": timed out after "
                + timeout.toSeconds() + " s", false, null);
    }

    private TransportException lost(String what, Exception cause) {
        boolean down = !client.isConnected();
        return new TransportException(host + " (" + address + ":" + port + "): " + what
                + (down ? ": the SSH connection was lost" : ": " + cause.getMessage()), down, cause);
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("the SSH transport to " + host + " is closed");
        }
    }

    private static long remaining(long deadline) {
        return Math.max(1, deadline - System.nanoTime());
    }

    /**
     * Reads stderr, taking out the line {@code ovnet-pid=N} that the command line prints first (a login shell's
     * startup files may print before it: that output stays).
     */
    private static byte[] readStderr(InputStream in, CompletableFuture<Integer> pid) throws IOException {
        ByteArrayOutputStream kept = new ByteArrayOutputStream();
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while (!pid.isDone() && kept.size() < PID_SEARCH_LIMIT && (b = in.read()) >= 0) {
            if (b != '\n') {
                line.write(b);
                continue;
            }
            String text = line.toString(StandardCharsets.UTF_8);
            if (text.matches(PID_PREFIX + "\\d+")) {
                pid.complete(Integer.parseInt(text.substring(PID_PREFIX.length())));
            } else {
                line.write(b);
                line.writeTo(kept);
            }
            line.reset();
        }
        line.writeTo(kept);
        pid.complete(null);
        in.transferTo(kept);
        return kept.toByteArray();
    }

    private static byte[] readAll(InputStream in) throws IOException {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        in.transferTo(buffer);
        return buffer.toByteArray();
    }

    private static Void feed(OutputStream in, byte[] stdin) {
        try (in) {
            in.write(stdin);
        } catch (IOException e) {
            // the command ended without reading all of its input; its exit status says why
        }
        return null;
    }

    private static void closeQuietly(Session session) {
        try {
            session.close();
        } catch (IOException e) {
            // already closed by the server, or the connection is gone
        }
    }

    private static int signalNumber(Signal signal) {
        return switch (signal) {
            case HUP -> 1;
            case INT -> 2;
            case QUIT -> 3;
            case ILL -> 4;
            case ABRT -> 6;
            case FPE -> 8;
            case KILL -> 9;
            case USR1 -> 10;
            case SEGV -> 11;
            case USR2 -> 12;
            case PIPE -> 13;
            case ALRM -> 14;
            case TERM -> 15;
            default -> 0;
        };
    }

    /** A command's outcome with its output as bytes (file content must not go through a charset). */
    record RawResult(int exit, byte[] stdout, byte[] stderr) {

        String stdoutText() {
            return new String(stdout, StandardCharsets.UTF_8);
        }

        String stderrText() {
            return new String(stderr, StandardCharsets.UTF_8);
        }
    }
}
