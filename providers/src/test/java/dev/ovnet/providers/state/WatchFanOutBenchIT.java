package dev.ovnet.providers.state;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.Watch;
import io.etcd.jetcd.options.WatchOption;
import io.etcd.jetcd.watch.WatchResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Benchmark (bench/etcd-watch-fanout): etcd's watch fan-out to many watchers of one key, as the agents of a large
 * network all watch the state key. A real etcd on loopback; {@code watchers} jetcd watchers (default 1,000) on one
 * key, spread over {@code clients} jetcd clients (default: one client per watcher, each its own gRPC connection,
 * as each agent is); a writer puts a value of {@code bytes} random bytes (default 107,402: the gzipped state of
 * 5,001 hosts) {@code writes} times (default 20), one after the other once every watcher has seen the last one.
 * For each write and watcher: the time from the put's start to the event's arrival, and to the end of the read of
 * the key that an agent makes on that event (property {@code read}, default true). Prints p50, p99 and max of
 * both, and of the slowest watcher of each write.
 */
@Tag("bench")
class WatchFanOutBenchIT {

    private static final ByteSequence KEY = ByteSequence.from("/oa2/fanout/state", StandardCharsets.UTF_8);

    @Test
    void fanOut() throws Exception {
        int watchers = Integer.getInteger("watchers", 1000);
        int clientCount = Math.min(watchers, Integer.getInteger("clients", watchers));
        int writes = Integer.getInteger("writes", 20);
        int bytes = Math.max(8, Integer.getInteger("bytes", 107_402));
        boolean read = Boolean.parseBoolean(System.getProperty("read", "true"));
        // row 0 is a warm-up write (every watch established), left out of the figures
        long[][] seen = new long[writes + 1][watchers];
        long[][] readAt = new long[writes + 1][watchers];
        long[] sentAt = new long[writes + 1];
        CountDownLatch[] done = new CountDownLatch[writes + 1];
        for (int i = 0; i <= writes; i++) {
            done[i] = new CountDownLatch(watchers * (read ? 2 : 1));
        }
        List<Client> clients = new ArrayList<>();
        List<Watch.Watcher> watches = new ArrayList<>();
        try (EtcdProcess etcd = EtcdProcess.single()) {
            try {
                long started = System.nanoTime();
                for (int c = 0; c < clientCount; c++) {
                    clients.add(Client.builder().endpoints(etcd.endpoints().toArray(String[]::new)).build());
                }
                for (int w = 0; w < watchers; w++) {
                    int watcher = w;
                    Client client = clients.get(w % clientCount);
                    watches.add(client.getWatchClient().watch(KEY, WatchOption.DEFAULT, new Watch.Listener() {
                        @Override
                        public void onNext(WatchResponse response) {
                            long now = System.nanoTime();
                            response.getEvents().forEach(e -> {
                                int write = ByteBuffer.wrap(e.getKeyValue().getValue().getBytes()).getInt();
                                if (seen[write][watcher] != 0) {
                                    return; // the warm-up write, put again
                                }
                                seen[write][watcher] = now;
                                done[write].countDown();
                                if (read) {
                                    client.getKVClient().get(KEY).thenRun(() -> {
                                        readAt[write][watcher] = System.nanoTime();
                                        done[write].countDown();
                                    });
                                }
                            });
                        }

                        @Override
                        public void onError(Throwable error) {
                            System.out.println("watch " + watcher + " failed: " + error);
                        }

                        @Override
                        public void onCompleted() {
                        }
                    }));
                }
                System.out.printf("watchers: %d on one key, over %d jetcd client(s), value %d bytes, %d writes;"
                        + " set up in %.1f s%n", watchers, clientCount, bytes, writes,
                        (System.nanoTime() - started) / 1e9);
                Client writer = Client.builder().endpoints(etcd.endpoints().toArray(String[]::new)).build();
                clients.add(writer);
                Random random = new Random(17);
                for (int i = 0; i <= writes; i++) {
                    byte[] value = new byte[bytes];
                    random.nextBytes(value);
                    ByteBuffer.wrap(value).putInt(i);
                    if (i == 0) {
                        // the warm-up: put again until every watch has been established and has seen it
                        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
                        do {
                            writer.getKVClient().put(KEY, ByteSequence.from(value)).get(30, TimeUnit.SECONDS);
                        } while (!done[0].await(2, TimeUnit.SECONDS) && System.nanoTime() < deadline);
                    } else {
                        sentAt[i] = System.nanoTime();
                        writer.getKVClient().put(KEY, ByteSequence.from(value)).get(30, TimeUnit.SECONDS);
                        done[i].await(2, TimeUnit.MINUTES);
                        Thread.sleep(200);
                    }
                    assertEquals(0, done[i].getCount(), "watchers that did not see write " + i);
                }
                print("event delivered", seen, sentAt);
                if (read) {
                    print("event delivered and the key read", readAt, sentAt);
                }
            } finally {
                // before etcd stops, so that no watch reports a failure
                watches.forEach(Watch.Watcher::close);
                clients.forEach(Client::close);
            }
        }
    }

    private static void print(String what, long[][] at, long[] sentAt) {
        List<Double> all = new ArrayList<>();
        List<Double> slowest = new ArrayList<>();
        for (int i = 1; i < at.length; i++) {
            double last = 0;
            for (long t : at[i]) {
                double ms = (t - sentAt[i]) / 1e6;
                all.add(ms);
                last = Math.max(last, ms);
            }
            slowest.add(last);
        }
        double[] a = all.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        double[] s = slowest.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        System.out.printf("%s (%d samples): p50 %.0f ms, p99 %.0f ms, max %.0f ms; slowest watcher of each write:"
                + " p50 %.0f ms, max %.0f ms%n", what, a.length, pct(a, 50), pct(a, 99), a[a.length - 1],
                pct(s, 50), s[s.length - 1]);
    }

    private static double pct(double[] sorted, int p) {
        int i = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
    }
}
