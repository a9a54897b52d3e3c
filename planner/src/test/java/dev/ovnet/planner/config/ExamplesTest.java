package dev.ovnet.planner.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ovnet.planner.testing.Repository;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every file in examples/ is a valid ovnet.yaml, as examples/README.md promises: an example that no longer
 * parses fails here, with the parser's own message, before a user copies it.
 */
class ExamplesTest {

    @Test
    void everyExampleParses() throws Exception {
        List<Path> examples = Repository.examples();
        assertTrue(examples.stream().anyMatch(p -> p.endsWith("lab.yaml")), "examples/lab.yaml is missing: "
                + examples);
        List<String> broken = new ArrayList<>();
        for (Path example : examples) {
            String name = "examples/" + example.getFileName();
            try {
                ConfigParser.parse(name, Files.readString(example));
            } catch (ConfigException e) {
                broken.add(e.getMessage());
            }
        }
        assertEquals(List.of(), broken, "examples that no longer parse");
    }
}
