package dev.ovnet.forwarder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ovnet.planner.desired.ForwarderPeers;
import dev.ovnet.planner.desired.PeerEntry;
import dev.ovnet.planner.net.Cidr;
import dev.ovnet.planner.net.Ipv4;
import java.util.List;
import org.junit.jupiter.api.Test;

class PeerFileTest {

    private static final Cidr POOL = Cidr.parse("10.5.0.0/16");
    private static final Cidr OWN = Cidr.parse("10.5.1.0/24");

    @Test
    void readsWhatThePlannerWrites() {
        String text = ForwarderPeers.render(List.of(
                new PeerEntry("b", Cidr.parse("10.5.2.0/24"), Ipv4.parse("192.0.2.2"), null),
                new PeerEntry("c", Cidr.parse("10.5.3.0/24"), Ipv4.parse("192.0.2.3"), null)), 8285);
        List<PeerFile.Entry> entries = PeerFile.parse("f", text, POOL, OWN);
        assertEquals(List.of(new PeerFile.Entry(Cidr.parse("10.5.2.0/24"), Ipv4.parse("192.0.2.2"), 8285),
                new PeerFile.Entry(Cidr.parse("10.5.3.0/24"), Ipv4.parse("192.0.2.3"), 8285)), entries);
    }

    @Test
    void refusesBadLinesNamingTheLine() {
        assertTrue(message("# c\n10.5.2.0/24 192.0.2.2\n").startsWith("f:2: the peer '192.0.2.2' has no port"));
        assertTrue(message("10.6.2.0/24 192.0.2.2:1\n").contains("outside the pool 10.5.0.0/16"));
        assertTrue(message("10.5.1.0/25 192.0.2.2:1\n").contains("overlaps this host's own subnet"));
        assertTrue(message("10.5.2.0/24 192.0.2.2:1\n10.5.2.0/23 192.0.2.3:1\n").contains("f:2:"));
        assertTrue(message("10.5.2.0/24 192.0.2.2:70000\n").contains("out of range"));
        assertTrue(message("10.5.2.1/24 192.0.2.2:1\n").contains("host bits"));
        assertTrue(message("10.5.2.0/24 192.0.2.2:1 extra\n").contains("expected '<subnet> <address>:<port>'"));
    }

    @Test
    void routesByLongestPrefixAndFindsSendersByAddress() {
        PeerTable table = PeerTable.of(PeerFile.parse("f",
                "10.5.2.0/24 192.0.2.2:8285\n10.5.4.0/22 192.0.2.4:8285\n10.5.3.128/25 192.0.2.5:9000\n",
                POOL, OWN), null);
        assertEquals("192.0.2.2", table.route(Ipv4.parse("10.5.2.77").bits()).address().toString());
        assertEquals("192.0.2.4", table.route(Ipv4.parse("10.5.7.1").bits()).address().toString());
        assertEquals(9000, table.route(Ipv4.parse("10.5.3.200").bits()).port());
        assertNull(table.route(Ipv4.parse("10.5.3.1").bits()));
        assertNull(table.route(Ipv4.parse("10.5.1.1").bits()));
        assertEquals("10.5.4.0/22", table.sender(Ipv4.parse("192.0.2.4").bits()).subnet().toString());
        assertNull(table.sender(Ipv4.parse("192.0.2.9").bits()));
    }

    @Test
    void aReloadKeepsTheCountersOfUnchangedPeersOnly() {
        PeerTable first = PeerTable.of(PeerFile.parse("f", "10.5.2.0/24 192.0.2.2:8285\n10.5.3.0/24 192.0.2.3:1\n",
                POOL, OWN), null);
        PeerTable second = PeerTable.of(PeerFile.parse("f", "10.5.2.0/24 192.0.2.2:8285\n10.5.3.0/24 192.0.2.9:1\n",
                POOL, OWN), first);
        assertSame(first.peers().get(0).counters(), second.peers().get(0).counters());
        assertTrue(first.peers().get(1).counters() != second.peers().get(1).counters());
    }

    private static String message(String text) {
        return assertThrows(ForwarderException.class, () -> PeerFile.parse("f", text, POOL, OWN)).getMessage();
    }
}
