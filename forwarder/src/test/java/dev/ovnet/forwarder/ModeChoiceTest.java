package dev.ovnet.forwarder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ovnet.forwarder.ModeChoice.Offload;
import java.util.LinkedHashMap;
import java.util.Map;
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
}
