package dev.ovnet.planner.config;

import static dev.ovnet.planner.config.Fixtures.parse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.ovnet.planner.net.Cidr;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** The defaults of docs/configuration.md that depend on other keys: netns, root, lab, ssh merging, state. */
class ConfigDefaultsTest {

    @Test
    void netnsHostIsNamedAfterTheHostAndRootedUnderRunOvnet() {
        HostConfig host = hostWith("    connection: netns\n");
        assertEquals(Connection.NETNS, host.connection());
        assertEquals("node-1", host.netns());
        assertEquals("/run/ovnet/netns/node-1", host.root());
    }

    @Test
    void explicitNetnsNamesTheDefaultRoot() {
        HostConfig host = hostWith("    connection: netns\n    netns: blue\n");
        assertEquals("blue", host.netns());
        assertEquals("/run/ovnet/netns/blue", host.root());
    }

    @Test
    void sshAndLocalHostsHaveNoNetnsAndTheRootSlash() {
        HostConfig ssh = hostWith("");
        assertNull(ssh.netns());
        assertEquals("/", ssh.root());
        HostConfig local = hostWith("    connection: local\n");
        assertNull(local.netns());
        assertEquals("/", local.root());
    }

    @Test
    void agentHostIsRootedAtSlashUnlessTheLabGivesItANamespace() {
        String etcd = "state:\n  backend: etcd\n  endpoints: [http://127.0.0.1:2379]\n";
        HostConfig agent = parse(etcd + Fixtures.MINIMAL + "    connection: agent\n").hosts().get(0);
        assertEquals(Connection.AGENT, agent.connection());
        assertNull(agent.netns());
        assertEquals("/", agent.root());
        HostConfig inLab = parse(etcd + Fixtures.MINIMAL + "    connection: agent\n    netns: blue\n").hosts().get(0);
        assertEquals("blue", inLab.netns());
        assertEquals("/run/ovnet/netns/blue", inLab.root());
    }

    @ParameterizedTest
    @CsvSource({"/, /", "//, /", "/srv/ovnet/, /srv/ovnet", "/srv//ovnet/./node-1/., /srv/ovnet/node-1",
            "/./a, /a", "/a..b/c, /a..b/c"})
    void rootIsNormalised(String written, String expected) {
        assertEquals(expected, hostWith("    root: \"" + written + "\"\n").root());
    }

    @Test
    void hostLineIsTheLineOfItsEntry() {
        NetworkConfig config = parse("""
                network:
                  pool: 10.100.0.0/16
                hosts:
                  - name: a
                    address: 192.0.2.11

                  # a comment
                  - address: 192.0.2.12
                    name: b
                  - {name: c, address: 192.0.2.13}
                """);
        assertEquals(List.of(4, 8, 10), config.hosts().stream().map(HostConfig::line).toList());
    }

    @Test
    void perHostSshOverridesOnlyTheKeysItGives() {
        NetworkConfig config = parse("""
                network:
                  pool: 10.100.0.0/16
                ssh:
                  user: deploy
                  port: 2200
                  knownHostsFile: /etc/ovnet/known_hosts
                hosts:
                  - name: a
                    address: 192.0.2.11
                    ssh: {sudo: true, identityFile: /keys/a}
                  - name: b
                    address: 192.0.2.12
                """);
        assertEquals(new SshConfig("deploy", 2200, "~/.ssh/id_ed25519", "/etc/ovnet/known_hosts", false),
                config.ssh());
        assertEquals(new SshConfig("deploy", 2200, "/keys/a", "/etc/ovnet/known_hosts", true),
                config.hosts().get(0).ssh());
        assertEquals(config.ssh(), config.hosts().get(1).ssh());
    }

    @Test
    void labBlockWithoutSegmentsMeansTheFirstHostsSlash24AndOneContainer() {
        NetworkConfig config = parse(Fixtures.MINIMAL + "lab: {}\n");
        assertEquals(new LabConfig(List.of(), 1), config.lab());
        assertNull(parse(Fixtures.MINIMAL).lab());
        assertNull(parse(Fixtures.MINIMAL + "lab:\n").lab());
    }

    @Test
    void labSegmentsAndContainersAreKept() {
        NetworkConfig config = parse("""
                network:
                  pool: 10.100.0.0/16
                  backend: {type: vxlan}
                hosts:
                  - {name: a, address: 192.0.2.11, connection: netns}
                  - {name: b, address: 198.51.100.12, connection: netns}
                lab:
                  segments: [192.0.2.0/24, 198.51.100.0/24]
                  containers: 8
                """);
        assertEquals(new LabConfig(List.of(Cidr.parse("192.0.2.0/24"), Cidr.parse("198.51.100.0/24")), 8),
                config.lab());
    }

    @Test
    void etcdKeysBesideALocalBackendAreCheckedButAllowedAsInTheSpecExample() {
        NetworkConfig config = parse(Fixtures.MINIMAL + """
                state:
                  backend: local
                  path: state/ovnet.json
                  endpoints: [http://127.0.0.1:2379]
                  prefix: /coreos.com/network
                """);
        assertEquals("local", config.state().backend());
        assertEquals("state/ovnet.json", config.state().path());
    }

    @Test
    void etcdDefaultsToTheLocalEndpointAndFlannelsPrefix() {
        StateConfig state = parse(Fixtures.MINIMAL + "state: {backend: etcd}\n").state();
        assertEquals(new StateConfig("etcd", "ovnet.state.json", List.of("http://127.0.0.1:2379"),
                "/coreos.com/network", null, null, null, null, null), state);
        assertEquals(true, state.isEtcd());
    }

    @Test
    void endpointsMayBeHostNamesIpv6LiteralsAndHttps() {
        StateConfig state = parse(Fixtures.MINIMAL + """
                state:
                  backend: etcd
                  endpoints: ["https://etcd-1.example.org:2379", "https://[fd00::1]:2379", "https://10.0.0.1:1"]
                """).state();
        assertEquals(List.of("https://etcd-1.example.org:2379", "https://[fd00::1]:2379", "https://10.0.0.1:1"),
                state.endpoints());
        assertEquals(List.of("http://[fd00::1]:2379", "http://10.0.0.1:1"), parse(Fixtures.MINIMAL + """
                state:
                  backend: etcd
                  endpoints: ["http://[fd00::1]:2379", "http://10.0.0.1:1"]
                """).state().endpoints());
    }

    @Test
    void pathsMayHoldAnyPrintableText() {
        NetworkConfig config = parse(Fixtures.MINIMAL + "ssh: {identityFile: \"~/.ssh/ключ ed25519\"}\n");
        assertEquals("~/.ssh/ключ ed25519", config.ssh().identityFile());
    }

    @Test
    void parsingIsPureAndRepeatable() {
        String text = Fixtures.read("valid-udp-etcd.yaml");
        NetworkConfig first = ConfigParser.parse("a.yaml", text);
        NetworkConfig second = ConfigParser.parse("a.yaml", text);
        assertNotSame(first, second);
        assertEquals(first, second);
    }

    @Test
    void ifaceFollowsLinuxNameRules() {
        assertEquals("eth0.100", hostWith("    iface: eth0.100\n").iface());
        assertEquals("a".repeat(15), hostWith("    iface: " + "a".repeat(15) + "\n").iface());
        assertEquals("br-lan_1", hostWith("    iface: br-lan_1\n").iface());
    }

    static HostConfig hostWith(String lines) {
        return parse(Fixtures.MINIMAL + lines).hosts().get(0);
    }
}
