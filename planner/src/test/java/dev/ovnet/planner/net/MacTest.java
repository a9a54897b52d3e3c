package dev.ovnet.planner.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MacTest {

    @Test
    void parsesAndPrintsLowerCaseColonSeparated() {
        assertEquals("d6:1a:65:fc:48:77", Mac.parse("d6:1a:65:fc:48:77").toString());
        assertEquals("d6:1a:65:fc:48:77", Mac.parse("D6:1A:65:FC:48:77").toString());
        assertEquals(0xd61a65fc4877L, Mac.parse("d6:1a:65:fc:48:77").bits());
        assertEquals("00:00:00:00:00:00", new Mac(0).toString());
        assertEquals("ff:ff:ff:ff:ff:ff", new Mac(0xffff_ffff_ffffL).toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "d6:1a:65:fc:48", "d6:1a:65:fc:48:77:00", "d6-1a-65-fc-48-77", "d6:1a:65:fc:48:7",
        "d6:1a:65:fc:48:777", "g6:1a:65:fc:48:77", "+6:1a:65:fc:48:77", "-1:1a:65:fc:48:77", "d6:1a:65:fc:48:+f",
        "d6:1a:65:fc:48: 7", "d6:1a:65:fc:48:\uff11\uff11", "d61a65fc4877"})
    void rejectsMalformedText(String text) {
        assertThrows(IllegalArgumentException.class, () -> Mac.parse(text));
    }

    @Test
    void rejectsMoreThan48Bits() {
        assertThrows(IllegalArgumentException.class, () -> new Mac(1L << 48));
        assertThrows(IllegalArgumentException.class, () -> new Mac(-1));
    }

    @Test
    void forLeaseIsDeterministic() {
        Cidr lease = Cidr.parse("10.100.50.0/24");
        assertEquals(Mac.forLease("default", 1, lease), Mac.forLease("default", 1, Cidr.parse("10.100.50.0/24")));
        assertNotEquals(Mac.forLease("default", 1, lease), Mac.forLease("demo", 1, lease));
        assertNotEquals(Mac.forLease("default", 1, lease), Mac.forLease("default", 2, lease));
        assertNotEquals(Mac.forLease("default", 1, lease), Mac.forLease("default", 1, Cidr.parse("10.100.50.0/25")));
    }

    /** Every /24 of 10.0.0.0/8: 65,536 MACs, each locally administered unicast, no two equal. */
    @Test
    void forLeaseGivesDistinctLocallyAdministeredUnicastMacs() {
        Map<Long, Cidr> seen = new HashMap<>(1 << 17);
        for (int i = 0; i < 65_536; i++) {
            Cidr lease = new Cidr(new Ipv4(0x0a000000 | (i << 8)), 24);
            Mac mac = Mac.forLease("default", 1, lease);
            long first = mac.bits() >>> 40;
            assertEquals(0, first & 1, "multicast bit set for " + lease + ": " + mac);
            assertEquals(2, first & 2, "not locally administered for " + lease + ": " + mac);
            assertEquals(mac, Mac.parse(mac.toString()));
            Cidr clash = seen.put(mac.bits(), lease);
            if (clash != null) {
                throw new AssertionError(lease + " and " + clash + " both get " + mac);
            }
        }
        assertEquals(65_536, seen.size());
    }
}
