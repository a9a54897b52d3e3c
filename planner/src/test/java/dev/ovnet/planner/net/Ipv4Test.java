package dev.ovnet.planner.net;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class Ipv4Test {

    @Test
    void parsesAndPrintsDottedQuads() {
        for (String text : List.of("0.0.0.0", "10.100.50.1", "172.16.112.133", "192.0.2.255", "255.255.255.255")) {
            assertEquals(text, Ipv4.parse(text).toString());
        }
        assertEquals(0x0a643201, Ipv4.parse("10.100.50.1").bits());
        assertEquals(0xffffffffL, Ipv4.parse("255.255.255.255").unsigned());
        assertEquals(-1, Ipv4.parse("255.255.255.255").bits());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "1.2.3", "1.2.3.4.5", "1.2.3.256", "1.2.3.-1", "01.2.3.4", "1.2.3.04", "1..3.4",
        "1.2.3.4.", ".1.2.3", "a.b.c.d", " 1.2.3.4", "1.2.3.4 ", "1.2.3.4/24", "1.2.3.1000", "0x1.2.3.4",
        "+1.2.3.4", "1.2.3.\u0664", "\u0661.2.3.4", "\uff11.2.3.4"})
    void rejectsAnythingButFourPlainDecimalOctets(String text) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Ipv4.parse(text));
        assertEquals("not an IPv4 address: " + text, e.getMessage());
    }

    @Test
    void ordersByUnsignedValue() {
        List<Ipv4> sorted = new ArrayList<>();
        for (String s : List.of("0.0.0.0", "1.0.0.0", "9.255.255.255", "10.0.0.0", "127.255.255.255", "128.0.0.0",
                "192.0.2.1", "255.255.255.255")) {
            sorted.add(Ipv4.parse(s));
        }
        List<Ipv4> shuffled = new ArrayList<>(sorted);
        Collections.shuffle(shuffled, new Random(7));
        Collections.sort(shuffled);
        assertEquals(sorted, shuffled);
    }

    @Test
    void plusWrapsAroundTheAddressSpace() {
        assertEquals(Ipv4.parse("10.0.1.0"), Ipv4.parse("10.0.0.255").plus(1));
        assertEquals(Ipv4.parse("255.255.255.255"), Ipv4.parse("0.0.0.0").plus(0xffffffffL));
        assertEquals(Ipv4.parse("128.0.0.0"), Ipv4.parse("127.255.255.255").plus(1));
    }

    @Test
    void toBytesIsNetworkOrder() {
        assertArrayEquals(new byte[] {10, 100, 50, (byte) 200}, Ipv4.parse("10.100.50.200").toBytes());
    }
}
