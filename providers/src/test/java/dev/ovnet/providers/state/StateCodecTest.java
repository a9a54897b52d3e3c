package dev.ovnet.providers.state;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ovnet.planner.config.Backend;
import dev.ovnet.planner.config.BackendType;
import dev.ovnet.planner.config.Connection;
import dev.ovnet.planner.config.ContainerRuntime;
import dev.ovnet.planner.config.WireguardSettings;
import dev.ovnet.planner.desired.HostFacts;
import dev.ovnet.planner.desired.NetworkSpec;
import dev.ovnet.planner.desired.WireguardFacts;
import dev.ovnet.planner.model.KernelObject;
import dev.ovnet.planner.model.Route;
import dev.ovnet.planner.net.Cidr;
import dev.ovnet.planner.net.Ipv4;
import dev.ovnet.planner.spi.StateException;
import dev.ovnet.planner.state.HostState;
import dev.ovnet.planner.state.HostStatus;
import dev.ovnet.planner.state.State;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class StateCodecTest {

    private static final String SOURCE = "/srv/ovnet.state.json";
    private static final String HINT = "restore /srv/ovnet.state.json.backup";

    private static State roundTrip(State state) {
        return StateCodec.decode(StateCodec.encode(state), SOURCE, HINT);
    }

    private static String text(State state) {
        return new String(StateCodec.encode(state), StandardCharsets.UTF_8);
    }

    @Test
    void everyKernelObjectTypeAndEveryFieldSurvivesARoundTrip() {
        State state = StateFixtures.sample(12);
        assertEquals(11, state.hosts().get(1).objects().stream().map(o -> o.key().kind()).distinct().count(),
                "the fixture holds every kind of kernel object");
        State back = roundTrip(state);
        assertEquals(state, back);
        for (int i = 0; i < state.hosts().get(1).objects().size(); i++) {
            KernelObject object = state.hosts().get(1).objects().get(i);
            assertEquals(object, back.hosts().get(1).objects().get(i), object.describe());
        }
        assertArrayEquals(StateCodec.encode(state), StateCodec.encode(back), "encoding is stable");
        assertEquals(state, StateCodec.decode(StateCodec.encodeCompact(state), SOURCE, HINT));
    }

    @Test
    void everyEnumWordSurvivesARoundTrip() {
        for (HostStatus status : HostStatus.values()) {
            for (Connection connection : Connection.values()) {
                HostState h = StateFixtures.host(3, status, List.of());
                HostState host = new HostState(h.name(), h.address(), connection, null, null, h.lease(), null,
                        new HostFacts("ens33", 1500, null, false, true), status, 0, null, List.of());
                for (BackendType type : BackendType.values()) {
                    for (ContainerRuntime runtime : ContainerRuntime.values()) {
                        NetworkSpec network = new NetworkSpec("n", Cidr.parse("10.0.0.0/8"), 24,
                                new Backend(type, 0, type.defaultPort(), false), null, false, runtime);
                        State state = new State(1, 1, "l", network, List.of(host));
                        assertEquals(state, roundTrip(state));
                        String json = text(state);
                        assertTrue(json.contains("\"status\": \"" + status.word() + "\""), json);
                        assertTrue(json.contains("\"connection\": \"" + connection.word() + "\""), json);
                        assertTrue(json.contains("\"type\": \"" + type.word() + "\""), json);
                        assertTrue(json.contains("\"runtime\": \"" + runtime.word() + "\""), json);
                    }
                }
            }
        }
    }

    @Test
    void wireguardSettingsAndAHostsPublicKeySurviveARoundTripAndABadKeyIsRefused() {
        HostState h = StateFixtures.host(3, HostStatus.APPLIED, List.of());
        HostFacts facts = new HostFacts("eth0", 1500, null, true, false)
                .withWireguard(new WireguardFacts(true, false, true, StateFixtures.WG_KEY));
        HostState host = new HostState(h.name(), h.address(), h.connection(), h.netns(), h.root(), h.lease(), null,
                facts, HostStatus.APPLIED, 1, null, null);
        NetworkSpec network = new NetworkSpec("n", Cidr.parse("10.0.0.0/8"), 24, new Backend(BackendType.WIREGUARD, 0,
                51820, false, new WireguardSettings(51821, 25, "/etc/ovnet/wg.psk")), null, true,
                ContainerRuntime.NONE);
        State state = new State(1, 1, "l", network, List.of(host));
        assertEquals(state, roundTrip(state));
        String json = text(state);
        assertTrue(json.contains("\"publicKey\": \"" + StateFixtures.WG_KEY + "\""), json);
        assertRefused(json.replace(StateFixtures.WG_KEY, "not-a-key"), "publicKey");
    }

    @Test
    void anEmptyStateHasANullNetworkAndNoHosts() {
        State empty = State.empty("abc");
        assertEquals("{\n  \"version\": 1,\n  \"serial\": 0,\n  \"lineage\": \"abc\",\n  \"network\": null,\n"
                + "  \"hosts\": []\n}\n", text(empty));
        assertEquals(empty, roundTrip(empty));
    }

    @Test
    void theFileHasTheDocumentedForm() {
        HostState host = new HostState("node-2", Ipv4.parse("192.0.2.12"), Connection.NETNS, "ovs-2",
                "/run/ovnet/netns/ovs-2", Cidr.parse("10.0.1.0/24"), null,
                new HostFacts("eth0", 1500, Cidr.parse("192.0.2.0/24"), true, false), HostStatus.PARTIAL, 3,
                "2025-03-01T12:00:00Z", List.of(new Route(Cidr.parse("10.0.2.0/24"), Ipv4.parse("192.0.2.13"),
                        "eth0", false)));
        NetworkSpec network = new NetworkSpec("demo", Cidr.parse("10.0.0.0/8"), 24,
                new Backend(BackendType.HOST_GW, 0, 0, false), null, true, ContainerRuntime.DOCKER);
        State state = new State(1, 4, "6a0e8f2c-0000-4000-8000-000000000001", network, List.of(host));
        String expected = """
                {
                  "version": 1,
                  "serial": 4,
                  "lineage": "6a0e8f2c-0000-4000-8000-000000000001",
                  "network": {
                    "name": "demo",
                    "pool": "10.0.0.0/8",
                    "subnetLength": 24,
                    "backend": {
                      "type": "host-gw",
                      "vni": 0,
                      "port": 0,
                      "directRouting": false
                    },
                    "mtu": null,
                    "ipMasq": true,
                    "runtime": "docker"
                  },
                  "hosts": [
                    {
                      "name": "node-2",
                      "address": "192.0.2.12",
                      "connection": "netns",
                      "netns": "ovs-2",
                      "root": "/run/ovnet/netns/ovs-2",
                      "lease": "10.0.1.0/24",
                      "mac": null,
                      "facts": {
                        "iface": "eth0",
                        "mtu": 1500,
                        "segment": "192.0.2.0/24",
                        "randomFully": true,
                        "assumed": false
                      },
                      "status": "partial",
                      "appliedSerial": 3,
                      "appliedAt": "2025-03-01T12:00:00Z",
                      "objects": [
                        {
                          "kind": "route",
                          "dst": "10.0.2.0/24",
                          "via": "192.0.2.13",
                          "dev": "eth0",
                          "onlink": false
                        }
                      ]
                    }
                  ]
                }
                """;
        assertEquals(expected, text(state));
        assertEquals(state, StateCodec.decode(expected.getBytes(StandardCharsets.UTF_8), SOURCE, HINT));
    }

    @Test
    void everyTruncationIsAStateExceptionNamingTheFileAndTheBackup() {
        byte[] full = StateCodec.encode(StateFixtures.sample(5));
        for (int length = 0; length < full.length - 1; length++) {
            byte[] cut = java.util.Arrays.copyOf(full, length);
            StateException e = assertThrows(StateException.class, () -> StateCodec.decode(cut, SOURCE, HINT),
                    "cut at " + length);
            assertTrue(e.getMessage().startsWith("cannot read the state " + SOURCE + ": "), e.getMessage());
            assertEquals(HINT, e.hint());
        }
        StateException e = assertThrows(StateException.class,
                () -> StateCodec.decode(java.util.Arrays.copyOf(full, full.length / 2), SOURCE, HINT));
        assertTrue(e.getMessage().contains("not valid JSON"), e.getMessage());
        assertTrue(e.getMessage().contains("cut short"), e.getMessage());
        assertTrue(e.getMessage().matches("(?s).* at line \\d+, column \\d+.*"), e.getMessage());
        assertTrue(!e.getMessage().contains("Source"), e.getMessage());
    }

    @Test
    void damagedBytesGiveAStateExceptionOrAValidStateNeverAParserError() {
        byte[] full = StateCodec.encode(StateFixtures.sample(5));
        Random random = new Random(42);
        int refused = 0;
        for (int round = 0; round < 3000; round++) {
            byte[] damaged = full.clone();
            damaged[random.nextInt(damaged.length)] = (byte) random.nextInt(256);
            try {
                StateCodec.decode(damaged, SOURCE, HINT);
            } catch (StateException e) {
                refused++;
                assertTrue(e.getMessage().startsWith("cannot read the state " + SOURCE), e.getMessage());
            }
        }
        assertTrue(refused > 1000, "most random damage is detected: " + refused);
    }

    @Test
    void aStateItsOwnReaderWouldRefuseIsNeverWritten() {
        HostState good = StateFixtures.host(1, HostStatus.APPLIED, null);
        HostFacts hashed = new HostFacts("e#x", 1500, null, true, false);
        State bad = new State(State.FORMAT_VERSION, 3, StateFixtures.LINEAGE, StateFixtures.vxlanNetwork(),
                List.of(new HostState(good.name(), good.address(), good.connection(), good.netns(), good.root(),
                        good.lease(), good.mac(), hashed, good.status(), good.appliedSerial(), good.appliedAt(),
                        List.of(new Route(Cidr.parse("10.100.9.0/24"), null, "eth0", false)))));
        for (boolean compact : new boolean[] {false, true}) {
            StateException e = assertThrows(StateException.class,
                    () -> {
                        byte[] ignored = compact ? StateCodec.encodeCompact(bad) : StateCodec.encode(bad);
                    });
            assertEquals("ovnet will not write this state, because it could not read it back: hosts[0].facts.iface:"
                    + " \"e#x\" is not an interface name (up to 15 letters, digits, '_', '.' or '-')", e.getMessage());
            assertTrue(e.hint().startsWith("nothing was written"), e.hint());
        }
    }

    @Test
    void aNewerFormatVersionIsRefused() {
        String json = text(StateFixtures.sample(5)).replace("\"version\": 1", "\"version\": 2");
        StateException e = assertThrows(StateException.class,
                () -> StateCodec.decode(json.getBytes(StandardCharsets.UTF_8), SOURCE, HINT));
        assertEquals("the state " + SOURCE + " has format version 2, but this ovnet reads only version 1: it was "
                + "written by a newer ovnet", e.getMessage());
        assertNotEquals(HINT, e.hint());
    }

    @Test
    void aWrongFieldIsNamedWithItsPath() {
        String json = text(StateFixtures.sample(5));
        assertRefused(json.replaceFirst("\"mtu\": 8998", "\"mtu\": \"big\""),
                "hosts[1].facts.mtu: must be a whole number, found \"big\"");
        assertRefused(json.replaceFirst("\"lease\": \"10.100.2.0/24\"", "\"lease\": \"10.100.2.1/24\""),
                "hosts[0].lease: 10.100.2.1/24 has host bits set; the network is 10.100.2.0/24");
        assertRefused(json.replaceFirst("\"kind\": \"route\"", "\"kind\": \"rule\""),
                "hosts[1].objects[6].kind: \"rule\" is not one of link, address, route, neighbour, fdb, sysctl, "
                        + "iptables, file, forwarder");
        assertRefused(json.replaceFirst("\"ipMasq\": true,", "\"ipMasq\": true, \"ipMask\": true,"),
                "network.ipMask: unknown field (not part of state format version 1)");
        assertRefused(json.replaceFirst("\"serial\": 5,", ""), "serial: missing");
        assertRefused(json.replaceFirst("\"mode\": \"0644\"", "\"mode\": \"rw\""),
                "hosts[1].objects[10].mode: must be an octal file mode such as \"0644\", found \"rw\"");
        assertRefused(json.replaceFirst("\"status\": \"applied\"", "\"status\": null"),
                "hosts[0].status: must not be null");
        assertRefused(json.replaceFirst("\"version\": 1", "\"version\": 0"), "version: must be 1, found 0");
        assertRefused(json.replaceFirst("\"serial\": 5,", "\"serial\": 5, \"serial\": 6,"), "Duplicate field");
    }

    @Test
    void aFileThatIsNoStateIsRefusedWithoutQuotingIt() {
        for (String secret : List.of("root:x:0:0:hunter2:/root:/bin/bash\n", "hunter2 = AKIAEXAMPLE\n",
                "{\"token\": \"hunter2\", \"version\": \"AKIAEXAMPLE\"}", "[\"hunter2\"]", "hunter2")) {
            StateException e = assertThrows(StateException.class,
                    () -> StateCodec.decode(secret.getBytes(StandardCharsets.UTF_8), SOURCE, HINT));
            assertTrue(e.getMessage().startsWith("cannot read the state " + SOURCE + ": "), e.getMessage());
            for (String fragment : List.of("root", "hunter", "AKIA")) {
                assertFalse(e.getMessage().contains(fragment), e.getMessage());
            }
        }
    }

    @Test
    void anObjectOvnetCouldNotHaveMadeOnItsHostIsRefusedNamingTheHostAndTheRecord() {
        String json = text(StateFixtures.sample(5));
        String subnetEnv = StateFixtures.ROOT_2 + "/run/flannel/subnet.env";
        assertRefused(json.replace("\"" + subnetEnv + "\"", "\"/etc/passwd\""),
                "hosts[1].objects[10]: host node-0002 is said to hold file /etc/passwd");
        assertRefused(json.replace("\"" + subnetEnv + "\"", "\"/run/flannel/subnet.env\""),
                "under the host's root " + StateFixtures.ROOT_2);
        assertRefused(json.replace("\"chain\": \"OVNET-FWD\"", "\"chain\": \"DOCKER-USER\""),
                "hosts[1].objects[9]: host node-0002 is said to hold iptables -t filter chain DOCKER-USER");
        assertRefused(json.replace("\"name\": \"flannel.7\"", "\"name\": \"eth0\""),
                "hosts[1].objects[1]: host node-0002 is said to hold link eth0 type vxlan");
        assertRefused(json.replace("\"name\": \"net.ipv4.ip_forward\"", "\"name\": \"kernel.core_pattern\""),
                "the only kernel parameters ovnet sets are net.ipv4.ip_forward and net.ipv6.conf.all.forwarding");
    }

    private static void assertRefused(String json, String expected) {
        StateException e = assertThrows(StateException.class,
                () -> StateCodec.decode(json.getBytes(StandardCharsets.UTF_8), SOURCE, HINT));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
        assertTrue(e.getMessage().startsWith("cannot read the state " + SOURCE + ": "), e.getMessage());
    }
}
