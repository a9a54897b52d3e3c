package dev.ovnet.providers.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ovnet.planner.state.State;
import org.junit.jupiter.api.Test;

/**
 * The state stays linear in the number of hosts: a derived host costs the same bytes in a state of 500 hosts
 * as in one of 5,000, and 5,000 hosts encode and decode in well under a second. Prints the figures.
 */
class StateCodecScaleTest {

    @Test
    void fiveThousandDerivedHostsAreSmallAndFast() {
        State small = StateFixtures.derived(500, 1);
        State large = StateFixtures.derived(5000, 1);
        int smallBytes = StateCodec.encode(small).length;
        byte[] encoded = StateCodec.encode(large);
        int compactBytes = StateCodec.encodeCompact(large).length;
        for (int warm = 0; warm < 5; warm++) {
            StateCodec.decode(StateCodec.encode(large), "bench", "");
        }
        long bestEncode = Long.MAX_VALUE;
        long bestDecode = Long.MAX_VALUE;
        State decoded = null;
        for (int round = 0; round < 5; round++) {
            long t0 = System.nanoTime();
            encoded = StateCodec.encode(large);
            long t1 = System.nanoTime();
            decoded = StateCodec.decode(encoded, "bench", "");
            long t2 = System.nanoTime();
            bestEncode = Math.min(bestEncode, t1 - t0);
            bestDecode = Math.min(bestDecode, t2 - t1);
        }
        assertEquals(large, decoded);
        System.out.printf("state of 5000 derived hosts: %d bytes pretty (%d per host), %d bytes compact; "
                        + "encode %.1f ms, decode %.1f ms (best of 5, warm)%n", encoded.length,
                encoded.length / 5000, compactBytes, bestEncode / 1e6, bestDecode / 1e6);
        double growth = (double) encoded.length / smallBytes;
        assertTrue(growth < 10.2, "10x the hosts gives about 10x the bytes, got " + growth);
        assertTrue(encoded.length < 5000 * 600, "under 600 bytes per derived host: " + encoded.length);
    }
}
