package dev.ovnet.providers.state;

import dev.ovnet.planner.spi.StateException;
import dev.ovnet.planner.state.State;
import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.KeyValue;
import io.etcd.jetcd.op.Cmp;
import io.etcd.jetcd.op.CmpTarget;
import io.etcd.jetcd.op.Op;
import io.etcd.jetcd.options.DeleteOption;
import io.etcd.jetcd.options.PutOption;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One state write to etcd as guarded operations: each operation comes with the comparison that proves the key
 * is still what was read (its mod revision, 0 for a key that does not exist), so nothing read before the write
 * can have changed when it lands. The head (state, backup, flannel config, and the lock fence) goes first;
 * flannel lease keys that are put or deleted follow.
 *
 * <p>Which lease keys: every lease of the new state is put unless its key already holds exactly that value;
 * a key that the stored state did not lease but that holds something else belongs to someone else (flanneld,
 * another ovnet network on this prefix) and the write is refused, unless it is the lease of the same PublicIP
 * (the host's own lease from flanneld's days, adopted by {@code ovnet import}). A lease of the stored state that the new
 * state released is deleted. Keys ovnet never leased are never touched.
 */
final class EtcdWrite {

    /** A comparison and the operation it guards. */
    record Guarded(Cmp compare, Op op) {
    }

    private final List<Guarded> head = new ArrayList<>();
    private final List<Guarded> leases = new ArrayList<>();

    List<Guarded> head() {
        return head;
    }

    List<Guarded> leases() {
        return leases;
    }

    static EtcdWrite plan(EtcdKeys keys, State state, Optional<State> stored, byte[] encoded,
            Optional<KeyValue> current, Optional<KeyValue> config, List<KeyValue> subnetKeys, SubnetBounds bounds) {
        EtcdWrite write = new EtcdWrite();
        long stateRevision = current.map(KeyValue::getModRevision).orElse(0L);
        write.head.add(new Guarded(modRevision(keys.state(), stateRevision), put(keys.state(), encoded)));
        current.ifPresent(kv -> write.head.add(new Guarded(null, put(keys.backup(), kv.getValue().getBytes()))));
        if (state.network() != null) {
            String json = FlannelLayout.configJson(state.network(), bounds);
            if (config.isEmpty() || !text(config.get()).equals(json)) {
                write.head.add(new Guarded(modRevision(keys.config(), config.map(KeyValue::getModRevision)
                        .orElse(0L)), put(keys.config(), json.getBytes(StandardCharsets.UTF_8))));
            }
        } else if (config.isPresent() && stored.map(s -> s.network() != null).orElse(false)) {
            write.head.add(new Guarded(modRevision(keys.config(), config.get().getModRevision()),
                    Op.delete(EtcdKv.bytes(keys.config()), DeleteOption.DEFAULT)));
        }
        Map<String, KeyValue> actual = new HashMap<>();
        for (KeyValue kv : subnetKeys) {
            actual.put(kv.getKey().toString(StandardCharsets.UTF_8), kv);
        }
        Map<String, String> wanted = FlannelLayout.leases(state);
        Map<String, String> owned = stored.map(FlannelLayout::leases).orElse(Map.of());
        for (Map.Entry<String, String> lease : wanted.entrySet()) {
            String key = keys.subnet(lease.getKey());
            KeyValue there = actual.get(key);
            if (there != null && text(there).equals(lease.getValue())) {
                continue;
            }
            // a key of the same PublicIP is that host's own lease, from flanneld before ovnet: adopted (ovnet import)
            if (there != null && !owned.containsKey(lease.getKey())
                    && !publicIp(text(there)).equals(publicIp(lease.getValue()))) {
                throw new StateException("the subnet " + lease.getKey().replace('-', '/') + " is already leased in "
                        + "etcd (" + key + " = " + text(there) + ") to a host this state does not know",
                        "flanneld or another network on the prefix holds it; use another pool or prefix, or "
                                + "delete that key if it is stale");
            }
            write.leases.add(new Guarded(modRevision(key, there == null ? 0 : there.getModRevision()),
                    put(key, lease.getValue().getBytes(StandardCharsets.UTF_8))));
        }
        for (String released : owned.keySet()) {
            KeyValue there = actual.get(keys.subnet(released));
            if (!wanted.containsKey(released) && there != null) {
                write.leases.add(new Guarded(modRevision(keys.subnet(released), there.getModRevision()),
                        Op.delete(EtcdKv.bytes(keys.subnet(released)), DeleteOption.DEFAULT)));
            }
        }
        return write;
    }

    private static final Pattern PUBLIC_IP =
            Pattern.compile("\"PublicIP\"\\s*:\\s*\"([^\"]*)\"");
    private static final Pattern PUBLIC_IPV6 =
            Pattern.compile("\"PublicIPv6\"\\s*:\\s*\"([^\"]*)\"");

    /**
     * Whose lease a value is: its PublicIP, or on an IPv6-only lease (PublicIP 0.0.0.0, which every such lease
     * shares, or none at all) its PublicIPv6.
     */
    private static String publicIp(String leaseJson) {
        Matcher m = PUBLIC_IP.matcher(leaseJson);
        String ip = m.find() ? m.group(1) : FlannelLayout.NO_IPV4;
        if (!ip.equals(FlannelLayout.NO_IPV4)) {
            return ip;
        }
        Matcher m6 = PUBLIC_IPV6.matcher(leaseJson);
        return m6.find() ? "v6 " + m6.group(1) : "";
    }

    static Cmp modRevision(String key, long revision) {
        return new Cmp(EtcdKv.bytes(key), Cmp.Op.EQUAL, CmpTarget.modRevision(revision));
    }

    private static Op put(String key, byte[] value) {
        return Op.put(EtcdKv.bytes(key), ByteSequence.from(value), PutOption.DEFAULT);
    }

    private static String text(KeyValue kv) {
        return kv.getValue().toString(StandardCharsets.UTF_8);
    }
}
