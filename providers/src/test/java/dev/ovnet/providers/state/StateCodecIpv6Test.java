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
import dev.ovnet.planner.net.Cidr;
import dev.ovnet.planner.net.Cidr6;
import dev.ovnet.planner.net.Ipv4;
import dev.ovnet.planner.net.Ipv6;
import dev.ovnet.planner.net.Mac;
import dev.ovnet.planner.spi.StateException;
import dev.ovnet.planner.state.HostState;
import dev.ovnet.planner.state.HostStatus;
import dev.ovnet.planner.state.State;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The IPv6 fields of a dual-stack state: written after the IPv4 ones, left out when null, read back exactly. */
class StateCodecIpv6Test {

    private static final String SOURCE = "ovnet.state.json";

    private static State dualStack() {
        Cidr6 lease6 = Cidr6.parse("fd10:100:0:1::/64");
        HostState host = new HostState("node-1", Ipv4.parse("192.0.2.11"), Connection.NETNS, "o6-n1",
                "/run/ovnet/netns/o6-n1", Cidr.parse("10.100.1.0/24"), Mac.forLease("demo", 1,
                Cidr.parse("10.100.1.0/24")), new HostFacts("eth0", 1500, Cidr.parse("192.0.2.0/24"), true, false),
                HostStatus.APPLIED, 2, "2026-12-07T09:00:00Z", null, Ipv6.parse("fd00:192:0:2::11"), lease6,
                Mac.forLease6("demo", 1, lease6));
        NetworkSpec network = new NetworkSpec("demo", Cidr.parse("10.100.0.0/16"), 24,
                new Backend(BackendType.VXLAN, 1, 8472, false), null, true, ContainerRuntime.DOCKER,
                Cidr6.parse("fd10:100::/48"), 64);
        return new State(1, 2, "6a0e8f2c-0000-4000-8000-000000000001", network, List.of(host));
    }

    private static State decode(String json) {
        return StateCodec.decode(json.getBytes(StandardCharsets.UTF_8), SOURCE, "restore the backup");
    }

    @Test
    void aDualStackStateRoundTripsWithItsIpv6Fields() {
        State state = dualStack();
        String text = new String(StateCodec.encode(state), StandardCharsets.UTF_8);
        assertTrue(text.contains("\"runtime\": \"docker\",\n    \"pool6\": \"fd10:100::/48\",\n    \"subnetLength6\": 64\n"),
                text);
        assertTrue(text.contains("\"address6\": \"fd00:192:0:2::11\",\n      \"lease6\": \"fd10:100:0:1::/64\",\n"
                + "      \"mac6\": \"" + state.hosts().get(0).mac6() + "\"\n"), text);
        assertEquals(state, decode(text));
        assertEquals(state, StateCodec.decode(StateCodec.encodeCompact(state), SOURCE, "x"));
    }

    @Test
    void anIpv4OnlyStateHasNoIpv6Fields() {
        State state = dualStack();
        HostState h = state.hosts().get(0);
        State v4 = new State(1, 2, state.lineage(), new NetworkSpec("demo", Cidr.parse("10.100.0.0/16"), 24,
                state.network().backend(), null, true, ContainerRuntime.DOCKER), List.of(new HostState(h.name(),
                h.address(), h.connection(), h.netns(), h.root(), h.lease(), h.mac(), h.facts(), h.status(),
                h.appliedSerial(), h.appliedAt(), null)));
        String text = new String(StateCodec.encode(v4), StandardCharsets.UTF_8);
        for (String key : List.of("pool6", "subnetLength6", "address6", "lease6", "mac6")) {
            assertFalse(text.contains("\"" + key + "\""), text);
        }
        assertEquals(v4, decode(text));
    }

    @Test
    void aHostWithHalfItsIpv6SideIsRefused() {
        String text = new String(StateCodec.encode(dualStack()), StandardCharsets.UTF_8)
                .replace("      \"address6\": \"fd00:192:0:2::11\",\n", "");
        StateException e = assertThrows(StateException.class, () -> decode(text));
        assertTrue(e.getMessage().contains("address6"), e.getMessage());
    }

    @Test
    void anIpv6LeaseThatIsNotAnIpv6NetworkIsRefused() {
        String text = new String(StateCodec.encode(dualStack()), StandardCharsets.UTF_8)
                .replace("\"lease6\": \"fd10:100:0:1::/64\"", "\"lease6\": \"10.100.1.0/24\"");
        StateException e = assertThrows(StateException.class, () -> decode(text));
        assertTrue(e.getMessage().contains("lease6"), e.getMessage());
    }
}
