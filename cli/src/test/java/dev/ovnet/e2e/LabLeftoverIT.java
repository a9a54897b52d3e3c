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
 * {@code ovnet lab down -f FILE} after a host was taken out of the file removes that host's namespace and
 * containers too: the lab's record says it made them, so nothing of the lab is left behind silently.
 */
@Tag("e2e")
class LabLeftoverIT {

    @Test
    void labDownRemovesTheNamespacesOfAHostNoLongerInTheFile() throws Exception {
        String p = "oux-l";
        try (Lab lab = new Lab(p, VxlanLifecycleIT.yaml(p, true))) {
            lab.up();
            assertTrue(Lab.namespaces(p + "-c").contains(p + "-c"), "lab up made host c");
            lab.write(VxlanLifecycleIT.yaml(p, false));

            Ovnet.Result down = lab.ovnetExpect(0, "lab", "down");
            assertTrue(down.all().contains("removed namespace " + p + "-c, which the lab made for a host no longer in"
                    + " the file"), down::toString);
            assertEquals(List.of(), Lab.namespaces(p), down::toString);
            assertFalse(Files.exists(Path.of("/run/ovnet/netns/" + p + "-c")), "the host's root went with it");
            assertFalse(Files.exists(Path.of("/run/ovnet/lab/ovnet-lab-" + p + ".json")), "the record is gone");
        }
    }
}
