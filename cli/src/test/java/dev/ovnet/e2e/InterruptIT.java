package dev.ovnet.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * SIGTERM and SIGINT during {@code ovnet apply}: the host in flight finishes, no further host starts, the state
 * records what was done, the command says "Interrupted:" and exits non-zero; the next plan shows exactly the
 * hosts that were left, and the next apply finishes the network.
 */
@Tag("e2e")
class InterruptIT {

    @Test
    void sigtermFinishesTheHostInFlightAndRecordsIt() throws Exception {
        interrupted("TERM");
    }

    @Test
    void sigintToo() throws Exception {
        interrupted("INT");
    }

    private static void interrupted(String signal) throws Exception {
        String p = "oefi";
        try (Lab lab = new Lab(p, VxlanLifecycleIT.yaml(p, true).replace("192.0.2.1", "192.0.2.4"))) {
            lab.up();
            FastOvnet ovnet = FastOvnet.prepare(lab.dir, lab.yaml);
            Path out = lab.dir.resolve("apply.out");
            Path err = lab.dir.resolve("apply.err");
            Process apply = ovnet.start(lab.dir, out, err, "apply", "--auto-approve", "--parallelism", "1", "-f",
                    lab.yaml.toString());
            long deadline = System.currentTimeMillis() + 60_000;
            while (!FastOvnet.read(out).contains(p + "-a: applying") && System.currentTimeMillis() < deadline) {
                Thread.sleep(5);
            }
            assertEquals(0, Ovnet.sh("kill", "-" + signal, Long.toString(apply.pid())).exit());
            assertTrue(apply.waitFor(60, TimeUnit.SECONDS));
            String printed = FastOvnet.read(out);
            String errors = FastOvnet.read(err);
            assertNotEquals(0, apply.exitValue());
            assertTrue(errors.contains("Interrupted:"), errors);
            assertTrue(printed.contains(p + "-a: done"), printed);
            assertFalse(printed.contains(p + "-c: applying"), printed);
            assertFalse(printed.contains("Apply complete!"), printed);

            // the state records host a as done: the next plan is about the hosts that were not started
            lab.ovnetExpect(0, "show");
            Ovnet.Result plan = lab.ovnetExpect(2, "plan", "--detailed-exitcode");
            assertFalse(plan.out().contains("# " + p + "-a\n"), plan::toString);
            assertTrue(plan.out().contains("# " + p + "-c"), plan::toString);
            assertTrue(lab.ovnetExpect(0, "apply", "--auto-approve").out().contains("Apply complete!"));
            assertTrue(lab.ovnetExpect(0, "lab", "check").out().contains("6/6 pairs reachable"));
        }
    }
}
