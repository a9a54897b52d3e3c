package dev.ovnet.planner.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.params.provider.Arguments;

/** Table rows for the problem tests: a file that is wrong in exactly one way, and the one problem it must give. */
final class ProblemCases {

    static final String FILE = "ovnet.yaml";

    private ProblemCases() {
    }

    static Arguments bad(String name, String yaml, int line, int column, String message, String hint) {
        return Arguments.of(name, yaml, new Problem(FILE, line, column, message, hint));
    }

    /** The file gives exactly this problem: no other, no cascade. */
    static void assertOnly(String yaml, Problem expected) {
        ConfigException thrown = assertThrows(ConfigException.class, () -> ConfigParser.parse(FILE, yaml));
        assertEquals(List.of(expected), thrown.problems(), () -> thrown.getMessage());
        assertEquals(expected.render(), thrown.getMessage());
    }
}
