package dev.ovnet.providers.forwarder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ovnet.providers.forwarder.ModeChoice.Offload;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ModeChoiceTest {

    @Test
    void offloadModeOnlyWhenNothingWasRefused() {
        ModeChoice all = ModeChoice.of(Map.of());
        assertTrue(all.offload());
        assertEquals("offload", all.mode());
        for (Offload capability : Offload.values()) {
            ModeChoice one = ModeChoice.of(Map.of(capability, "Operation not supported (errno 95)"));
            assertFalse(one.offload(), capability::toString);
            assertEquals("plain mode (offloads refused: " + capability + ": Operation not supported (errno 95))",
                    one.description());
        }
    }

    @Test
    void everyRefusalIsNamedInProbeOrder() {
        Map<Offload, String> refused = new LinkedHashMap<>();
        refused.put(Offload.UDP_SEGMENT, "setsockopt UDP_SEGMENT: Protocol not available (errno 92)");
        refused.put(Offload.TUNSETOFFLOAD, "TUNSETOFFLOAD: Invalid argument (errno 22)");
        assertEquals("plain mode (offloads refused: UDP_SEGMENT: setsockopt UDP_SEGMENT: Protocol not available"
                + " (errno 92); TUNSETOFFLOAD: TUNSETOFFLOAD: Invalid argument (errno 22))",
                ModeChoice.of(refused).description());
    }

    @Test
    void plainWhenForced() {
        assertEquals(new ModeChoice(false, "plain mode (--plain)"), ModeChoice.forced());
    }

    @Test
    void theTestSeamNamesCapabilitiesAndRejectsTypos() {
        assertEquals(Set.of(), ModeChoice.refusedByTest(null));
        assertEquals(Set.of(), ModeChoice.refusedByTest(" "));
        assertEquals(EnumSet.of(Offload.UDP_GRO, Offload.TUNSETOFFLOAD),
                ModeChoice.refusedByTest("udp_gro, TUNSETOFFLOAD"));
        ForwarderException e = assertThrows(ForwarderException.class, () -> ModeChoice.refusedByTest("UDP_GSO"));
        assertTrue(e.getMessage().contains("UDP_GSO"), e.getMessage());
    }
}
