package dev.ovnet.planner.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The mistakes of a first file: one message per cause, in a person's words, with the value to write. */
class FirstHourConfigTest {

    private static List<Problem> problems(String yaml) {
        return assertThrows(ConfigException.class, () -> ConfigParser.parse("ovnet.yaml", yaml)).problems();
    }

    @Test
    void aMisspelledRequiredKeyIsOneProblemNotTwo() {
        List<Problem> found = problems("""
                netwrok:
                  pool: 10.100.0.0/16
                hosts:
                  - {name: node-1, address: 192.0.2.11}
                """);
        assertEquals(List.of(new Problem("ovnet.yaml", 1, 1, "netwrok is not a known key", "did you mean network?")),
                found);
    }

    @Test
    void aBackendWrittenAsAWordIsAnsweredWithThatWordAsTheType() {
        List<Problem> found = problems("""
                network:
                  pool: 10.100.0.0/16
                  backend: host-gw
                hosts:
                  - {name: node-1, address: 192.0.2.11}
                """);
        assertEquals(List.of(new Problem("ovnet.yaml", 3, 12, "network.backend must be a mapping that names the type,"
                + " not the text host-gw", "write backend: {type: host-gw}")), found);
    }

    @Test
    void aPoolTooSmallSuggestsOneThatLeasesASubnetToEveryHost() {
        List<Problem> found = problems("""
                network:
                  pool: 10.100.0.0/29
                hosts:
                  - {name: node-1, address: 192.0.2.11}
                  - {name: node-2, address: 192.0.2.12}
                  - {name: node-3, address: 192.0.2.13}
                  - {name: node-4, address: 192.0.2.14}
                """);
        assertEquals(1, found.size(), found::toString);
        String hint = found.get(0).hint();
        assertEquals("use e.g. pool: 10.100.0.0/27 with subnetLength: 30, which leases 7 subnets for the 4 hosts (the"
                + " pool's first subnet is never leased), or pool: 10.100.0.0/21 with the default subnetLength: 24",
                hint);
        // each suggestion, written into the file, really leases a subnet to every host
        for (String pool : List.of("pool: 10.100.0.0/27\n  subnetLength: 30", "pool: 10.100.0.0/21")) {
            NetworkConfig config = ConfigParser.parse("ovnet.yaml", """
                    network:
                      %s
                    hosts:
                      - {name: node-1, address: 192.0.2.11}
                      - {name: node-2, address: 192.0.2.12}
                      - {name: node-3, address: 192.0.2.13}
                      - {name: node-4, address: 192.0.2.14}
                    """.formatted(pool));
            assertEquals(4, dev.ovnet.planner.ipam.LeaseAllocator.allocate(config, java.util.Map.of()).size(), pool);
        }
    }

    @Test
    void aBadIndentIsSaidInPlainWordsWithLineAndColumn() {
        for (String yaml : List.of("""
                network:
                  pool: 10.100.0.0/16
                 backend: {type: vxlan}
                hosts:
                  - {name: node-1, address: 192.0.2.11}
                """, """
                network:
                  pool: 10.100.0.0/16
                hosts:
                  - name: node-1
                     address: 192.0.2.11
                """, """
                network:
                    pool: 10.100.0.0/16
                  name: demo
                hosts:
                  - {name: node-1, address: 192.0.2.11}
                """)) {
            List<Problem> found = problems(yaml);
            assertEquals(1, found.size(), found::toString);
            Problem p = found.get(0);
            assertTrue(p.line() > 1 && p.column() > 0, p::toString);
            assertFalse((p.message() + p.hint()).matches("(?s).*(<block|expected|scalar|mapping start|while parsing).*"),
                    p::toString);
            assertTrue(p.message().contains("indent"), p::toString);
        }
    }
}
