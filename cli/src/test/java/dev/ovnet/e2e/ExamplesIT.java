package dev.ovnet.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ovnet.planner.testing.Repository;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The files in examples/ and the quick start examples/README.md gives for them, run as a user runs them: every
 * example validates, and the README's five commands for lab.yaml work on the example's own text with only its
 * names and state file changed (so the test's namespaces are its own). Neither can go stale unnoticed.
 */
@Tag("e2e")
class ExamplesIT {

    /** The network name and the prefix of every host, namespace and container this test makes. */
    private static final String P = "ovts-ex";
    private static final String LAB_EXAMPLE = "examples/lab.yaml";

    @Test
    void everyExampleValidates() {
        List<Path> examples = Repository.examples();
        assertTrue(examples.size() >= 5, "examples/ holds " + examples);
        for (Path example : examples) {
            Ovnet.Result r = Ovnet.run("validate", "-f", example.toString());
            assertEquals(0, r.exit(), () -> example + ": " + r);
            assertTrue(r.out().startsWith("Success! " + example + " is valid"), () -> example + ": " + r);
        }
    }

    @Test
    void theLabQuickStartWorksOnTheLabExample() throws Exception {
        List<List<String>> steps = quickStart();
        assertEquals(List.of("lab up", "apply", "lab check", "destroy", "lab down"),
                steps.stream().map(ExamplesIT::command).toList(), "the quick start of examples/README.md");
        String example = Files.readString(Repository.root().resolve(LAB_EXAMPLE));
        try (Lab lab = new Lab(P, renamed(example))) {
            List<String> hosts = List.of(P + "-1", P + "-2", P + "-3");
            for (List<String> step : steps) {
                Ovnet.Result r = lab.ovnetExpect(0, step.toArray(String[]::new));
                switch (command(step)) {
                    case "lab up" -> assertTrue(Lab.namespaces(P).containsAll(hosts), Lab.namespaces(P)::toString);
                    case "apply" -> assertTrue(r.out().contains("Apply complete!"), r::toString);
                    case "lab check" -> assertTrue(r.out().contains("6/6 pairs reachable"), r::toString);
                    case "destroy" -> assertTrue(r.out().contains("Destroy complete!"), r::toString);
                    default -> {
                        assertEquals(List.of(), Lab.namespaces(P), "lab down leaves no namespace of the lab");
                        assertEquals(List.of(), Lab.namespaces("ovnet-lab-" + P), "nor its switch");
                        for (String h : hosts) {
                            assertFalse(Files.exists(Path.of("/run/ovnet/netns", h)), h + "'s files are gone");
                        }
                    }
                }
            }
        }
    }

    /**
     * examples/lab.yaml with its network name, host names and state file made this test's own; everything else is
     * the example as a user copies it. A name the example no longer has fails here, so a renamed example is noticed.
     */
    private static String renamed(String example) {
        String text = example;
        for (String[] swap : new String[][] {{"\n  name: lab\n", "\n  name: " + P + "\n"},
                {"name: lab-node-", "name: " + P + "-"}, {"path: lab.state.json", "path: state.json"}}) {
            assertTrue(text.contains(swap[0]), LAB_EXAMPLE + " no longer has \"" + swap[0].strip() + "\"");
            text = text.replace(swap[0], swap[1]);
        }
        assertFalse(text.contains("lab-node"), text);
        return text;
    }

    /**
     * The commands of the first {@code sh} block under "lab.yaml" in examples/README.md, each without
     * {@code ./ovnet}, its comment and {@code -f examples/lab.yaml} (the lab passes its own copy).
     */
    private static List<List<String>> quickStart() throws IOException {
        List<String> lines = Files.readAllLines(Repository.root().resolve("examples/README.md"));
        int heading = lines.indexOf(lines.stream().filter(l -> l.startsWith("## lab.yaml")).findFirst()
                .orElseThrow(() -> new AssertionError("examples/README.md has no \"## lab.yaml\" section")));
        int start = lines.subList(heading, lines.size()).indexOf("```sh") + heading + 1;
        List<List<String>> steps = new ArrayList<>();
        for (String line : lines.subList(start, lines.size())) {
            if (line.startsWith("```")) {
                break;
            }
            List<String> words = new ArrayList<>(Arrays.asList(line.replaceAll("\\s#.*$", "").trim().split("\\s+")));
            assertEquals("./ovnet", words.remove(0), line);
            int f = words.indexOf("-f");
            assertTrue(f >= 0 && LAB_EXAMPLE.equals(words.get(f + 1)), line);
            words.subList(f, f + 2).clear();
            steps.add(words);
        }
        return steps;
    }

    /** The subcommand of a step: "lab up", "apply", ... */
    private static String command(List<String> step) {
        return step.get(0).equals("lab") ? "lab " + step.get(1) : step.get(0);
    }
}
