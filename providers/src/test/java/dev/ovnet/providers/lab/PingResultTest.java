package dev.ovnet.providers.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class PingResultTest {

    private static String fixture(String name) throws IOException {
        try (InputStream in = PingResultTest.class.getResourceAsStream("/lab/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void allRepliesGiveTheAverageRoundTrip() throws IOException {
        PingResult result = PingResult.parse(3, 0, fixture("ping-ok.txt"), "");

        assertTrue(result.reachable());
        assertFalse(result.lossy());
        assertEquals(0.067, result.avgRttMs(), 1e-9);
        assertEquals(3, result.received());
    }

    @Test
    void someRepliesAreReachableButLossy() throws IOException {
        PingResult result = PingResult.parse(3, 0, fixture("ping-partial.txt"), "");

        assertTrue(result.reachable());
        assertTrue(result.lossy());
        assertEquals(13.3, result.avgRttMs(), 1e-9);
    }

    @Test
    void noReplyIsUnreachable() throws IOException {
        PingResult result = PingResult.parse(3, 1, fixture("ping-lost.txt"), "");

        assertFalse(result.reachable());
        assertEquals("no reply to 3 pings", result.detail());
        assertTrue(Double.isNaN(result.avgRttMs()));
    }

    @Test
    void anIcmpErrorNamesTheRouterThatSentIt() throws IOException {
        PingResult result = PingResult.parse(3, 1, fixture("ping-net-unreachable.txt"), "");

        assertFalse(result.reachable());
        assertEquals("Destination Net Unreachable (from 10.100.1.1)", result.detail());
    }

    @Test
    void aLocalRoutingErrorComesFromStderr() {
        PingResult result = PingResult.parse(3, 2, "", "ping: connect: Network is unreachable\n");

        assertFalse(result.reachable());
        assertEquals("connect: Network is unreachable", result.detail());
    }
}
