package dev.ovnet.providers.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ovnet.planner.spi.StateException;
import dev.ovnet.planner.spi.StateLock;
import dev.ovnet.planner.state.State;
import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.KeyValue;
import io.etcd.jetcd.options.GetOption;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The etcd store beyond the contract: real races, a lost lease, damage, an unreachable etcd, size, speed. */
@Tag("etcd")
class EtcdStateStoreBehaviourIT {

    private static EtcdProcess etcd;
    private static Client client;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() throws Exception {
        etcd = EtcdProcess.single();
        client = Client.builder().endpoints(etcd.endpoints().toArray(String[]::new)).build();
    }

    @AfterAll
    static void stop() {
        if (client != null) {
            client.close();
        }
        if (etcd != null) {
            etcd.close();
        }
    }

    private static String newPrefix() {
        return "/t-" + UUID.randomUUID() + "/coreos.com/network";
    }

    private static EtcdStateStore open(String prefix) {
        return EtcdStateStore.open(EtcdSettings.plain(etcd.endpoints(), prefix), "demo");
    }

    private static ByteSequence bytes(String text) {
        return ByteSequence.from(text, StandardCharsets.UTF_8);
    }

    @Test
    void ofEightWritersThatReadTheSameStateExactlyOneLandsEachRound() throws Exception {
        String prefix = newPrefix();
        List<EtcdStateStore> stores = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            for (int i = 0; i < 8; i++) {
                stores.add(open(prefix));
            }
            stores.get(0).write(StateFixtures.sample(1));
            for (int round = 0; round < 15; round++) {
                CyclicBarrier barrier = new CyclicBarrier(8);
                List<Future<Boolean>> results = new ArrayList<>();
                for (EtcdStateStore store : stores) {
                    results.add(pool.submit(() -> {
                        State read = store.read().orElseThrow();
                        barrier.await();
                        try {
                            store.write(StateFixtures.next(read));
                            return true;
                        } catch (StateException e) {
                            assertTrue(e.getMessage().contains("changed since it was read"), e.getMessage());
                            return false;
                        }
                    }));
                }
                int landed = 0;
                for (Future<Boolean> result : results) {
                    landed += result.get() ? 1 : 0;
                }
                assertEquals(1, landed, "round " + round);
                assertEquals(round + 2, stores.get(0).read().orElseThrow().serial());
            }
        } finally {
            pool.shutdownNow();
            stores.forEach(EtcdStateStore::close);
        }
    }

    @Test
    void aHolderWhoseLeaseIsGoneCannotWriteAnyMore() throws Exception {
        String prefix = newPrefix();
        try (EtcdStateStore store = open(prefix); EtcdStateStore other = open(prefix)) {
            StateLock lock = store.lock("apply", Duration.ZERO);
            store.write(StateFixtures.sample(1));
            KeyValue lockKey = client.getKVClient().get(bytes(store.keys().lock())).get().getKvs().get(0);
            client.getLeaseClient().revoke(lockKey.getLease()).get();
            try (StateLock second = other.lock("apply", Duration.ZERO)) {
                StateException e = assertThrows(StateException.class, () -> store.write(StateFixtures.sample(2)));
                assertTrue(e.getMessage().contains("lost the state lock"), e.getMessage());
                other.write(StateFixtures.sample(2));
            }
            lock.close();
            assertEquals(2, store.read().orElseThrow().serial());
        }
    }

    @Test
    void aDamagedStateNamesTheKeyAndTheBackupKey() throws Exception {
        String prefix = newPrefix();
        try (EtcdStateStore store = open(prefix)) {
            store.write(StateFixtures.sample(1));
            store.write(StateFixtures.sample(2));
            byte[] good = client.getKVClient().get(bytes(store.keys().state())).get().getKvs().get(0).getValue()
                    .getBytes();
            client.getKVClient().put(bytes(store.keys().state()),
                    ByteSequence.from(Arrays.copyOf(good, good.length / 2))).get();
            StateException e = assertThrows(StateException.class, store::read);
            assertTrue(e.getMessage().startsWith("cannot read the state etcd " + etcd.endpoint(0) + " key "
                    + store.keys().state() + ": it is not valid JSON"), e.getMessage());
            assertTrue(e.hint().contains("get --print-value-only " + store.keys().backup()), e.hint());
            assertEquals(1, store.readBackup().orElseThrow().serial());
        }
    }

    @Test
    void anUnreachableEtcdIsAClearErrorAtOnce() throws Exception {
        int port = EtcdProcess.freePort();
        long start = System.nanoTime();
        StateException e = assertThrows(StateException.class, () -> EtcdStateStore.open(
                EtcdSettings.plain(List.of("http://127.0.0.1:" + port), "/coreos.com/network")
                        .withConnectTimeout(Duration.ofSeconds(2)), "demo"));
        double seconds = (System.nanoTime() - start) / 1e9;
        assertTrue(e.getMessage().startsWith("cannot reach etcd http://127.0.0.1:" + port + ": "), e.getMessage());
        assertTrue(e.hint().startsWith("check state.endpoints"), e.hint());
        assertTrue(seconds < 10, "gave up after " + seconds + " s");
        System.out.printf("unreachable etcd reported after %.1f s: %s%n", seconds, e.getMessage());
        StateException bad = assertThrows(StateException.class, () -> EtcdStateStore.open(
                EtcdSettings.plain(List.of("127.0.0.1:2379"), "/p"), "demo"));
        assertTrue(bad.getMessage().contains("is not an etcd endpoint"), bad.getMessage());
    }

    @Test
    void lockAcquireAndReleaseAreFast() {
        String prefix = newPrefix();
        try (EtcdStateStore store = open(prefix)) {
            int rounds = 200;
            long[] acquire = new long[rounds];
            long[] release = new long[rounds];
            for (int i = 0; i < rounds; i++) {
                long t0 = System.nanoTime();
                StateLock lock = store.lock("plan", Duration.ZERO);
                long t1 = System.nanoTime();
                lock.close();
                acquire[i] = t1 - t0;
                release[i] = System.nanoTime() - t1;
            }
            Arrays.sort(acquire);
            Arrays.sort(release);
            System.out.printf("etcd lock over %d rounds: acquire median %.2f ms, p99 %.2f ms; release median "
                    + "%.2f ms, p99 %.2f ms%n", rounds, acquire[rounds / 2] / 1e6, acquire[rounds * 99 / 100] / 1e6,
                    release[rounds / 2] / 1e6, release[rounds * 99 / 100] / 1e6);
            // the figures are printed for the record (bench/plan-scale measures whole commands); what is asserted
            // is that no round waits for a retry pause (1 s), which a lock that missed its key would
            assertTrue(acquire[rounds / 2] < 500_000_000L && release[rounds / 2] < 500_000_000L);
        }
    }

    @Test
    void eightProcessesIncrementingTwentyTimesEachReachExactly160() throws Exception {
        String prefix = newPrefix();
        List<JavaProcess> processes = new ArrayList<>();
        long start = System.nanoTime();
        try {
            for (int i = 0; i < 8; i++) {
                processes.add(JavaProcess.start(StoreChild.class, StoreSpec.etcd(etcd.endpoints(), prefix, "demo"),
                        "increment", StateFixtures.LINEAGE, "20", dir.toString()));
            }
            for (JavaProcess process : processes) {
                assertEquals(0, process.waitFor(180), "process " + process.pid() + " succeeded");
            }
        } finally {
            for (JavaProcess process : processes) {
                process.close();
            }
        }
        try (EtcdStateStore store = open(prefix)) {
            assertEquals(160, store.read().orElseThrow().serial());
        }
        assertEquals("160", Files.readString(dir.resolve("counter")));
        try (var files = Files.list(dir)) {
            assertEquals(List.of(), files.map(p -> p.getFileName().toString())
                    .filter(n -> n.startsWith("violation") || n.equals("inside")).toList());
        }
        System.out.printf("etcd: 8 processes x 20 locked increments: %.1f s%n", (System.nanoTime() - start) / 1e9);
    }

    @Test
    void fiveThousandHostsFitInEtcdWithAllTheirLeaseKeys() throws Exception {
        String prefix = newPrefix();
        try (EtcdStateStore store = open(prefix)) {
            State big = StateFixtures.derived(5000, 1);
            long t0 = System.nanoTime();
            store.write(big);
            long t1 = System.nanoTime();
            assertEquals(big, store.read().orElseThrow());
            long t2 = System.nanoTime();
            State smaller = new State(1, 2, big.lineage(), big.network(), big.hosts().subList(0, 4000));
            store.write(smaller);
            long t3 = System.nanoTime();
            long keys = client.getKVClient().get(bytes(prefix + "/subnets/"),
                    GetOption.builder().isPrefix(true).withCountOnly(true).build()).get().getCount();
            assertEquals(4000, keys);
            int stored = client.getKVClient().get(bytes(store.keys().state())).get().getKvs().get(0).getValue()
                    .size();
            System.out.printf("etcd, 5000 hosts: first write (state + 5000 lease keys) %.0f ms, read %.0f ms, "
                    + "write releasing 1000 leases %.0f ms; state value %d bytes (gzip)%n", (t1 - t0) / 1e6,
                    (t2 - t1) / 1e6, (t3 - t2) / 1e6, stored);
        }
    }
}
