package dev.ovnet.planner.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.net.InetAddress;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class Ipv6Test {

    /** Written forms and what `ip -6 addr` shows for them (glibc inet_ntop, RFC 5952). */
    @ParameterizedTest
    @CsvSource({
            "fd10:100::, fd10:100::",
            "FD10:0100:0000:0000:0000:0000:0000:0001, fd10:100::1",
            "::, ::",
            "::1, ::1",
            "1::, 1::",
            "2001:db8:0:0:1:0:0:1, 2001:db8::1:0:0:1",
            "2001:db8:0:1:1:1:1:1, 2001:db8:0:1:1:1:1:1",
            "fd00:0:0:0:0:0:c000:20b, fd00::c000:20b",
            "::ffff:192.0.2.1, ::ffff:192.0.2.1",
            "::ffff:c000:0201, ::ffff:192.0.2.1",
            "64:ff9b::192.0.2.33, 64:ff9b::c000:221",
            "fd10:100:0:ff00::, fd10:100:0:ff00::"})
    void printsAsIproute2(String written, String printed) {
        assertEquals(printed, Ipv6.parse(written).toString());
        assertEquals(Ipv6.parse(written), Ipv6.parse(printed));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", ":", ":::", "1:::2", "1::2::3", "1:2:3:4:5:6:7", "1:2:3:4:5:6:7:8:9", "12345::",
            "g::", "::1.2.3", "1.2.3.4::", "fe80::1%eth0", "fd10::/64", " ::1", "1:2:3:4:5:6:7::8", ":1::",
            "::1:", "1::2:3:4:5:6:7:8"})
    void refusesMalformed(String text) {
        assertThrows(IllegalArgumentException.class, () -> Ipv6.parse(text));
    }

    @Test
    void agreesWithTheJdkOnRandomAddresses() throws Exception {
        Random random = new Random(6);
        for (int i = 0; i < 2000; i++) {
            long hi = random.nextInt(4) == 0 ? 0 : random.nextLong() & (random.nextBoolean() ? -1L : 0xffff0000ffffL);
            long lo = random.nextInt(3) == 0 ? 0 : random.nextLong() & (random.nextBoolean() ? -1L : 0xffffL);
            Ipv6 address = new Ipv6(hi, lo);
            byte[] jdk = InetAddress.getByName(address.toString()).getAddress();
            if (jdk.length == 16) {
                assertEquals(address, new Ipv6(java.nio.ByteBuffer.wrap(jdk).getLong(),
                        java.nio.ByteBuffer.wrap(jdk, 8, 8).getLong()), address.toString());
            }
            assertEquals(address, Ipv6.parse(address.toString()));
            assertEquals(address, Ipv6.of(address.toBigInteger()));
        }
    }

    @Test
    void ordersAndAddsAsUnsigned128BitNumbers() {
        Ipv6 low = Ipv6.parse("::ffff:ffff:ffff:ffff");
        Ipv6 high = Ipv6.parse("0:0:0:1::");
        assertEquals(high, low.plus(1));
        assertEquals(low, high.plus(-1));
        assertTrue(low.compareTo(high) < 0);
        assertTrue(Ipv6.parse("8000::").compareTo(Ipv6.parse("7fff::")) > 0);
        assertEquals(new BigInteger("ffffffffffffffff", 16), low.toBigInteger());
    }

    @Test
    void masksToAPrefix() {
        Ipv6 a = Ipv6.parse("fd10:100:0:32:1:2:3:4");
        assertEquals(Ipv6.parse("fd10:100:0:32::"), a.masked(64));
        assertEquals(Ipv6.parse("fd10:100::"), a.masked(48));
        assertEquals(Ipv6.parse("fd10:100:0:32:1::"), a.masked(80));
        assertEquals(Ipv6.parse("::"), a.masked(0));
        assertEquals(a, a.masked(128));
        assertFalse(Ipv6.looksLike("10.0.0.0/8"));
        assertTrue(Ipv6.looksLike("fd10::/48"));
    }
}
