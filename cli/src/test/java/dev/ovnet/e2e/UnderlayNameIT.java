package dev.ovnet.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A host whose underlay interface has a name the configuration file could not hold ({@code e#x}: {@code #} starts
 * a comment in an iproute2 batch line), found on the host because the file leaves {@code iface} out: plan and
 * apply stop that host with an error naming the interface and the host, the state never records the name, and
 * every command that reads the state keeps working.
 */
@Tag("e2e")
class UnderlayNameIT {

    @Test
    void anUnderlayNameWithAHashIsRefusedByNameAndTheStateStillReads() throws Exception {
        String p = "ovtn-u";
        String a = p + "-a";
        try (Lab lab = new Lab(p, VxlanLifecycleIT.yaml(p, false))) {
            lab.up();
            lab.ovnetExpect(0, "apply", "--auto-approve");
            Path state = lab.dir.resolve("state.json");
            rename(a, "eth0", "e#x");

            String renamed = Lab.listings(a);

            // the host is reported as not read (a plan: exit 1; apply: 3, the others are done), and left alone
            assertRefusedByName(lab.ovnetExpect(1, "plan"), a);
            assertRefusedByName(lab.ovnetExpect(3, "apply", "--auto-approve"), a);
            assertEquals(renamed, Lab.listings(a), "apply changed the host it could not read");

            String recorded = Files.readString(state, StandardCharsets.UTF_8);
            assertFalse(recorded.contains("e#x"), recorded);
            Ovnet.Result show = lab.ovnetExpect(0, "show");
            assertTrue(show.out().contains(a) && show.out().contains(p + "-b"), show::toString);
            lab.ovnetExpect(0, "plan", "--refresh=false", "--detailed-exitcode");

            // the interface gets a name ovnet takes again: nothing is left to do
            rename(a, "e#x", "eth0");
            lab.ovnetExpect(0, "plan", "--detailed-exitcode");
        }
    }

    private static void assertRefusedByName(Ovnet.Result r, String host) {
        String all = r.all();
        assertTrue(all.contains(host + ": the interface that holds 192.0.2.11, \"e#x\", is not a valid interface"
                + " name"), r::toString);
        assertTrue(all.contains("rename the interface"), r::toString);
        assertFalse(all.contains("cannot read the state") || all.contains("-/+ link"), r::toString);
    }

    private static void rename(String netns, String from, String to) {
        assertEquals(0, Lab.in(netns, "ip", "link", "set", "dev", from, "down").exit());
        assertEquals(0, Lab.in(netns, "ip", "link", "set", "dev", from, "name", to).exit());
        assertEquals(0, Lab.in(netns, "ip", "link", "set", "dev", to, "up").exit());
        // the veth's carrier comes back a moment after "up": wait for it, so listings taken now stay as they are
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(10);
        while (!Lab.in(netns, "ip", "link", "show", "dev", to).out().contains("state UP")
                && System.nanoTime() < deadline) {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
