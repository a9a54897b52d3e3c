package dev.ovnet.providers.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ovnet.planner.spi.FlannelLease;
import dev.ovnet.planner.spi.StateStore;
import dev.ovnet.planner.state.HostState;
import dev.ovnet.planner.state.State;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The state store contract against a real etcd; every test has a prefix of its own. */
@Tag("etcd")
class EtcdStateStoreIT extends StateStoreContract {

    private static EtcdProcess etcd;
    private final List<EtcdStateStore> opened = new ArrayList<>();
    private String prefix;

    @BeforeAll
    static void startEtcd() throws Exception {
        etcd = EtcdProcess.single();
    }

    @AfterAll
    static void stopEtcd() {
        if (etcd != null) {
            etcd.close();
        }
    }

    @BeforeEach
    void freshPrefix() {
        prefix = "/t-" + UUID.randomUUID() + "/coreos.com/network";
    }

    @AfterEach
    void closeStores() {
        opened.forEach(EtcdStateStore::close);
    }

    private EtcdStateStore open() {
        EtcdStateStore store = EtcdStateStore.open(EtcdSettings.plain(etcd.endpoints(), prefix), "demo");
        opened.add(store);
        return store;
    }

    @Override
    StateStore store() {
        return open();
    }

    @Override
    Optional<State> backup() {
        return open().readBackup();
    }

    @Override
    String childSpec() {
        return StoreSpec.etcd(etcd.endpoints(), prefix, "demo");
    }

    @Override
    Duration killedHolderReleaseBound() {
        return EtcdLock.TTL;
    }

    @Test
    void importReadsTheLeasesOfAWrittenStateInFlannelsLayout() {
        State state = StateFixtures.sample(1);
        store().write(state);
        List<FlannelLease> leases = store().flannelLeases().orElseThrow().read();
        assertEquals(state.hosts().size(), leases.size(), leases.toString());
        for (HostState host : state.hosts()) {
            assertTrue(leases.stream().anyMatch(l -> l.subnet().equals(host.lease())
                    && l.publicIp().equals(host.address())), host.name() + " in " + leases);
        }
    }
}
