package dev.ovnet.providers.ssh;

import dev.ovnet.providers.transport.TransportException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
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
 * Runs one command per SSH exec channel on a shared connection. The command line is
 * {@code echo ovnet-pid=$$ >&2; exec 'argv'...}: the login shell tells its pid, then becomes the command. sshd
 * made that shell a session and process-group leader, so on a timeout the whole group can be killed through a
 * second channel; a "signal" channel request would be simpler, but OpenSSH refuses it for root logins ("session
 * signalling requires privilege separation"). stdin, stdout and stderr are pumped by their own threads, so a
 * command that writes a lot before it reads its input cannot deadlock.
 */
final class ExecChannels {

    private static final String PID_PREFIX = "ovnet-pid=";
    private static final String PID_LINE = "echo " + PID_PREFIX + "$$ >&2";
    private static final int PID_SEARCH_LIMIT = 64 * 1024;
    private static final Duration KILL_TIMEOUT = Duration.ofSeconds(5);

    private final SSHClient client;
    private final String host;
    private final String where;
    private final ExecutorService pumps;

    ExecChannels(SSHClient client, String host, String where) {
        this.client = client;
        this.host = host;
        this.where = where;
        this.pumps = Executors.newCachedThreadPool(task -> {
            Thread thread = new Thread(task, "ovnet-ssh-" + host);
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Runs exactly {@code argv}; a timeout kills it as {@code killPrefix kill ...} (e.g. through sudo). */
    RawResult exec(List<String> argv, byte[] stdin, Duration timeout, List<String> killPrefix) {
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
            return new RawResult(exitCode(started, argv), stdout, stderr);
        } catch (TimeoutException e) {
            throw timedOut(argv, timeout, pid, killPrefix);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TransportException("interrupted while running " + argv.get(0) + " on " + host, false, e);
        } catch (ExecutionException | IOException e) {
            if (System.nanoTime() - deadline >= 0 && client.isConnected()) {
                throw timedOut(argv, timeout, pid, killPrefix);
            }
            throw lost("lost while running " + argv.get(0), e);
        } finally {
            try {
                session.close();
            } catch (IOException e) {
                // already closed by the server, or the connection is gone
            }
        }
    }

    void close() {
        pumps.shutdownNow();
    }

    private TransportException timedOut(List<String> argv, Duration timeout, CompletableFuture<Integer> pid,
            List<String> killPrefix) {
        Integer group = pid.getNow(null);
        if (group != null) {
            List<String> kill = new ArrayList<>(killPrefix);
            kill.addAll(List.of("sh", "-c", "kill -s KILL -- \"-$1\"", "ovnet-kill", group.toString()));
            try {
                exec(kill, new byte[0], KILL_TIMEOUT, killPrefix);
            } catch (TransportException e) {
                // closing the channel is all that is left to do
            }
        }
        return new TransportException(host + ": " + PosixShell.commandLine(argv) + ": timed out after "
                + timeout.toSeconds() + " s", false, null);
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
        throw new TransportException(host + ": " + argv.get(0) + " ended without an exit status",
                !client.isConnected(), null);
    }

    private TransportException lost(String what, Exception cause) {
        boolean down = !client.isConnected();
        return new TransportException(where + ": " + what
                + (down ? ": the SSH connection was lost" : ": " + cause.getMessage()), down, cause);
    }

    private static long remaining(long deadline) {
        return Math.max(1, deadline - System.nanoTime());
    }

    /** Reads stderr without the {@code ovnet-pid=N} line; what a login shell's startup files print stays. */
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
