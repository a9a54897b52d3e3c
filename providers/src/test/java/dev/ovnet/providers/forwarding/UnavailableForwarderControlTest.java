package dev.ovnet.providers.forwarding;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ovnet.planner.model.Forwarder;
import dev.ovnet.planner.net.Cidr;
import dev.ovnet.planner.net.Ipv4;
import dev.ovnet.planner.plan.Change;
import dev.ovnet.providers.kernel.CommandFailedException;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * A host where ovnet cannot run the forwarder: refresh sees none, and an apply that would start, reload or stop
 * one fails with the reason instead of reporting success with nothing running.
 */
class UnavailableForwarderControlTest {

    private static final Forwarder F = new Forwarder("flannel0", Ipv4.parse("192.0.2.11"), 8285,
            Cidr.parse("10.100.0.0/16"), Cidr.parse("10.100.1.0/24"), "/run/ovnet/flannel0.peers", 1, "b1");

    @Test
    void readsNoneAndRefusesEveryChangeWithTheReason() {
        FakeSystemdHost host = new FakeSystemdHost(true, "/run/ovnet/flannel0.pid");
        ForwarderControl control = ForwarderControl.unavailable("no forwarder here; run the built ovnet");
        assertEquals(Optional.empty(), control.read(host, "flannel0", "/run/ovnet"));
        for (Change change : new Change[] {new Change.Create(F), new Change.Delete(F)}) {
            CommandFailedException e = assertThrows(CommandFailedException.class, () -> control.apply(host, change));
            assertEquals("ovnet forward", e.command());
            assertTrue(e.detail().contains("no forwarder here; run the built ovnet"), e.detail());
        }
        assertEquals(List.of(), host.commands, "nothing ran on the host");
    }
}
