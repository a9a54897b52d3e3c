package dev.ovnet.forwarder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The peer table changes under a running forwarder: a new peer becomes reachable without a restart, traffic
 * to an unchanged peer loses nothing while the table is rewritten again and again, each change is logged, and
 * a broken file leaves the running table in place.
 */
@Tag("forwarder")
class ForwarderReloadIT {

    private Lab lab;

    @AfterEach
    void tearDown() {
        if (lab != null) {
            lab.close();
        }
    }

    @Test
    void aPeerAddedToTheFileBecomesReachableWithoutRestart() throws Exception {
        lab = Lab.up(1472);
        lab.peers(Lab.A, "");
        ForwarderProcess a = lab.forwarder(Lab.A);
        lab.forwarder(Lab.B);
        long pid = a.pid();
        assertTrue(ForwarderSafetyIT.ping(Lab.AC, "10.5.2.2", 2).contains("Destination Net Unreachable"));

        lab.peers(Lab.A, "10.5.2.0/24 192.0.2.2:8285\n");
        assertTrue(a.awaitLog("peer added 10.5.2.0/24 -> 192.0.2.2:8285", 5), a.log());
        assertTrue(ForwarderSafetyIT.ping(Lab.AC, "10.5.2.2", 3).contains(" 0% packet loss"));
        assertEquals(pid, a.pid());
        assertTrue(a.alive());
        assertEquals(1, a.stats().path("reloads").asLong());
    }

    @Test
    void trafficToAnUnchangedPeerLosesNothingWhileTheTableIsRewritten() throws Exception {
        lab = Lab.up(1472);
        ForwarderProcess a = lab.forwarder(Lab.A);
        ForwarderProcess b = lab.forwarder(Lab.B);
        CompletableFuture<String> ping = CompletableFuture.supplyAsync(() -> Sh.runIn(Lab.AC, 60, "ping", "-c",
                "500", "-i", "0.005", "-W", "1", "10.5.2.2").out());
        String base = "10.5.2.0/24 192.0.2.2:8285\n";
        for (int i = 0; i < 6; i++) {
            ForwarderProcess.sleep(200);
            lab.peers(Lab.A, i % 2 == 0 ? base + "10.5.3.0/24 192.0.2.3:8285\n" : base);
            a.signal("HUP");
            int reloads = i + 1;
            assertTrue(a.awaitLog(l -> l.split("peer table reloaded \\(SIGHUP\\)", -1).length > reloads, 5), a.log());
        }
        String out = ping.get();
        assertTrue(out.contains(" 0% packet loss"), () -> out.lines().filter(l -> !l.contains("bytes from"))
                .toList() + "\n" + a.log() + b.log() + a.statsNow() + b.statsNow());
        assertTrue(a.log().contains("peer added 10.5.3.0/24 -> 192.0.2.3:8285"), a.log());
        assertTrue(a.log().contains("peer removed 10.5.3.0/24 -> 192.0.2.3:8285"), a.log());
        assertTrue(a.log().contains("(SIGHUP)"), a.log());
        // the first fresh stats file may hold a snapshot taken before the ping's last packets (a loaded machine
        // writes it late); the next one was snapshotted after that write, so after the ping ended
        a.stats();
        JsonNode peer = ForwarderProcess.peer(a.stats(), "10.5.2.0/24");
        assertTrue(peer.path("txPackets").asLong() >= 500, "counters of the unchanged peer were reset: " + peer);
    }

    @Test
    void aChangedAddressIsLoggedAndABrokenFileKeepsTheRunningTable() throws Exception {
        lab = Lab.up(1472);
        lab.peers(Lab.A, "10.5.2.0/24 192.0.2.2:8285\n10.5.3.0/24 192.0.2.3:8285\n");
        ForwarderProcess a = lab.forwarder(Lab.A);
        lab.forwarder(Lab.B);
        lab.peers(Lab.A, "10.5.2.0/24 192.0.2.2:8285\n10.5.3.0/24 192.0.2.4:8285\n");
        assertTrue(a.awaitLog("peer changed 10.5.3.0/24: 192.0.2.3:8285 -> 192.0.2.4:8285", 5), a.log());

        lab.peers(Lab.A, "10.5.2.0/24 192.0.2.2\n");
        assertTrue(a.awaitLog("peer table kept", 5), a.log());
        assertTrue(a.log().contains(".peers:2: the peer '192.0.2.2' has no port"), a.log());
        assertTrue(ForwarderSafetyIT.ping(Lab.AC, "10.5.2.2", 3).contains(" 0% packet loss"));
        JsonNode stats = a.stats();
        assertEquals(2, stats.path("peers").size());
        assertTrue(stats.path("lastReloadError").asText().contains("has no port"), stats::toString);
    }
}
