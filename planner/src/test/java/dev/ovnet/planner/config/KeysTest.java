package dev.ovnet.planner.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The "did you mean" search behind every unknown-key hint. */
class KeysTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({"subnetLen, subnetLength", "subnetlength, subnetLength", "SUBNETMIN, subnetMin",
            "subnetMn, subnetMin", "ipmasq, ipMasq", "ip_masq, ipMasq", "runtme, runtime", "bakend, backend",
            "mtus, mtu", "poool, pool"})
    void closeNetworkKeysAreSuggested(String typed, String suggested) {
        assertEquals(suggested, Keys.closest(typed, Keys.NETWORK));
    }

    @ParameterizedTest
    @CsvSource({"color", "x", "subnets", "networkName"})
    void farKeysAreNotSuggested(String typed) {
        assertNull(Keys.closest(typed, Keys.NETWORK));
    }

    @Test
    void aKeyOfAnotherBlockIsPointedThere() {
        assertEquals("sudo belongs in ssh; the keys here are name, pool, subnetLength, subnetMin, subnetMax, backend,"
                + " mtu, ipMasq, runtime, pool6, subnetLength6, subnetMin6, subnetMax6", Keys.hint("sudo", Keys.NETWORK, "network"));
        assertEquals("the keys of network are name, pool, subnetLength, subnetMin, subnetMax, backend, mtu, ipMasq,"
                + " runtime, pool6, subnetLength6, subnetMin6, subnetMax6", Keys.hint("colour", Keys.NETWORK, "network"));
    }

    @Test
    void distanceIsLevenshteinCappedAtTheLimit() {
        assertEquals(0, Keys.distance("pool", "pool", 3));
        assertEquals(1, Keys.distance("pool", "poll", 3));
        assertEquals(2, Keys.distance("vni", "ivn", 3));
        assertEquals(3, Keys.distance("a", "abcdef", 3));
        assertEquals(3, Keys.distance("x".repeat(100_000), "pool", 3));
    }
}
