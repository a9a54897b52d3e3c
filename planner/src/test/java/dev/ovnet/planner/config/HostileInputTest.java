package dev.ovnet.planner.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Broken and adversarial input never escapes as anything but a {@link ConfigException} with well-formed problems,
 * and never hangs: a generated corpus of hostile files that must all be refused, and seeded random mutations of
 * the valid examples that must be either accepted or refused cleanly.
 */
class HostileInputTest {

    @Test
    void everyHostileFileIsRefusedWithWellFormedProblems() {
        List<String[]> corpus = HostileCorpus.all();
        assertTrue(corpus.size() >= 200, "corpus has " + corpus.size() + " entries");
        List<String> failures = new ArrayList<>();
        assertTimeoutPreemptively(Duration.ofSeconds(120), () -> {
            for (String[] entry : corpus) {
                String failure = refusal(entry[0], entry[1]);
                if (failure != null) {
                    failures.add(failure);
                }
            }
        });
        assertEquals(List.of(), failures, () -> String.join("\n", failures));
    }

    @Test
    void randomMutationsOfValidFilesAreAcceptedOrRefusedCleanly() {
        List<String> seeds = List.of(Fixtures.read("valid-vxlan.yaml"), Fixtures.read("valid-host-gw-lab.yaml"),
                Fixtures.read("valid-udp-etcd.yaml"), Fixtures.MINIMAL);
        String palette = ":-{}[],&*!|>'\"#%@`? \t\n\\~0123456789./ab\u0000\u00e9\u202e";
        Random random = new Random(20240611L);
        int[] refused = {0};
        assertTimeoutPreemptively(Duration.ofSeconds(120), () -> {
            for (int i = 0; i < 4_000; i++) {
                StringBuilder text = new StringBuilder(seeds.get(i % seeds.size()));
                for (int edits = 1 + random.nextInt(3); edits > 0; edits--) {
                    int at = random.nextInt(text.length());
                    switch (random.nextInt(3)) {
                        case 0 -> text.deleteCharAt(at);
                        case 1 -> text.insert(at, palette.charAt(random.nextInt(palette.length())));
                        default -> text.setCharAt(at, palette.charAt(random.nextInt(palette.length())));
                    }
                }
                try {
                    ConfigParser.parse("ovnet.yaml", text.toString());
                } catch (ConfigException e) {
                    refused[0]++;
                    String failure = wellFormed("mutation " + i, e.problems());
                    if (failure != null) {
                        fail(failure + "\n" + text);
                    }
                } catch (RuntimeException | StackOverflowError e) {
                    throw new AssertionError("mutation " + i + " threw " + e + " for:\n" + text, e);
                }
            }
        });
        assertTrue(refused[0] > 1_000, "only " + refused[0] + " mutations were refused");
    }

    /** Null when the text is refused properly, else what went wrong. */
    private static String refusal(String name, String text) {
        try {
            NetworkConfig config = ConfigParser.parse("ovnet.yaml", text);
            return name + ": accepted as " + config;
        } catch (ConfigException e) {
            return wellFormed(name, e.problems());
        } catch (RuntimeException | StackOverflowError e) {
            return name + ": threw " + e;
        }
    }

    private static String wellFormed(String name, List<Problem> problems) {
        if (problems.isEmpty() || problems.size() > Problems.SHOWN + 1) {
            return name + ": " + problems.size() + " problems";
        }
        for (Problem problem : problems) {
            boolean ok = problem.file().equals("ovnet.yaml") && problem.line() >= 0 && problem.column() >= 0
                    && !problem.message().isBlank() && problem.message().length() < 300
                    && problem.hint() != null && !problem.hint().isBlank() && problem.hint().length() < 300
                    && Names.firstControl(problem.message()) < 0 && Names.firstControl(problem.hint()) < 0;
            if (!ok) {
                return name + ": malformed problem " + problem;
            }
        }
        assertFalse(problems.get(0).render().isEmpty());
        return null;
    }
}
