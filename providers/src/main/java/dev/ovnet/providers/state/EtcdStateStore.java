package dev.ovnet.providers.state;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ovnet.planner.net.Cidr;
import dev.ovnet.planner.net.Cidr6;
import dev.ovnet.planner.net.Ipv4;
import dev.ovnet.planner.net.Ipv6;
import dev.ovnet.planner.spi.FlannelLease;
import dev.ovnet.planner.spi.FlannelLeases;
import dev.ovnet.planner.spi.LockInfo;
import dev.ovnet.planner.spi.StateException;
import dev.ovnet.planner.spi.StateLock;
import dev.ovnet.planner.spi.StateStore;
import dev.ovnet.planner.state.State;
import io.etcd.jetcd.KeyValue;
import io.etcd.jetcd.kv.TxnResponse;
import io.etcd.jetcd.op.Cmp;
import io.etcd.jetcd.op.CmpTarget;
import io.etcd.jetcd.op.Op;
import io.etcd.jetcd.options.GetOption;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * The state in etcd (docs/state.md), for teams and CI jobs that share one network: the state JSON under
 * {@code <prefix>/ovnet/<network>/state} with the previous version beside it ({@code state.backup}), the lock
 * under an expiring lease ({@link EtcdLock}), and the leases mirrored in flannel's own layout
 * ({@link FlannelLayout}) in the same transaction.
 *
 * <p>Every write is one compare-and-swap transaction: it re-reads the stored state, refuses unless the new serial
 * follows it, and commits only if the state key, the flannel keys it changes and (when this store holds the
 * lock) the lock key are all still as read. etcd refuses transactions of more than 128 operations
 * ({@code --max-txn-ops}), so when more than about 120 lease keys change at once (the first apply of a big
 * network), the state and the first keys commit together and the remaining keys follow in further
 * transactions, each guarded by the state revision just written. A write interrupted between them leaves keys
 * missing that the next write puts.
 *
 * <p>The value is the compact state JSON; above 512 KiB it is gzip-compressed (etcd takes at most 1.5 MiB per
 * request by default; 5,000 hosts are about 1.8 MB as JSON and about 130 kB compressed).
 */
public final class EtcdStateStore implements StateStore, AutoCloseable {

    static final int MAX_TXN_OPS = 128;
    static final int GZIP_ABOVE = 512 * 1024;

    private final EtcdKv kv;
    private final EtcdKeys keys;
    private final SubnetBounds bounds;
    private volatile EtcdLock held;

    private EtcdStateStore(EtcdKv kv, EtcdKeys keys, SubnetBounds bounds) {
        this.kv = kv;
        this.keys = keys;
        this.bounds = bounds;
    }

    /** Connects (failing at once with a clear message when etcd cannot be reached) with flannel's default bounds. */
    public static EtcdStateStore open(EtcdSettings settings, String network) {
        return open(settings, network, null, null, System::getenv);
    }

    /**
     * Connects. {@code subnetMin} and {@code subnetMax} are written to flannel's config (null: flannel's
     * defaults); {@code env} looks up the password variable.
     */
    public static EtcdStateStore open(EtcdSettings settings, String network, Ipv4 subnetMin, Ipv4 subnetMax,
            Function<String, String> env) {
        return open(settings, network, new SubnetBounds(subnetMin, subnetMax, null, null), env);
    }

    /** Connects, writing {@code bounds} (both families) to flannel's config; {@code env} looks up the password. */
    public static EtcdStateStore open(EtcdSettings settings, String network, SubnetBounds bounds,
            Function<String, String> env) {
        EtcdKeys keys = new EtcdKeys(settings.prefix(), Objects.requireNonNull(network));
        return new EtcdStateStore(EtcdKv.connect(settings, env, keys.state()), keys, bounds);
    }

    EtcdKeys keys() {
        return keys;
    }

    @Override
    public Optional<State> read() {
        return kv.get(keys.state()).map(this::decode);
    }

    /**
     * flannel's key: {@code a.b.c.d-len}, and {@code &ipv6-len} on a dual-stack lease (IPv6 in lower case); an
     * IPv6-only lease has the IPv4 part {@code 0.0.0.0-0}.
     */
    private static final Pattern SUBNET_KEY =
            Pattern.compile(".*/(\\d+\\.\\d+\\.\\d+\\.\\d+)-(\\d+)(?:&([a-f\\d:]+)-(\\d+))?$");

    /** The IPv4 part of an IPv6-only lease's key: no IPv4 subnet. */
    private static final String NO_IPV4_PART = FlannelLayout.NO_IPV4 + "-0";

    /** The leases under {@code <prefix>/subnets/}, read when asked (under the caller's lock). */
    @Override
    public Optional<FlannelLeases> flannelLeases() {
        return Optional.of(this::readFlannelLeases);
    }

