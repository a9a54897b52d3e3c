package dev.ovnet.providers.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ovnet.planner.spi.StateException;
import dev.ovnet.planner.spi.StateLock;
import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.auth.Permission;
import io.etcd.jetcd.options.GetOption;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * An agent as its own etcd user, with the role docs/agents.md gives it: it reads and watches the state and writes
 * its own report, and nothing else: not another host's report, not the state.
 */
@Tag("etcd")
class AgentChannelAuthIT {

    private static final String PREFIX = "/coreos.com/network";
    private static final String STATE = PREFIX + "/ovnet/demo/state";
    private static final String REPORTS = PREFIX + "/ovnet/demo/agents/";

    @Test
    void anAgentUserWritesItsOwnReportAndNeitherAnotherHostsNorTheState() throws Exception {
        try (EtcdProcess etcd = EtcdProcess.single()) {
            try (EtcdStateStore store = EtcdStateStore.open(EtcdSettings.plain(etcd.endpoints(), PREFIX), "demo");
                    StateLock lock = store.lock("apply", Duration.ZERO)) {
                store.write(StateFixtures.sample(1));
            }
            try (Client admin = Client.builder().endpoints(etcd.endpoints().toArray(String[]::new)).build()) {
                var auth = admin.getAuthClient();
                auth.userAdd(bytes("root"), bytes("r00t-pw")).get();
                auth.userGrantRole(bytes("root"), bytes("root")).get();
                // the role of the docs: read the state key, read and write its own report key, nothing more
                auth.roleAdd(bytes("ovnet-agent-node-1")).get();
                auth.roleGrantPermission(bytes("ovnet-agent-node-1"), bytes(STATE), ByteSequence.EMPTY,
                        Permission.Type.READ).get();
                auth.roleGrantPermission(bytes("ovnet-agent-node-1"), bytes(REPORTS + "node-1"), ByteSequence.EMPTY,
                        Permission.Type.READWRITE).get();
                auth.userAdd(bytes("ovnet-agent-node-1"), bytes("n1-pw")).get();
                auth.userGrantRole(bytes("ovnet-agent-node-1"), bytes("ovnet-agent-node-1")).get();
                auth.authEnable().get();
            }
            EtcdSettings agent = new EtcdSettings(etcd.endpoints(), PREFIX, null, null, null, "ovnet-agent-node-1",
                    "OVNET_ETCD_PASSWORD", Duration.ofSeconds(5));
            AgentReport report = new AgentReport("node-1", "applied", 1, "2026-01-01T00:00:00Z", 0, null, null,
                    "test", null);
            try (AgentChannel channel = AgentChannel.connect(agent, "demo", Map.of("OVNET_ETCD_PASSWORD",
                    "n1-pw")::get);
                    Client asAgent = Client.builder().endpoints(etcd.endpoints().toArray(String[]::new))
                            .user(bytes("ovnet-agent-node-1")).password(bytes("n1-pw")).build();
                    Client root = Client.builder().endpoints(etcd.endpoints().toArray(String[]::new))
                            .user(bytes("root")).password(bytes("r00t-pw")).build()) {
                assertEquals(1, channel.readState().state().serial());
                channel.report("node-1", report);
                StateException other = assertThrows(StateException.class, () -> channel.report("node-2",
                        new AgentReport("node-2", "applied", 1, null, 0, null, null, "test", null)));
                assertTrue(other.getMessage().toLowerCase().contains("permission denied"), other.getMessage());
                ExecutionException state = assertThrows(ExecutionException.class, () -> asAgent.getKVClient()
                        .put(bytes(STATE), bytes("{}")).get());
                assertTrue(state.getMessage().contains("permission denied"), state.getMessage());
                ExecutionException flannel = assertThrows(ExecutionException.class, () -> asAgent.getKVClient()
                        .put(bytes(PREFIX + "/subnets/10.100.9.0-24"), bytes("{}")).get());
                assertTrue(flannel.getMessage().contains("permission denied"), flannel.getMessage());

                var reports = root.getKVClient().get(bytes(REPORTS), GetOption.builder().isPrefix(true).build()).get()
                        .getKvs();
                assertEquals(1, reports.size(), "only node-1's own report was written");
                assertEquals(REPORTS + "node-1", reports.get(0).getKey().toString(StandardCharsets.UTF_8));
                String stored = root.getKVClient().get(bytes(STATE)).get().getKvs().get(0).getValue()
                        .toString(StandardCharsets.UTF_8);
                assertTrue(stored.contains("\"serial\":1"), stored);
            }
        }
    }

    private static ByteSequence bytes(String text) {
        return ByteSequence.from(text, StandardCharsets.UTF_8);
    }
}
