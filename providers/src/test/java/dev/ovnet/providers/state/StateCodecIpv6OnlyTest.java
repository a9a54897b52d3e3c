package dev.ovnet.providers.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ovnet.planner.config.Backend;
import dev.ovnet.planner.config.BackendType;
import dev.ovnet.planner.config.Connection;
import dev.ovnet.planner.config.ContainerRuntime;
import dev.ovnet.planner.desired.HostFacts;
import dev.ovnet.planner.desired.NetworkSpec;
import dev.ovnet.planner.net.Cidr6;
import dev.ovnet.planner.net.Ipv6;
import dev.ovnet.planner.net.Mac;
import dev.ovnet.planner.spi.StateException;
import dev.ovnet.planner.state.HostState;
import dev.ovnet.planner.state.HostStatus;
import dev.ovnet.planner.state.State;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The state of an IPv6-only network: no pool, hosts without address and lease, read back exactly. */
class StateCodecIpv6OnlyTest {

    static State ipv6Only() {
        Cidr6 lease6 = Cidr6.parse("fd10:100:0:1::/64");
        HostState host = new HostState("node-1", null, Connection.NETNS, "o6o-n1", "/run/ovnet/netns/o6o-n1", null,
                null, new HostFacts("eth0", 1500, null, true, false).withSegment6(Cidr6.parse("fd00:192:0:2::/64")),
                HostStatus.APPLIED, 2, "2026-12-07T09:00:00Z", null, Ipv6.parse("fd00:192:0:2::11"), lease6,
                Mac.forLease6("demo", 1, lease6));
        NetworkSpec network = new NetworkSpec("demo", null, 0, new Backend(BackendType.VXLAN, 1, 8472, false), null,
                true, ContainerRuntime.DOCKER, Cidr6.parse("fd10:100::/48"), 64);
        return new State(1, 1, "6a0e8f2c-0000-4000-8000-000000000002", network, List.of(host));
    }

    private static State decode(String json) {
        return StateCodec.decode(json.getBytes(StandardCharsets.UTF_8), "ovnet.state.json", "restore the backup");
    }

    @Test
    void anIpv6OnlyStateRoundTripsWithoutIpv4Fields() {
        State state = ipv6Only();
        String text = new String(StateCodec.encode(state), StandardCharsets.UTF_8);
        for (String key : List.of("pool", "address", "lease")) {
            assertFalse(text.contains("\"" + key + "\""), text);
        }
        assertTrue(text.contains("\"lease6\": \"fd10:100:0:1::/64\""), text);
        assertEquals(state, decode(text));
        assertEquals(state, StateCodec.decode(StateCodec.encodeCompact(state), "ovnet.state.json", "x"));
    }

    @Test
    void aHostWithNoLeaseOfEitherFamilyIsRefused() {
        String text = new String(StateCodec.encode(ipv6Only()), StandardCharsets.UTF_8)
                .replace("      \"address6\": \"fd00:192:0:2::11\",\n", "")
                .replace("      \"lease6\": \"fd10:100:0:1::/64\",\n", "");
        StateException e = assertThrows(StateException.class, () -> decode(text));
        assertTrue(e.getMessage().contains("hosts[0].lease: is missing: a host records lease, lease6 or both"),
                e.getMessage());
    }

    @Test
    void aNetworkWithNoPoolOfEitherFamilyIsRefused() {
        String text = new String(StateCodec.encode(ipv6Only()), StandardCharsets.UTF_8)
                .replace(",\n    \"pool6\": \"fd10:100::/48\",\n    \"subnetLength6\": 64\n", "\n");
        StateException e = assertThrows(StateException.class, () -> decode(text));
        assertTrue(e.getMessage().contains("network.pool: is missing: a network records pool, pool6 or both"), e.getMessage());
    }
}
