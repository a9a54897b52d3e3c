package dev.ovnet.planner.config;

import static dev.ovnet.planner.config.Fixtures.parse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

/** How problems are reported as a whole: file order, one pass, no cascades, a cap, and text that parses as YAML. */
class ProblemReportingTest {

    @Test
    void problemsComeInFileOrderWhateverOrderTheBlocksAreCheckedIn() {
        ConfigException thrown = assertThrows(ConfigException.class, () -> parse("""
                hosts:
                  - name: node-1
                    address: 192.0.2.300
                ssh:
                  port: 0
                network:
                  pool: 10.100.0.0/33
                state:
                  backend: zookeeper
                """));
        assertEquals(List.of(3, 5, 7, 9), thrown.problems().stream().map(Problem::line).toList());
    }

    @Test
    void aWrongPoolDoesNotCascadeIntoTheChecksThatNeedIt() {
        ConfigException thrown = assertThrows(ConfigException.class, () -> parse("""
                network:
                  pool: 10.100.0.0/40
                  subnetMin: 10.100.1.7
                  subnetLength: 24
                hosts:
                  - {name: a, address: 192.0.2.11, subnet: 10.200.0.0/24}
                """));
        assertEquals(List.of("network.pool 10.100.0.0/40 is not an IPv4 network"),
                thrown.problems().stream().map(Problem::message).toList());
    }

    @Test
    void aWrongSubnetLengthDoesNotCascadeIntoTheBoundsOrThePins() {
        ConfigException thrown = assertThrows(ConfigException.class, () -> parse("""
                network:
                  pool: 10.100.0.0/16
                  subnetLength: 40
                  subnetMin: 10.100.1.0
                hosts:
                  - {name: a, address: 192.0.2.11, subnet: 10.100.3.0/25}
                """));
        assertEquals(List.of("network.subnetLength 40 is longer than /30"),
                thrown.problems().stream().map(Problem::message).toList());
    }

    @Test
    void anUnknownBackendTypeDoesNotCascadeIntoItsOptions() {
        ConfigException thrown = assertThrows(ConfigException.class, () -> parse("""
                network:
                  pool: 10.100.0.0/16
                  backend: {type: geneve, vni: 3, port: 6081, directRouting: true}
                hosts:
                  - {name: a, address: 192.0.2.11}
                """));
        assertEquals(List.of("network.backend.type geneve is not one of vxlan, host-gw, udp, wireguard"),
                thrown.problems().stream().map(Problem::message).toList());
    }

    @Test
    void everyMistakeOfOneFileIsFoundInOnePass() {
        ConfigException thrown = assertThrows(ConfigException.class, () -> parse("""
                network:
                  name: UPPER
                  pool: 10.100.0.0/16
                  backend: {type: host-gw, port: 1}
                  mtu: 10
                  ipMasq: maybe
                  runtime: rkt
                state: {backend: etcd, prefix: nope, password: x}
                ssh: {user: "a b", port: 99999, sudo: 1}
                hosts:
                  - {name: "a b", address: 1.2.3, iface: "x y", connection: serial, root: rel, subnet: 10.1.0.0/24}
                """));
        assertEquals(List.of(2, 4, 5, 6, 7, 8, 8, 9, 9, 9, 11, 11, 11, 11, 11, 11),
                thrown.problems().stream().map(Problem::line).toList(), thrown::getMessage);
    }

    @Test
    void aFileWrongEverywhereShowsTheFirstFiftyProblemsAndHowManyMore() {
        StringBuilder text = new StringBuilder(Fixtures.MINIMAL);
        for (int i = 0; i < 500; i++) {
            text.append("unknown").append(i).append(": 1\n");
        }
        ConfigException thrown = assertThrows(ConfigException.class, () -> parse(text.toString()));
        List<Problem> problems = thrown.problems();
        assertEquals(Problems.SHOWN + 1, problems.size());
        assertEquals(6, problems.get(0).line());
        assertEquals(new Problem("ovnet.yaml", 56, 1, "450 more problems from here on are not shown",
                "fix the ones above and validate the file again"), problems.get(Problems.SHOWN));
    }

    @Test
    void crlfLineEndingsAndAByteOrderMarkAreOrdinaryText() {
        NetworkConfig plain = parse(Fixtures.MINIMAL);
        assertEquals(plain, parse(Fixtures.MINIMAL.replace("\n", "\r\n")));
        assertEquals(plain, parse("\uFEFF" + Fixtures.MINIMAL));
    }

    @Test
    void valuesInMessagesAreQuotedAndEscapedSoTheyCannotForgeLines() {
        ConfigException thrown = assertThrows(ConfigException.class, () -> parse(Fixtures.MINIMAL
                .replace("node-1", "\"x\\nfake.yaml:1:1: all good\\e[0m\"")));
        assertEquals("hosts[0].name \"x\\nfake.yaml:1:1: all good\\u001B[0m\" contains the control character U+000A",
                thrown.problems().get(0).message());
        assertEquals(2, thrown.getMessage().lines().count());
    }
}
