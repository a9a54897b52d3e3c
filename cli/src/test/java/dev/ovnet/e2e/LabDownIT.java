package dev.ovnet.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * {@code ovnet lab down} removes what {@code lab up} made and nothing else: a namespace that merely carries a lab
 * host's name, made before the lab by someone else and running a process, survives lab down with its process, and
 * lab down says it left it alone; the namespaces the lab made are gone, and so is the lab's record of them.
 */
@Tag("e2e")
class LabDownIT {

    @Test
    void labDownLeavesANamespaceItDidNotMakeAndItsProcesses() throws Exception {
        String p = "ovtn-l";
        String a = p + "-a";
        Process sleeper = null;
        try (Lab lab = new Lab(p, VxlanLifecycleIT.yaml(p, false))) {
            assertEquals(0, Ovnet.sh("ip", "netns", "add", a).exit());
            sleeper = new ProcessBuilder("ip", "netns", "exec", a, "sleep", "300").start();

            Ovnet.Result up = lab.ovnetExpect(0, "lab", "up");
            assertTrue(up.out().contains("namespace " + a + " existed and was not made by the lab"), up::toString);
            Path record = Path.of("/run/ovnet/lab/ovnet-lab-" + p + ".json");
            String recorded = Files.readString(record);
            assertTrue(recorded.contains("\"" + p + "-b\"") && !recorded.contains("\"" + a + "\""), recorded);

            Ovnet.Result down = lab.ovnetExpect(0, "lab", "down");
            assertTrue(down.out().contains("left namespace " + a + " alone: the lab did not create it"),
                    down::toString);
            assertEquals(List.of(a), Lab.namespaces(p));
            assertFalse(Lab.namespaces("ovnet-lab-" + p).contains("ovnet-lab-" + p), "the switch is still there");
            assertTrue(sleeper.isAlive(), "lab down stopped a process it did not start");
            assertFalse(Files.exists(record), "the record outlived everything it listed");
        } finally {
            if (sleeper != null) {
                sleeper.destroyForcibly();
            }
        }
    }
}
