package dev.ovnet.providers.state;

import dev.ovnet.planner.config.EtcdEndpoint;
import dev.ovnet.planner.spi.StateException;
import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.ClientBuilder;
import io.etcd.jetcd.KeyValue;
import io.etcd.jetcd.Watch;
import io.etcd.jetcd.kv.GetResponse;
import io.etcd.jetcd.common.exception.EtcdException;
import io.etcd.jetcd.kv.TxnResponse;
import io.etcd.jetcd.lease.LeaseKeepAliveResponse;
import io.etcd.jetcd.op.Cmp;
import io.etcd.jetcd.op.Op;
import io.etcd.jetcd.options.GetOption;
import io.etcd.jetcd.options.PutOption;
import io.etcd.jetcd.options.WatchOption;
import io.etcd.jetcd.support.CloseableClient;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import java.net.URI;
import java.nio.channels.ClosedChannelException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Supplier;
import javax.net.ssl.SSLException;

/**
 * A jetcd client reduced to what the state store needs, with every call bounded in time and every failure
 * turned into a {@link StateException} that names the endpoints and says what to check. Connecting probes
 * etcd at once, so an unreachable etcd or refused credentials stop a command before it does anything else.
 */
final class EtcdKv implements AutoCloseable {

    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(10);

    private final Client client;
    private final EtcdSettings settings;

    private EtcdKv(Client client, EtcdSettings settings) {
        this.client = client;
        this.settings = settings;
    }

    /**
     * Connects and reads {@code probeKey} once; {@code env} looks up the password variable. https:// endpoints
     * always speak verified TLS, and a password never goes over plain http:// to anything but loopback: the
     * config reader already refuses such a file, and settings made otherwise are held to the same rules here.
     */
    static EtcdKv connect(EtcdSettings settings, Function<String, String> env, String probeKey) {
        List<EtcdEndpoint> endpoints = endpoints(settings);
        ClientBuilder builder = Client.builder()
                .endpoints(endpoints.stream().map(e -> URI.create(e.text())).toArray(URI[]::new))
                .connectTimeout(settings.connectTimeout())
                .waitForReady(false)
                .retryMaxDuration(settings.connectTimeout());
        if (settings.username() != null) {
            int clear = EtcdEndpoint.clearPasswordAt(endpoints, settings.tlsFiles());
            if (clear >= 0) {
                throw new StateException(endpoints.get(clear).clearPasswordMessage(clear, settings.username()),
                        endpoints.get(clear).clearPasswordHint());
            }
            builder.user(bytes(settings.username())).password(bytes(password(settings, env)));
        }
        if (settings.tls()) {
            configureTls(builder, settings);
        }
        EtcdKv kv = new EtcdKv(builder.build(), settings);
        try {
            kv.await(kv.client.getKVClient().get(bytes(probeKey)), "connect", settings.connectTimeout());
        } catch (StateException e) {
            kv.close();
            throw e;
        }
        return kv;
    }

    private static List<EtcdEndpoint> endpoints(EtcdSettings settings) {
        if (settings.endpoints().isEmpty()) {
            throw new StateException("state.endpoints is empty", "list the etcd endpoints, e.g. "
                    + "[http://127.0.0.1:2379]");
        }
        List<EtcdEndpoint> endpoints = settings.endpoints().stream().map(e -> EtcdEndpoint.parse(e.trim())
                .orElseThrow(() -> new StateException("state.endpoints: \"" + e + "\" is not an etcd endpoint",
                        "write it as http://HOST:PORT (or https:// with TLS), e.g. http://127.0.0.1:2379")))
                .toList();
        int mixed = EtcdEndpoint.mixedSchemeAt(endpoints);
        if (mixed >= 0) {
            throw new StateException(EtcdEndpoint.mixedSchemeMessage(endpoints, mixed),
                    EtcdEndpoint.mixedSchemeHint());
        }
        return endpoints;
    }

    private static String password(EtcdSettings settings, Function<String, String> env) {
        if (settings.passwordEnv() == null) {
            throw new StateException("state.username is set but state.passwordEnv is not",
                    "name the environment variable that holds the etcd password, e.g. passwordEnv: "
                            + "ETCD_PASSWORD");
        }
        String password = env.apply(settings.passwordEnv());
        if (password == null) {
            throw new StateException("the environment variable " + settings.passwordEnv()
                    + " (state.passwordEnv) is not set", "export it with the password of etcd user "
                    + settings.username());
        }
        return password;
    }

