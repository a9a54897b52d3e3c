package dev.ovnet.providers.state;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Eight processes each lock, read, increment and write the state twenty times with a 30 s lock timeout: the
 * lock serializes them completely, so the final serial is exactly 160, a plain counter file that is updated
 * without any other protection also reaches 160, and no process ever found another inside the critical section.
 */
class LocalStateStoreConcurrencyTest {

    @TempDir
    Path dir;

    @Test
    void eightProcessesIncrementingTwentyTimesEachReachExactly160() throws Exception {
        Path path = dir.resolve("ovnet.state.json");
        List<JavaProcess> processes = new ArrayList<>();
        long start = System.nanoTime();
        try {
            for (int i = 0; i < 8; i++) {
                processes.add(JavaProcess.start(StoreChild.class, StoreSpec.local(path), "increment",
                        StateFixtures.LINEAGE, "20", dir.toString()));
            }
            for (JavaProcess process : processes) {
                assertEquals(0, process.waitFor(120), "process " + process.pid() + " succeeded");
                assertEquals("DONE", process.nextLine(5));
            }
        } finally {
            for (JavaProcess process : processes) {
                process.close();
            }
        }
        assertEquals(160, new LocalStateStore(path).read().orElseThrow().serial());
        assertEquals("160", Files.readString(dir.resolve("counter")));
        try (var files = Files.list(dir)) {
            assertEquals(List.of(), files.map(p -> p.getFileName().toString())
                    .filter(n -> n.startsWith("violation") || n.equals("inside")).toList());
        }
        System.out.printf("8 processes x 20 locked increments: %.1f s%n", (System.nanoTime() - start) / 1e9);
    }
}
