package dev.ovnet.planner.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class ObjectKeyTest {

    @Test
    void sortsByPhaseThenKindThenNaturalId() {
        List<ObjectKey> sorted = List.of(
                new ObjectKey(Phase.SYSCTL, "sysctl", "net.ipv4.ip_forward"),
                new ObjectKey(Phase.LINK, "link", "flannel.1"),
                new ObjectKey(Phase.ADDRESS, "address", "flannel.1 10.100.50.0/32"),
                new ObjectKey(Phase.NEIGHBOUR, "neighbour", "flannel.1 10.100.9.0"),
                new ObjectKey(Phase.NEIGHBOUR, "neighbour", "flannel.1 10.100.10.0"),
                new ObjectKey(Phase.FDB, "fdb", "flannel.1 0a:00:00:00:00:01"),
                new ObjectKey(Phase.ROUTE, "route", "10.0.9.0/24"),
                new ObjectKey(Phase.ROUTE, "route", "10.0.10.0/24"),
                new ObjectKey(Phase.ROUTE, "route", "10.0.10.0/25"),
                new ObjectKey(Phase.ROUTE, "route", "10.0.100.0/24"),
                new ObjectKey(Phase.IPTABLES, "iptables", "filter OVNET-FWD"),
                new ObjectKey(Phase.IPTABLES, "iptables", "nat OVNET-POSTRTG"),
                new ObjectKey(Phase.FILE, "file", "/run/docker_opts.env"),
                new ObjectKey(Phase.FILE, "file", "/run/flannel/subnet.env"),
                new ObjectKey(Phase.FORWARDER, "forwarder", "flannel0"));
        List<ObjectKey> shuffled = new ArrayList<>(sorted);
        Collections.shuffle(shuffled, new Random(11));
        Collections.sort(shuffled);
        assertEquals(sorted, shuffled);
    }

    @Test
    void naturalOrderComparesNumbersByValue() {
        assertTrue(ObjectKey.compareNatural("10.0.9.0/24", "10.0.10.0/24") < 0);
        assertTrue(ObjectKey.compareNatural("node-2", "node-10") < 0);
        assertTrue(ObjectKey.compareNatural("a", "a1") < 0);
        assertTrue(ObjectKey.compareNatural("a1", "a") > 0);
        assertTrue(ObjectKey.compareNatural("99999999999999999999", "100000000000000000000") < 0);
        assertEquals(0, ObjectKey.compareNatural("x7y", "x7y"));
    }

    /**
     * A TreeMap keyed by ObjectKey (the Differ's) must never merge two different keys: the order has to agree
     * with equals even for ids whose numbers are written with leading zeros.
     */
    @Test
    void orderIsConsistentWithEquals() {
        List<String> ids = List.of("1", "01", "001", "a01", "a1", "a001b", "a1b", "x0", "x00", "0", "00",
                "node-01", "node-1", "10.0.0.0/08", "10.0.0.0/8");
        for (String a : ids) {
            for (String b : ids) {
                ObjectKey ka = new ObjectKey(Phase.FILE, "file", a);
                ObjectKey kb = new ObjectKey(Phase.FILE, "file", b);
                assertEquals(ka.equals(kb), ka.compareTo(kb) == 0, a + " vs " + b);
                assertEquals(Integer.signum(ka.compareTo(kb)), -Integer.signum(kb.compareTo(ka)), a + " vs " + b);
            }
        }
        TreeSet<ObjectKey> set = new TreeSet<>();
        ids.forEach(id -> set.add(new ObjectKey(Phase.FILE, "file", id)));
        assertEquals(ids.size(), set.size());
    }

    @Test
    void orderIsTransitiveOnRandomIds() {
        Random random = new Random(5);
        List<String> ids = new ArrayList<>();
        String alphabet = "0019a.:/-";
        for (int i = 0; i < 300; i++) {
            StringBuilder s = new StringBuilder();
            for (int j = random.nextInt(7); j >= 0; j--) {
                s.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            ids.add(s.toString());
        }
        List<String> sorted = new ArrayList<>(ids);
        sorted.sort(ObjectKey::compareNatural);
        for (int i = 0; i + 1 < sorted.size(); i++) {
            for (int j = i + 1; j < sorted.size(); j++) {
                assertTrue(ObjectKey.compareNatural(sorted.get(i), sorted.get(j)) <= 0,
                        sorted.get(i) + " after " + sorted.get(j));
            }
        }
    }

    @Test
    void printsKindAndId() {
        assertEquals("route 10.100.83.0/24", new ObjectKey(Phase.ROUTE, "route", "10.100.83.0/24").toString());
        assertNotEquals(new ObjectKey(Phase.ROUTE, "route", "x"), new ObjectKey(Phase.FDB, "route", "x"));
    }
}
