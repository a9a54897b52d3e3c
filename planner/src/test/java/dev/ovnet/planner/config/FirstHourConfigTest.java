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

}