    private static void configureTls(ClientBuilder builder, EtcdSettings settings) {
        if ((settings.certFile() == null) != (settings.keyFile() == null)) {
            throw new StateException("state.certFile and state.keyFile go together",
                    "give both (client-certificate auth) or neither");
        }
        for (Path file : new Path[] {settings.caFile(), settings.certFile(), settings.keyFile()}) {
            if (file != null && !Files.isReadable(file)) {
                throw new StateException("cannot read the etcd TLS file " + file, "check the path (relative "
                        + "paths are relative to the YAML file's folder) and its permissions");
            }
        }
        try {
            builder.sslContext(ssl -> {
                // without a caFile, netty keeps the JDK's default trust store (the system's CAs); the server's
                // certificate is verified either way, and its names against the endpoint's host by gRPC
                if (settings.caFile() != null) {
                    ssl.trustManager(settings.caFile().toFile());
                }
                if (settings.certFile() != null) {
                    ssl.keyManager(settings.certFile().toFile(), settings.keyFile().toFile());
                }
            });
        } catch (Exception e) {
            throw new StateException("cannot use the etcd TLS files: " + e.getMessage(),
                    "the certificate and the key must be PEM files (the key in PKCS#8 form)", e);
        }
    }

    static ByteSequence bytes(String text) {
        return ByteSequence.from(text, StandardCharsets.UTF_8);
    }

    Optional<KeyValue> get(String key) {
        List<KeyValue> kvs = retrying(() -> client.getKVClient().get(bytes(key)), "read " + key).getKvs();
        return kvs.isEmpty() ? Optional.empty() : Optional.of(kvs.get(0));
    }

    /** The value of {@code key} with the store's revision at the time of the read (agents watch from there). */
    GetResponse read(String key) {
        return retrying(() -> client.getKVClient().get(bytes(key)), "read " + key);
    }

    /** Puts one key, attached to {@code lease} (0: none). */
    void put(String key, byte[] value, long lease) {
        PutOption option = lease == 0 ? PutOption.DEFAULT : PutOption.builder().withLeaseId(lease).build();
        retrying(() -> client.getKVClient().put(bytes(key), ByteSequence.from(value), option), "write " + key);
    }

    /** Watches {@code key} from {@code revision} on; jetcd resumes the stream after a disconnect. */
    Watch.Watcher watch(String key, long revision, Watch.Listener listener) {
        return client.getWatchClient().watch(bytes(key), WatchOption.builder().withRevision(revision).build(),
                listener);
    }

    /** Every key under {@code prefix} (which should end with "/"). */
    List<KeyValue> list(String prefix) {
        return retrying(() -> client.getKVClient().get(bytes(prefix), GetOption.builder().isPrefix(true).build()),
                "list " + prefix).getKvs();
    }

    TxnResponse txn(List<Cmp> compares, List<Op> then, List<Op> otherwise) {
        return txn(compares, then, otherwise, new AtomicInteger());
    }

    /** A transaction; {@code attempts} counts the tries (more than one: an earlier try may have been applied). */
    TxnResponse txn(List<Cmp> compares, List<Op> then, List<Op> otherwise, AtomicInteger attempts) {
        return retrying(() -> {
            attempts.incrementAndGet();
            return client.getKVClient().txn().If(compares.toArray(Cmp[]::new)).Then(then.toArray(Op[]::new))
                    .Else(otherwise.toArray(Op[]::new)).commit();
        }, "write");
    }

    long grant(Duration ttl) {
        return retrying(() -> client.getLeaseClient().grant(ttl.toSeconds()), "grant a lease").getID();
    }

    CloseableClient keepAlive(long lease, StreamObserver<LeaseKeepAliveResponse> observer) {
        return client.getLeaseClient().keepAlive(lease, observer);
    }

    /** Revokes a lease (deleting the keys attached to it), waiting at most {@code timeout}; never throws. */
    void revokeQuietly(long lease, Duration timeout) {
        try {
            client.getLeaseClient().revoke(lease).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            // the lease expires by itself within its TTL
        }
    }

    /**
     * A call that is tried again while etcd is unavailable (a member died, a new leader is being elected), for up
     * to {@link #CALL_TIMEOUT} in all. A transaction that timed out may have been applied anyway; its callers
     * recognise their own earlier success when the retry's comparison fails (see EtcdLock and EtcdStateStore).
     */
    private <T> T retrying(Supplier<CompletableFuture<T>> call, String action) {
        long deadline = System.nanoTime() + CALL_TIMEOUT.toNanos();
        long pause = 100;
        while (true) {
            try {
                return await(call.get(), action, CALL_TIMEOUT);
            } catch (StateException e) {
                boolean transientFailure = e.getCause() != null && (e.getCause() instanceof TimeoutException
                        || isUnavailable(e.getCause()));
                if (!transientFailure || System.nanoTime() + pause * 1_000_000L > deadline) {
                    throw e;
                }
                try {
                    Thread.sleep(pause);
                } catch (InterruptedException x) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
                pause = Math.min(pause * 2, 1000);
            }
        }
    }

    /**
     * Whether etcd (or the member the call went to) was briefly out of reach. Besides UNAVAILABLE and
     * DEADLINE_EXCEEDED, gRPC answers UNKNOWN "channel closed" for a call written to the connection of a member
     * that has just died (its stream never reached etcd), which a retry sends to a living member.
     */
    static boolean isUnavailable(Throwable cause) {
        Status.Code code = statusCode(cause);
        return code == Status.Code.UNAVAILABLE || code == Status.Code.DEADLINE_EXCEEDED
                || code == Status.Code.UNKNOWN && causeOf(cause, ClosedChannelException.class) != null;
    }