    /** Every lease under the prefix that parses (keys that do not are skipped, as flannel skips them). */
    private List<FlannelLease> readFlannelLeases() {
        List<FlannelLease> out = new ArrayList<>();
        ObjectMapper json = new ObjectMapper();
        for (KeyValue entry : kv.list(keys.subnets())) {
            Matcher m = SUBNET_KEY.matcher(entry.getKey().toString(StandardCharsets.UTF_8));
            if (!m.matches()) {
                continue;
            }
            try {
                FlannelLease lease = lease(m, json.readTree(entry.getValue().getBytes()));
                if (lease != null) {
                    out.add(lease);
                }
            } catch (IllegalArgumentException | IOException e) {
                // not a lease flannel could read either: skipped
            }
        }
        return out;
    }

    /**
     * One lease from its key and value, or null when it names no host: an IPv4 or dual-stack lease without a
     * PublicIP, an IPv6-only one (key {@code 0.0.0.0-0&...}, PublicIP 0.0.0.0 or absent) without a PublicIPv6.
     */
    private static FlannelLease lease(Matcher key, JsonNode v) {
        JsonNode type = v.get("BackendType");
        String backendType = type == null ? null : type.asText();
        Cidr6 subnet6 = key.group(3) == null ? null : Cidr6.parse(key.group(3) + "/" + key.group(4));
        JsonNode ip6 = v.get("PublicIPv6");
        Ipv6 publicIpv6 = ip6 != null && ip6.isTextual() ? Ipv6.parse(ip6.asText()) : null;
        if ((key.group(1) + "-" + key.group(2)).equals(NO_IPV4_PART)) {
            return subnet6 == null || publicIpv6 == null ? null
                    : FlannelLease.ipv6Only(subnet6, publicIpv6, backendType, vtepMac(v.get("BackendV6Data")));
        }
        JsonNode ip = v.get("PublicIP");
        if (ip == null || !ip.isTextual()) {
            return null;
        }
        return new FlannelLease(Cidr.parse(key.group(1) + "/" + key.group(2)), Ipv4.parse(ip.asText()), backendType,
                vtepMac(v.get("BackendData")), subnet6, publicIpv6, vtepMac(v.get("BackendV6Data")));
    }

    private static String vtepMac(JsonNode data) {
        return data != null && data.get("VtepMAC") != null ? data.get("VtepMAC").asText() : null;
    }

    /** The state before the last write, from {@code state.backup}. */
    public Optional<State> readBackup() {
        return kv.get(keys.backup()).map(value -> StateCodec.decode(unpack(value.getValue().getBytes()),
                keys.backup(), "the backup key is damaged too; restore the state from another copy"));
    }

    private State decode(KeyValue value) {
        String key = keys.state();
        String etcdctl = "etcdctl --endpoints=" + kv.endpoints();
        return StateCodec.decode(unpack(value.getValue().getBytes()), kv.describe() + " key " + key,
                "restore the previous state from its backup key: " + etcdctl + " get --print-value-only "
                        + keys.backup() + " | " + etcdctl + " put " + key);
    }

    @Override
    public void write(State state) {
        Optional<KeyValue> current = kv.get(keys.state());
        Optional<State> stored = current.map(this::decode);
        StateSequence.checkFollows(state, stored, location());
        EtcdLock lock = held;
        byte[] encoded = pack(StateCodec.encodeCompact(state));
        List<KeyValue> subnets = kv.list(keys.subnets());
        EtcdWrite write = EtcdWrite.plan(keys, state, stored, encoded, current, kv.get(keys.config()), subnets,
                bounds);
        List<Cmp> compares = new ArrayList<>();
        List<Op> ops = new ArrayList<>();
        if (lock != null && lock.open()) {
            compares.add(new Cmp(EtcdKv.bytes(lock.key()), Cmp.Op.EQUAL,
                    CmpTarget.createRevision(lock.createRevision())));
        }
        add(write.head(), compares, ops);
        List<EtcdWrite.Guarded> leases = write.leases();
        int first = Math.min(leases.size(), MAX_TXN_OPS - Math.max(compares.size(), ops.size()));
        add(leases.subList(0, first), compares, ops);
        AtomicInteger attempts = new AtomicInteger();
        TxnResponse response = kv.txn(compares, ops, List.of(Op.get(EtcdKv.bytes(keys.state()), GetOption.DEFAULT)),
                attempts);
        long revision = response.getHeader().getRevision();
        if (!response.isSucceeded()) {
            List<KeyValue> now = response.getGetResponses().get(0).getKvs();
            if (attempts.get() == 1 || now.isEmpty() || !state.equals(decode(now.get(0)))) {
                throw refused(state, lock, now);
            }
            // a try that timed out (leader change) was applied after all: this write has landed
            revision = now.get(0).getModRevision();
        }
        for (int from = first; from < leases.size(); from += MAX_TXN_OPS - 1) {
            List<Cmp> chunkCompares = new ArrayList<>(List.of(EtcdWrite.modRevision(keys.state(), revision)));
            List<Op> chunkOps = new ArrayList<>();
            add(leases.subList(from, Math.min(leases.size(), from + MAX_TXN_OPS - 1)), chunkCompares, chunkOps);
            if (!kv.txn(chunkCompares, chunkOps, List.of()).isSucceeded()) {
                throw new StateException("the state " + location() + " was written (serial " + state.serial()
                        + "), but some of flannel's lease keys under " + keys.subnets() + " changed meanwhile "
                        + "and were not updated", "run ovnet apply again: it writes the missing keys");
            }
        }
    }

