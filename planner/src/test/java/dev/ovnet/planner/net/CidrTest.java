package dev.ovnet.planner.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CidrTest {

    @Test
    void parsesNetworkAndPrefix() {
        Cidr c = Cidr.parse("10.100.0.0/16");
        assertEquals(Ipv4.parse("10.100.0.0"), c.network());
        assertEquals(16, c.prefix());
        assertEquals("10.100.0.0/16", c.toString());
        assertEquals(65536, c.size());
        assertEquals(Ipv4.parse("10.100.255.255"), c.last());
        assertEquals(Ipv4.parse("10.100.0.1"), c.host(1));
    }

    @Test
    void slashZeroIsTheWholeSpace() {
        Cidr all = Cidr.parse("0.0.0.0/0");
        assertEquals(1L << 32, all.size());
        assertEquals(Ipv4.parse("255.255.255.255"), all.last());
        assertTrue(all.contains(Ipv4.parse("255.255.255.255")));
        assertTrue(all.contains(Ipv4.parse("0.0.0.0")));
        assertTrue(all.contains(Cidr.parse("10.0.0.0/8")));
        assertTrue(all.overlaps(Cidr.parse("192.0.2.7/32")));
        assertThrows(IllegalArgumentException.class, () -> Cidr.parse("10.0.0.0/0"));
        assertEquals(all, Cidr.parseLenient("10.0.0.0/0"));
    }

    @Test
    void slashThirtyTwoIsOneAddress() {
        Cidr one = Cidr.parse("10.100.50.0/32");
        assertEquals(1, one.size());
        assertEquals(one.network(), one.last());
        assertTrue(one.contains(Ipv4.parse("10.100.50.0")));
        assertFalse(one.contains(Ipv4.parse("10.100.50.1")));
        assertTrue(Cidr.parse("10.100.50.0/24").contains(one));
        assertFalse(one.contains(Cidr.parse("10.100.50.0/24")));
    }

    @Test
    void hostBitsAreRefusedByParseAndMaskedByParseLenient() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Cidr.parse("10.5.1.0/16"));
        assertEquals("10.5.1.0/16 has host bits set; the network is 10.5.0.0/16", e.getMessage());
        assertEquals(Cidr.parse("10.5.0.0/16"), Cidr.parseLenient("10.5.1.0/16"));
        assertEquals(Cidr.parse("10.100.50.0/24"), Cidr.parseLenient("10.100.50.1/24"));
        assertThrows(IllegalArgumentException.class, () -> new Cidr(Ipv4.parse("10.0.0.1"), 31));
        assertThrows(IllegalArgumentException.class, () -> new Cidr(Ipv4.parse("10.0.0.0"), 33));
        assertThrows(IllegalArgumentException.class, () -> new Cidr(Ipv4.parse("10.0.0.0"), -1));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "10.0.0.0", "10.0.0.0/", "10.0.0.0/33", "10.0.0.0/-1", "10.0.0.0/+8",
        "10.0.0.0/ 8", "10.0.0.0/8 ", "10.0.0.0/100", "10.0.0/8", "10.0.0.256/24", "10.0.0.0/8/8", "/8",
        "10.0.0.0/\u0668", "10.0.0.0/x"})
    void rejectsMalformedText(String text) {
        assertThrows(IllegalArgumentException.class, () -> Cidr.parse(text));
        assertThrows(IllegalArgumentException.class, () -> Cidr.parseLenient(text));
    }

    @Test
    void containsAddresses() {
        Cidr c = Cidr.parse("10.100.50.0/24");
        assertTrue(c.contains(Ipv4.parse("10.100.50.0")));
        assertTrue(c.contains(Ipv4.parse("10.100.50.255")));
        assertFalse(c.contains(Ipv4.parse("10.100.51.0")));
        assertFalse(c.contains(Ipv4.parse("10.100.49.255")));
        Cidr high = Cidr.parse("200.0.0.0/5");
        assertTrue(high.contains(Ipv4.parse("207.255.255.255")));
        assertFalse(high.contains(Ipv4.parse("199.255.255.255")));
    }

    @Test
    void containsAndOverlapsNetworks() {
        Cidr pool = Cidr.parse("10.100.0.0/16");
        Cidr lease = Cidr.parse("10.100.50.0/24");
        Cidr other = Cidr.parse("10.101.0.0/16");
        assertTrue(pool.contains(lease));
        assertFalse(lease.contains(pool));
        assertTrue(pool.contains(pool));
        assertFalse(pool.contains(other));
        assertTrue(pool.overlaps(lease));
        assertTrue(lease.overlaps(pool));
        assertFalse(pool.overlaps(other));
        assertFalse(lease.overlaps(Cidr.parse("10.100.51.0/24")));
        assertTrue(Cidr.parse("10.100.50.128/25").overlaps(lease));
    }

    @Test
    void overlapsIsSymmetricAndMatchesAddressSets() {
        Random random = new Random(42);
        for (int n = 0; n < 20_000; n++) {
            Cidr a = randomCidr(random);
            Cidr b = randomCidr(random);
            long aFirst = a.network().unsigned();
            long aLast = a.last().unsigned();
            long bFirst = b.network().unsigned();
            long bLast = b.last().unsigned();
            boolean intersect = aFirst <= bLast && bFirst <= aLast;
            assertEquals(intersect, a.overlaps(b), a + " vs " + b);
            assertEquals(a.overlaps(b), b.overlaps(a), a + " vs " + b);
            boolean inside = bFirst >= aFirst && bLast <= aLast;
            assertEquals(inside, a.contains(b), a + " contains " + b);
        }
    }

    @Test
    void naturalOrderIsByNetworkThenPrefix() {
        List<Cidr> sorted = new ArrayList<>();
        for (String s : List.of("0.0.0.0/0", "10.0.0.0/8", "10.0.0.0/16", "10.0.9.0/24", "10.0.10.0/24",
                "10.100.0.0/16", "10.100.50.0/24", "128.0.0.0/1", "192.0.2.0/24", "255.255.255.255/32")) {
            sorted.add(Cidr.parse(s));
        }
        List<Cidr> shuffled = new ArrayList<>(sorted);
        Collections.shuffle(shuffled, new Random(3));
        Collections.sort(shuffled);
        assertEquals(sorted, shuffled);
    }

    @Test
    void maskOfEveryPrefix() {
        assertEquals(0, Cidr.mask(0));
        assertEquals(0x80000000, Cidr.mask(1));
        assertEquals(0xffffff00, Cidr.mask(24));
        assertEquals(0xffffffff, Cidr.mask(32));
        for (int p = 0; p <= 32; p++) {
            assertEquals(p, Integer.bitCount(Cidr.mask(p)));
        }
    }

    private static Cidr randomCidr(Random random) {
        int prefix = random.nextInt(33);
        int bits = random.nextInt() & Cidr.mask(prefix);
        // bias towards overlapping pairs by using a small part of the space half the time
        if (random.nextBoolean()) {
            bits = (0x0a000000 | (random.nextInt() & 0x0000ffff)) & Cidr.mask(prefix);
        }
        return new Cidr(new Ipv4(bits), prefix);
    }
}