    /** jetcd reports gRPC codes either as its own EtcdException or as a gRPC status somewhere in the causes. */
    private static Status.Code statusCode(Throwable cause) {
        return cause instanceof EtcdException etcd ? Status.Code.valueOf(etcd.getErrorCode().name())
                : Status.fromThrowable(cause).getCode();
    }

    private <T> T await(CompletableFuture<T> call, String action, Duration timeout) {
        try {
            return call.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            call.cancel(true);
            throw unreachable("no answer within " + LockAttempt.format(timeout), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StateException("interrupted while talking to " + settings.describe(), null, e);
        } catch (ExecutionException e) {
            throw failure(action, e.getCause() == null ? e : e.getCause());
        }
    }

    private StateException failure(String action, Throwable cause) {
        String message = rootMessage(cause);
        // a plaintext server answers a TLS handshake by closing the connection, which gRPC reports as "Connection
        // closed while performing TLS negotiation" (followed by its pipeline), or by resetting it ("Connection
        // reset", no TLS in the causes): with https:// both mean TLS failed, never that etcd is out of reach
        if (causeOf(cause, SSLException.class) != null || message.contains("TLS negotiation")
                || settings.tls() && message.startsWith("Connection reset")) {
            return tlsFailure(message.lines().findFirst().orElse(message).replaceFirst("^[A-Z_]+: ", ""), cause);
        }
        Status.Code code = statusCode(cause);
        switch (code) {
            case UNAVAILABLE, DEADLINE_EXCEEDED, CANCELLED:
                return unreachable(message, cause);
            case UNAUTHENTICATED, PERMISSION_DENIED:
                return new StateException(settings.describe() + " refused "
                        + (settings.username() == null ? "the request" : "user " + settings.username())
                        + " (" + action + "): " + message,
                        "check state.username, the password in $" + settings.passwordEnv()
                                + " and the user's role on the prefix " + settings.prefix(), cause);
            default:
                return new StateException(settings.describe() + ": " + action + " failed: " + message,
                        "check that etcd is healthy (etcdctl endpoint health)", cause);
        }
    }

    /**
     * A TLS handshake that failed: a server certificate this machine does not trust (or that does not name the
     * endpoint's host), a client certificate etcd refused, or a server that does not speak TLS at all (it closes
     * the connection). Never a reason to fall back to plaintext.
     */
    private StateException tlsFailure(String message, Throwable cause) {
        if (message.startsWith("No subject alternative") || message.startsWith("No name matching")) {
            return new StateException(settings.describe() + " presented a TLS certificate for another name: "
                    + message, "write each endpoint with a host name or address that etcd's certificate names "
                            + "(its subjectAltName), or give etcd a certificate that names this one", cause);
        }
        if (causeOf(cause, CertificateException.class) != null || message.contains("PKIX")) {
            return new StateException(settings.describe() + " presented a TLS certificate that is not trusted: "
                    + message, settings.caFile() == null
                            ? "give state.caFile: the PEM file of the CA that signed etcd's server certificate "
                                    + "(without it only the system's trust store is used)"
                            : "check that state.caFile " + settings.caFile() + " is the CA that signed etcd's "
                                    + "server certificate", cause);
        }
        if (message.contains("Received fatal alert")) {
            return new StateException(settings.describe() + " refused the TLS handshake: " + message,
                    settings.certFile() == null
                            ? "etcd asks for a client certificate: give state.certFile and state.keyFile, signed by "
                                    + "a CA that etcd trusts (its --trusted-ca-file)"
                            : "check that state.certFile " + settings.certFile() + " is signed by a CA that etcd "
                                    + "trusts (its --trusted-ca-file) and allows client authentication", cause);
        }
        return new StateException("TLS with " + settings.describe() + " failed: " + message,
                "an https:// endpoint always speaks TLS: check that etcd serves TLS there (--cert-file, "
                        + "--key-file and https:// in --listen-client-urls)", cause);
    }

    private static <T extends Throwable> T causeOf(Throwable error, Class<T> type) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }

    /** The innermost message: "Connection refused: /127.0.0.1:2379" rather than "UNAVAILABLE: io exception". */
    private static String rootMessage(Throwable cause) {
        String message = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
        for (Throwable t = cause.getCause(); t != null && t != t.getCause(); t = t.getCause()) {
            if (t.getMessage() != null && !t.getMessage().isBlank()) {
                message = t.getMessage();
            }
        }
        return message;
    }

    private StateException unreachable(String detail, Throwable cause) {
        return new StateException("cannot reach " + settings.describe() + ": " + detail,
                "check state.endpoints in the YAML file, that etcd runs and that this machine can reach it"
                        + (settings.tls() ? " (with TLS: https:// endpoints and the right CA)" : ""), cause);
    }

    String describe() {
        return settings.describe();
    }

    /** The endpoints, comma-separated, as etcdctl's --endpoints takes them. */
    String endpoints() {
        return String.join(",", settings.endpoints());
    }

    @Override
    public void close() {
        client.close();
    }
}
