package dev.ovnet.providers.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ovnet.planner.spi.StateLock;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.maintenance.StatusResponse;
import java.time.Duration;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** A three-member etcd loses its leader: the store, given every endpoint, goes on writing and locking. */
@Tag("etcd")
class EtcdClusterFailoverIT {

    private static int leaderIndex(EtcdProcess cluster) throws Exception {
        for (int i = 0; i < cluster.size(); i++) {
            try (Client one = Client.builder().endpoints(cluster.endpoint(i)).build()) {
                StatusResponse status = one.getMaintenanceClient().statusMember(cluster.endpoint(i)).get();
                if (status.getLeader() == status.getHeader().getMemberId()) {
                    return i;
                }
            }
        }
        throw new IllegalStateException("no leader");
    }

    @Test
    void theStoreSurvivesTheLossOfTheLeader() throws Exception {
        try (EtcdProcess cluster = EtcdProcess.cluster(3)) {
            EtcdSettings settings = EtcdSettings.plain(cluster.endpoints(), "/coreos.com/network");
            try (EtcdStateStore store = EtcdStateStore.open(settings, "demo")) {
                store.write(StateFixtures.sample(1));
                int leader = leaderIndex(cluster);
                cluster.kill(leader);
                long killed = System.nanoTime();
                try (StateLock lock = store.lock("apply", Duration.ofSeconds(20))) {
                    store.write(StateFixtures.sample(2));
                }
                System.out.printf("3-member etcd, leader m%d killed: lock + write done %.0f ms later%n", leader,
                        (System.nanoTime() - killed) / 1e6);
                assertEquals(2, store.read().orElseThrow().serial());
            }
            long start = System.nanoTime();
            try (EtcdStateStore fresh = EtcdStateStore.open(settings, "demo")) {
                assertEquals(2, fresh.read().orElseThrow().serial());
                assertEquals(StateFixtures.sample(1), fresh.readBackup().orElseThrow());
            }
            assertTrue(System.nanoTime() - start < 15_000_000_000L, "a dead endpoint in the list does not block");
        }
    }
}