    private static void add(List<EtcdWrite.Guarded> guarded, List<Cmp> compares, List<Op> ops) {
        for (EtcdWrite.Guarded g : guarded) {
            if (g.compare() != null) {
                compares.add(g.compare());
            }
            ops.add(g.op());
        }
    }

    /** Says why the transaction did not commit: the state changed, the lock was lost, or a lease key changed. */
    private StateException refused(State state, EtcdLock lock, List<KeyValue> now) {
        Optional<State> stored = now.isEmpty() ? Optional.empty() : Optional.of(decode(now.get(0)));
        try {
            StateSequence.checkFollows(state, stored, location());
        } catch (StateException stale) {
            return stale;
        }
        if (lock != null && kv.get(lock.key()).map(KeyValue::getCreateRevision).orElse(0L)
                != lock.createRevision()) {
            return new StateException("refusing to write " + location() + ": this command lost the state lock "
                    + "(its etcd lease expired, " + EtcdLock.TTL.toSeconds() + " s without contact)",
                    "check the connection to etcd and run the command again");
        }
        return new StateException("refusing to write " + location() + ": flannel's keys under " + keys.prefix()
                + " changed while the state was written", "run the command again");
    }

    @Override
    public StateLock lock(String operation, Duration timeout) {
        EtcdLock lock = EtcdLock.acquire(kv, keys.lock(), operation, keys.state(), timeout);
        held = lock;
        return new StateLock() {
            @Override
            public LockInfo info() {
                return lock.info();
            }

            @Override
            public void close() {
                if (held == lock) {
                    held = null;
                }
                lock.close();
            }
        };
    }

    /**
     * Removes the lock key if the lock info in it has ID {@code id} ({@code ovnet force-unlock}): for a holder that
     * is stuck but still alive (a dead one's lock goes with its lease). The key is deleted only as it was read,
     * so a lock taken in between is never removed. The old holder can no longer write: its writes compare the
     * lock key's create revision. Returns the removed lock info.
     */
    @Override
    public LockInfo forceUnlock(String id) {
        EtcdLock mine = held;
        if (mine != null && mine.open()) {
            throw new StateException("the state lock " + mine.info().id() + " is held by this process",
                    "release it by finishing the command that holds it");
        }
        Optional<KeyValue> current = kv.get(keys.lock());
        if (current.isEmpty()) {
            throw new StateException("the state is not locked: " + kv.describe() + " has no key " + keys.lock(),
                    null);
        }
        LockRecord holder = LockRecord.parse(current.get().getValue().getBytes(), keys.state())
                .orElse(LockRecord.unknown(keys.state()));
        if (!holder.info().id().equals(id)) {
            throw new StateException("the lock ID " + id + " does not match the lock " + keys.lock() + " (ID "
                    + holder.info().id() + ")", "give the ID shown in the lock info");
        }
        TxnResponse response = kv.txn(List.of(new Cmp(EtcdKv.bytes(keys.lock()), Cmp.Op.EQUAL,
                        CmpTarget.modRevision(current.get().getModRevision()))),
                List.of(Op.delete(EtcdKv.bytes(keys.lock()), io.etcd.jetcd.options.DeleteOption.DEFAULT)), List.of());
        if (!response.isSucceeded()) {
            throw new StateException("the state lock " + keys.lock() + " changed while it was being removed",
                    "look at the lock again and run force-unlock with the ID it shows now");
        }
        return holder.info();
    }

    @Override
    public String location() {
        return kv.describe() + " key " + keys.state();
    }

    /** Closes the connection; a lock still held is released by its lease. */
    @Override
    public void close() {
        kv.close();
    }

    static byte[] pack(byte[] json) {
        if (json.length <= GZIP_ABOVE) {
            return json;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(json.length / 8);
        try (GZIPOutputStream gzip = new GZIPOutputStream(bytes)) {
            gzip.write(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** JSON as it is, or gunzipped when it starts with gzip's magic bytes (JSON never does). */
    static byte[] unpack(byte[] value) {
        if (value.length < 2 || (value[0] & 0xff) != 0x1f || (value[1] & 0xff) != 0x8b) {
            return value;
        }
        try (GZIPInputStream gzip = new GZIPInputStream(new ByteArrayInputStream(value))) {
            return gzip.readAllBytes();
        } catch (IOException e) {
            return new byte[0];
        }
    }
}
