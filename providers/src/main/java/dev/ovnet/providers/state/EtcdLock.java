package dev.ovnet.providers.state;

import dev.ovnet.planner.spi.LockInfo;
import dev.ovnet.planner.spi.StateLock;
import io.etcd.jetcd.KeyValue;
import io.etcd.jetcd.kv.TxnResponse;
import io.etcd.jetcd.lease.LeaseKeepAliveResponse;
import io.etcd.jetcd.op.Cmp;
import io.etcd.jetcd.op.CmpTarget;
import io.etcd.jetcd.op.Op;
import io.etcd.jetcd.options.DeleteOption;
import io.etcd.jetcd.options.GetOption;
import io.etcd.jetcd.options.PutOption;
import io.etcd.jetcd.support.CloseableClient;
import io.grpc.stub.StreamObserver;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

/**
 * The state lock in etcd: the key {@code <prefix>/ovnet/<network>/lock}, created by a transaction only if it
 * does not exist, holding the lock info JSON and attached to an etcd lease of {@link #TTL} that this process
 * keeps alive. A holder that dies stops renewing, etcd drops the lease and the key with it within the TTL, and
 * the next command gets the lock. A holder that exits normally without closing the lock revokes the lease
 * from a shutdown hook.
 *
 * <p>Design note: a plain key instead of etcd's lock service, because the holder must be readable by the one
 * that waits (the lock service's key holds no value), and because its create revision fences writes: the
 * store's write transaction compares it, so a holder whose lease expired under it cannot write any more.
 */
final class EtcdLock implements StateLock {

    static final Duration TTL = Duration.ofSeconds(15);

    private final EtcdKv kv;
    private final String key;
    private final LockRecord record;
    private final long lease;
    private final long createRevision;
    private final CloseableClient keepAlive;
    private final Thread shutdownHook;
    private volatile boolean closed;

    private EtcdLock(EtcdKv kv, String key, LockRecord record, long lease, long createRevision,
            CloseableClient keepAlive) {
        this.kv = kv;
        this.key = key;
        this.record = record;
        this.lease = lease;
        this.createRevision = createRevision;
        this.keepAlive = keepAlive;
        this.shutdownHook = new Thread(() -> kv.revokeQuietly(lease, Duration.ofSeconds(2)), "ovnet-etcd-unlock");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /** Takes the lock for {@code operation}, waiting up to {@code timeout}, then names the holder. */
    static EtcdLock acquire(EtcdKv kv, String key, String operation, String path, Duration timeout) {
        long lease = kv.grant(TTL);
        CloseableClient keepAlive = kv.keepAlive(lease, new Quiet());
        try {
            return LockAttempt.await(timeout, () -> tryOnce(kv, key, LockRecord.create(operation, path), lease,
                    keepAlive));
        } catch (RuntimeException e) {
            keepAlive.close();
            kv.revokeQuietly(lease, Duration.ofSeconds(2));
            throw e;
        }
    }

    private static LockAttempt<EtcdLock> tryOnce(EtcdKv kv, String key, LockRecord record, long lease,
            CloseableClient keepAlive) {
        TxnResponse response = kv.txn(
                List.of(new Cmp(EtcdKv.bytes(key), Cmp.Op.EQUAL, CmpTarget.version(0))),
                List.of(Op.put(EtcdKv.bytes(key), io.etcd.jetcd.ByteSequence.from(record.toJson()),
                        PutOption.builder().withLeaseId(lease).build())),
                List.of(Op.get(EtcdKv.bytes(key), GetOption.DEFAULT)));
        if (response.isSucceeded()) {
            return LockAttempt.acquired(new EtcdLock(kv, key, record, lease, response.getHeader().getRevision(),
                    keepAlive));
        }
        List<KeyValue> holder = response.getGetResponses().get(0).getKvs();
        byte[] value = holder.isEmpty() ? new byte[0] : holder.get(0).getValue().getBytes();
        if (!holder.isEmpty() && holder.get(0).getLease() == lease) {
            // an earlier try that timed out did take the lock (the key is on our lease)
            LockRecord mine = LockRecord.parse(value, record.info().path()).orElse(record);
            return LockAttempt.acquired(new EtcdLock(kv, key, mine, lease, holder.get(0).getCreateRevision(),
                    keepAlive));
        }
        return LockAttempt.busy(LockRecord.parse(value, record.info().path()).orElse(LockRecord.unknown(key)));
    }

    /** The revision that created the lock key; a write compares it to prove the lock is still held. */
    long createRevision() {
        return createRevision;
    }

    String key() {
        return key;
    }

    boolean open() {
        return !closed;
    }

    @Override
    public LockInfo info() {
        return record.info();
    }

    /** Deletes the lock key (if it is still ours) and revokes the lease. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            kv.txn(List.of(new Cmp(EtcdKv.bytes(key), Cmp.Op.EQUAL, CmpTarget.createRevision(createRevision))),
                    List.of(Op.delete(EtcdKv.bytes(key), DeleteOption.DEFAULT)), List.of());
        } finally {
            keepAlive.close();
            kv.revokeQuietly(lease, Duration.ofSeconds(5));
            try {
                Runtime.getRuntime().removeShutdownHook(shutdownHook);
            } catch (IllegalStateException e) {
                // the JVM is shutting down; the hook revokes the lease again, harmlessly
            }
        }
    }

    /** Keep-alive answers need no action: a lost lease shows as a refused write (the fence). */
    private static final class Quiet implements StreamObserver<LeaseKeepAliveResponse> {

        @Override
        public void onNext(LeaseKeepAliveResponse value) {
        }

        @Override
        public void onError(Throwable t) {
        }

        @Override
        public void onCompleted() {
        }
    }

    @Override
    public String toString() {
        return new String(record.toJson(), StandardCharsets.UTF_8);
    }
}
