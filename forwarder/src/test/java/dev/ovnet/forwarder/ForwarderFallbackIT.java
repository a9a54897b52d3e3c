package dev.ovnet.forwarder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The automatic fallback to plain mode. This kernel accepts every offload, so the test makes the forwarder's
 * probe treat one capability as refused, the way a kernel without it would answer (the call fails with
 * EOPNOTSUPP; {@link OffloadRefusingMain} hands the forwarder that seam), and checks that the forwarder then
 * runs plain, says so in its log and stats, and still carries ping and a TCP transfer both ways to a peer in
 * offload mode.
 */
@Tag("forwarder")
class ForwarderFallbackIT {

    @Test
    void aTunWithoutTsoFallsBackToPlain() throws Exception {
        fallsBackToPlainAndCarriesTraffic("TUNSETOFFLOAD");
    }

    @Test
    void aSocketWithoutGsoFallsBackToPlain() throws Exception {
        fallsBackToPlainAndCarriesTraffic("UDP_SEGMENT");
    }

    @Test
    void aSocketWithoutGroFallsBackToPlain() throws Exception {
        fallsBackToPlainAndCarriesTraffic("UDP_GRO");
    }

    private void fallsBackToPlainAndCarriesTraffic(String refused) throws Exception {
        try (Lab lab = Lab.up(1472)) {
            ForwarderProcess a = lab.forwarder(Lab.A);
            ForwarderProcess b = lab.forwarder(Lab.B, OffloadRefusingMain.class, "--refuse", refused);
            assertEquals("offload", a.stats().path("mode").asText());
            JsonNode stats = b.stats();
            assertEquals("plain", stats.path("mode").asText());
            String reason = stats.path("modeReason").asText();
            assertTrue(reason.startsWith("plain mode (offloads refused: " + refused + ": ")
                    && reason.contains("Operation not supported"), reason);
            assertTrue(b.log().contains(reason), b.log());

            assertTrue(ForwarderSafetyIT.ping(Lab.AC, "10.5.2.2", 3).contains(" 0% packet loss"));
            assertTrue(ForwarderSafetyIT.ping(Lab.BC, "10.5.1.2", 3).contains(" 0% packet loss"));
            ForwarderIntegrityIT.roundTrip(lab, 32);
        }
    }
}
