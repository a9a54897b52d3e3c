package dev.ovnet.forwarder;

import static dev.ovnet.forwarder.ForwarderSafetyIT.fromPeerIn;
import static dev.ovnet.forwarder.ForwarderSafetyIT.send;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Whoever can send from a peer's underlay address cannot forge what enters {@code flannel0}: datagrams from peer
 * A's address and forwarder port whose inner source is not in A's subnet (another peer's, loopback) or whose
 * addresses no router forwards (multicast, this subnet's broadcast), and datagrams from A's address but another
 * port, are counted and never written into B's TUN device (its receive counter, which counts every packet the
 * forwarder writes, does not move), while A's own containers' packets still arrive.
 */
@Tag("forwarder")
class ForwarderSpoofingIT {

    /** This test's namespaces: its own prefix, apart from the other forwarder tests' (and this JVM's pid). */
    private static final String PREFIX = "ovtf-" + Long.toHexString(ProcessHandle.current().pid()) + "-";

    @ParameterizedTest(name = "plain={0}")
    @ValueSource(booleans = {true, false})
    void forgedInnerSourcesFromThePeersAddressNeverReachTheTun(boolean plain) throws Exception {
        try (Lab lab = Lab.up(1472, PREFIX)) {
            String[] mode = plain ? new String[] {"--plain"} : new String[0];
            lab.forwarder(lab.a, mode);
            lab.peers(lab.b, "10.5.1.0/24 192.0.2.1:8285\n10.5.3.0/24 192.0.2.3:8285\n");
            ForwarderProcess b = lab.forwarder(lab.b, mode);
            long tunIn = tunReceived(lab);
            long echoes = Snmp.get(lab.bc, "Icmp", "InEchos");

            fromPeerIn(lab.a, "icmp", "10.5.3.2", "10.5.2.2", "5"); // another peer's container
            fromPeerIn(lab.a, "icmp", "10.5.2.9", "10.5.2.2", "5"); // one of B's own
            fromPeerIn(lab.a, "icmp", "127.0.0.1", "10.5.2.2", "5");
            fromPeerIn(lab.a, "icmp", "10.5.1.2", "224.0.0.1", "5");
            fromPeerIn(lab.a, "icmp", "10.5.1.2", "255.255.255.255", "5");
            fromPeerIn(lab.a, "icmp", "10.5.1.2", "10.5.2.255", "5"); // B's subnet's broadcast
            fromPeerIn(lab.a, "icmp", "10.5.1.255", "10.5.2.2", "5"); // A's subnet's broadcast
            send(lab.a, "192.0.2.2", "icmp", "10.5.1.2", "10.5.2.2", "5"); // A's address, not its forwarder's port
            ForwarderProcess.sleep(300);
            JsonNode stats = b.stats();
            assertEquals(tunIn, tunReceived(lab), () -> "forged packets were written into flannel0: " + stats);
            assertEquals(echoes, Snmp.get(lab.bc, "Icmp", "InEchos"), "a forged echo reached the container");
            assertEquals(10, ForwarderProcess.drop(stats, "udpToTun", "spoofedSource"), stats::toString);
            assertEquals(25, ForwarderProcess.drop(stats, "udpToTun", "martian"), stats::toString);
            assertEquals(5, ForwarderProcess.drop(stats, "udpToTun", "nonPeer"), stats::toString);
            assertEquals(35, ForwarderProcess.peer(stats, "10.5.1.0/24").path("rxDrops").asLong(), stats::toString);

            fromPeerIn(lab.a, "icmp", "10.5.1.2", "10.5.2.2", "5");
            ForwarderProcess.sleep(300);
            assertEquals(echoes + 5, Snmp.get(lab.bc, "Icmp", "InEchos"), "the peer's own packets no longer arrive");
            assertEquals(tunIn + 5, tunReceived(lab), b::statsNow);
        }
    }

    /** Packets the forwarder wrote into B's flannel0 (a TUN counts what its reader writes as received). */
    private static long tunReceived(Lab lab) {
        return Long.parseLong(Sh.okIn(lab.b, "cat", "/sys/class/net/flannel0/statistics/rx_packets").trim());
    }
}
