package dev.ovnet.planner.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class Cidr6Test {

    @Test
    void parsesNetworkAndPrefix() {
        Cidr6 pool = Cidr6.parse("fd10:100::/48");
        assertEquals(Ipv6.parse("fd10:100::"), pool.network());
        assertEquals(48, pool.prefix());
        assertEquals("fd10:100::/48", pool.toString());
        assertEquals(BigInteger.ONE.shiftLeft(80), pool.size());
        assertEquals(Ipv6.parse("fd10:100:0:ffff:ffff:ffff:ffff:ffff"), pool.last());
        assertEquals(Ipv6.parse("fd10:100::1"), pool.host(1));
        assertEquals("fd10:100::/48", Cidr6.parse("FD10:0100:0::/48").toString());
    }

    @Test
    void hostBitsAreRefusedOrMasked() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Cidr6.parse("fd10:100::1/48"));
        assertTrue(e.getMessage().contains("fd10:100::/48"), e.getMessage());
        assertEquals(Cidr6.parse("fd10:100::/48"), Cidr6.parseLenient("fd10:100::1/48"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"fd10::", "fd10::/", "fd10::/129", "fd10::/-1", "fd10::/+4", "10.0.0.0/8", "fd10::/0048"})
    void refusesMalformed(String text) {
        assertThrows(IllegalArgumentException.class, () -> Cidr6.parse(text));
    }

    @Test
    void containsAndOverlaps() {
        Cidr6 pool = Cidr6.parse("fd10:100::/48");
        Cidr6 lease = Cidr6.parse("fd10:100:0:32::/64");
        assertTrue(pool.contains(lease));
        assertFalse(lease.contains(pool));
        assertTrue(pool.overlaps(lease));
        assertTrue(lease.overlaps(pool));
        assertTrue(lease.contains(Ipv6.parse("fd10:100:0:32:ffff:ffff:ffff:ffff")));
        assertFalse(lease.contains(Ipv6.parse("fd10:100:0:33::")));
        assertFalse(pool.overlaps(Cidr6.parse("fd10:101::/48")));
        assertTrue(Cidr6.parse("::/0").contains(pool));
    }

    @Test
    void countsSubnetsBothWays() {
        Cidr6 pool = Cidr6.parse("fd10:100::/48");
        assertEquals(Cidr6.parse("fd10:100:0:1::/64"), pool.subnet(BigInteger.ONE, 64));
        assertEquals(Cidr6.parse("fd10:100:0:ffff::/64"), pool.subnet(BigInteger.valueOf(0xffff), 64));
        assertEquals(BigInteger.valueOf(0x32), pool.indexOf(Ipv6.parse("fd10:100:0:32::"), 64));
        assertThrows(IllegalArgumentException.class, () -> pool.subnet(BigInteger.valueOf(0x10000), 64));
        assertThrows(IllegalArgumentException.class, () -> pool.subnet(BigInteger.ZERO, 40));
    }
}
