package dev.ovnet.planner.config;

import static dev.ovnet.planner.config.Fixtures.parse;
import static dev.ovnet.planner.config.Fixtures.parseFixture;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ovnet.planner.net.Cidr;
import dev.ovnet.planner.net.Ipv4;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Valid files give exactly the records they describe; the example files of src/test/resources/config. */
class ConfigParserTest {

    private static final SshConfig SSH = SshConfig.DEFAULTS;

    @Test
    void specSectionOneExampleParsesToTheExpectedRecords() {
        NetworkConfig expected = new NetworkConfig("valid-vxlan.yaml", "demo", Cidr.parse("10.100.0.0/16"), 24,
                Ipv4.parse("10.100.1.0"), Ipv4.parse("10.100.254.0"), new Backend(BackendType.VXLAN, 1, 8472, false),
                null, true, ContainerRuntime.DOCKER, StateConfig.defaults(), SSH,
                List.of(new HostConfig("node-2", Ipv4.parse("172.16.112.133"), "ens33", Connection.SSH, null, "/",
                        Cidr.parse("10.100.50.0/24"), SSH, 28)),
                null);
        assertEquals(expected, parseFixture("valid-vxlan.yaml"));
    }

    @Test
    void specSectionOneVerbatimExampleIsValid() {
        NetworkConfig config = parseFixture("spec-section-1.yaml");
        assertEquals(Connection.SSH, config.hosts().get(0).connection());
        assertEquals(null, config.hosts().get(0).netns());
        assertEquals("/", config.hosts().get(0).root());
    }

    @Test
    void hostGwLabExampleParsesWithNetnsDefaultsAndNormalisedRoot() {
        NetworkConfig config = parseFixture("valid-host-gw-lab.yaml");
        assertEquals(new Backend(BackendType.HOST_GW, 0, 0, false), config.backend());
        assertEquals(1500, config.mtu());
        assertEquals(ContainerRuntime.CNI, config.runtime());
        assertEquals(new LabConfig(List.of(Cidr.parse("192.0.2.0/24")), 2), config.lab());
        assertEquals(List.of(
                new HostConfig("gw-1", Ipv4.parse("192.0.2.11"), null, Connection.NETNS, "gw-1",
                        "/run/ovnet/netns/gw-1", null, SSH, 13),
                new HostConfig("gw-2", Ipv4.parse("192.0.2.12"), null, Connection.NETNS, "second",
                        "/run/ovnet/netns/second", null, SSH, 16),
                new HostConfig("gw-3", Ipv4.parse("192.0.2.13"), null, Connection.NETNS, "gw-3", "/srv/ovnet/gw-3",
                        Cidr.parse("10.5.9.0/24"), SSH, 20)), config.hosts());
    }

    @Test
    void udpEtcdExampleMergesPerHostSshOverridesIntoTheDefaults() {
        NetworkConfig config = parseFixture("valid-udp-etcd.yaml");
        assertEquals(new Backend(BackendType.UDP, 0, 8285, false), config.backend());
        assertEquals(25, config.subnetLength());
        assertEquals(false, config.ipMasq());
        assertEquals(ContainerRuntime.NONE, config.runtime());
        assertEquals(new StateConfig("etcd", "ovnet.state.json", List.of("https://192.0.2.5:2379",
                "https://etcd.example:2379"), "/ovnet/udp", "/etc/ovnet/ca.crt", "/etc/ovnet/client.crt",
                "/etc/ovnet/client.key", "ovnet", "OVNET_ETCD_PASSWORD"), config.state());
        SshConfig defaults = new SshConfig("deploy", 22, "~/.ssh/id_ed25519", "~/.ssh/known_hosts", true);
        assertEquals(defaults, config.ssh());
        assertEquals(defaults, config.hosts().get(0).ssh());
        assertEquals(new SshConfig("admin", 2222, "/keys/edge-b", "~/.ssh/known_hosts", true),
                config.hosts().get(1).ssh());
        assertEquals(Connection.LOCAL, config.hosts().get(2).connection());
        assertEquals("/", config.hosts().get(2).root());
    }

    @Test
    void invalidExampleGivesEveryProblemInFileOrder() {
        ConfigException thrown = assertThrows(ConfigException.class, () -> parseFixture("invalid-many.yaml"));
        String file = "invalid-many.yaml";
        assertEquals(List.of(
                new Problem(file, 2, 9, "network.name Demo is not a valid network name", "use 1 to 63 lower-case"
                        + " letters, digits, '_', '.' or '-', starting with a letter or digit, e.g. demo"),
                new Problem(file, 4, 3, "network.subnetLen is not a known key", "did you mean subnetLength?"),
                new Problem(file, 7, 10, "network.backend.vni must be a whole number, e.g. 1",
                        "it is many here; write vni: 1"),
                new Problem(file, 12, 14, "hosts[1] (node-2).address 192.0.2.11 is also the address of hosts[0]"
                        + " (node-1) on line 9", "every host needs its own underlay address"),
                new Problem(file, 13, 13, "hosts[1] (node-2).subnet 10.200.0.0/24 is outside the pool 10.100.0.0/16",
                        "write a /24 inside 10.100.0.0/16, or remove the key to let ovnet choose"),
                new Problem(file, 14, 11, "hosts[2].name node-1 is already the name of hosts[0] (node-1) on line 9",
                        "give every host its own name"),
                new Problem(file, 16, 17, "hosts[2] (node-1).connection telnet is not one of ssh, local, netns, agent",
                        "write one of ssh, local, netns, agent")), thrown.problems());
        assertTrue(thrown.getMessage().startsWith("invalid-many.yaml:2:9: network.name Demo is not a valid network"
                + " name\n  use 1 to 63 lower-case letters"), thrown.getMessage());
        assertEquals(14, thrown.getMessage().lines().count());
    }

    @Test
    void minimalFileGetsEveryDefault() {
        NetworkConfig config = parse(Fixtures.MINIMAL);
        assertEquals(new NetworkConfig("ovnet.yaml", "default", Cidr.parse("10.100.0.0/16"), 24,
                Ipv4.parse("10.100.1.0"), Ipv4.parse("10.100.255.0"), new Backend(BackendType.VXLAN, 1, 8472, false),
                null, true, ContainerRuntime.DOCKER, new StateConfig("local", "ovnet.state.json",
                        List.of("http://127.0.0.1:2379"), "/coreos.com/network", null, null, null, null, null),
                new SshConfig("root", 22, "~/.ssh/id_ed25519", "~/.ssh/known_hosts", false),
                List.of(new HostConfig("node-1", Ipv4.parse("192.0.2.11"), null, Connection.SSH, null, "/", null,
                        SSH, 4)),
                null), config);
    }

    @Test
    void wireguardGetsFlannelsPortsAndNoKeepaliveNorPreSharedKeyByDefault() {
        Backend plain = parse("""
                network:
                  pool: 10.100.0.0/16
                  backend: {type: wireguard}
                hosts:
                  - {name: node-1, address: 192.0.2.11}
                """).backend();
        assertEquals(new Backend(BackendType.WIREGUARD, 0, 51820, false, new WireguardSettings(51821, 0, null)),
                plain);
        assertEquals("flannel-wg", plain.deviceName());
        assertEquals(80, plain.overhead());
        Backend full = parse("""
                network:
                  pool: 10.100.0.0/16
                  backend: {type: WireGuard, port: 51000, port6: 51001, persistentKeepalive: 25, pskFile: wg.psk}
                hosts:
                  - {name: node-1, address: 192.0.2.11}
                """).backend();
        assertEquals(new Backend(BackendType.WIREGUARD, 0, 51000, false, new WireguardSettings(51001, 25, "wg.psk")),
                full);
    }

    @Test
    void emptyValuesOfOptionalKeysMeanTheDefault() {
        NetworkConfig config = parse("""
                network:
                  pool: 10.100.0.0/16
                  subnetLength:
                  backend:
                  mtu: ~
                state:
                ssh:
                lab:
                hosts:
                  - {name: node-1, address: 192.0.2.11, subnet: ~, iface: }
                """);
        assertEquals(withoutLines(parse(Fixtures.MINIMAL)), withoutLines(config));
    }

    @Test
    void backendDefaultsFollowTheType() {
        assertEquals(new Backend(BackendType.UDP, 0, 8285, false), backendOf("{type: udp}"));
        assertEquals(new Backend(BackendType.UDP, 0, 9000, false), backendOf("{type: udp, port: 9000}"));
        assertEquals(new Backend(BackendType.HOST_GW, 0, 0, false), backendOf("{type: host-gw}"));
        assertEquals(new Backend(BackendType.VXLAN, 1, 8472, false), backendOf("{type: vxlan}"));
        assertEquals(new Backend(BackendType.VXLAN, 4096, 4789, true),
                backendOf("{type: vxlan, vni: 4096, port: 4789, directRouting: true}"));
    }

    @Test
    void backendTypeIsCaseInsensitiveLikeFlannels() {
        assertEquals(BackendType.VXLAN, backendOf("{type: VXLAN}").type());
        assertEquals(BackendType.HOST_GW, backendOf("{type: Host-GW}").type());
        assertEquals(BackendType.UDP, backendOf("{type: Udp}").type());
    }

    @Test
    void mtuIsAutoOrTheNumberGiven() {
        assertNull(networkWith("  mtu: auto\n").mtu());
        assertNull(networkWith("  mtu: AUTO\n").mtu());
        assertEquals(576, networkWith("  mtu: 576\n").mtu());
        assertEquals(9000, networkWith("  mtu: 9000\n").mtu());
        assertEquals(1450, networkWith("  mtu: 1450\n").mtu());
    }

    @Test
    void wordsAndBooleansIgnoreCase() {
        NetworkConfig config = networkWith("  runtime: CNI\n  ipMasq: False\n");
        assertEquals(ContainerRuntime.CNI, config.runtime());
        assertEquals(false, config.ipMasq());
        assertEquals(true, networkWith("  ipMasq: TRUE\n").ipMasq());
    }

    /** The config with every host's line set to 0, to compare files that differ only in layout. */
    static NetworkConfig withoutLines(NetworkConfig c) {
        List<HostConfig> hosts = c.hosts().stream().map(h -> new HostConfig(h.name(), h.address(), h.iface(),
                h.connection(), h.netns(), h.root(), h.subnet(), h.ssh(), 0)).toList();
        return new NetworkConfig(c.file(), c.name(), c.pool(), c.subnetLength(), c.subnetMin(), c.subnetMax(),
                c.backend(), c.mtu(), c.ipMasq(), c.runtime(), c.state(), c.ssh(), hosts, c.lab());
    }

    static Backend backendOf(String block) {
        return networkWith("  backend: " + block + "\n").backend();
    }

    static NetworkConfig networkWith(String lines) {
        return parse("network:\n  pool: 10.100.0.0/16\n" + lines + "hosts:\n  - {name: node-1, address: 192.0.2.11}\n");
    }
}
