package dev.ovnet.forwarder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Real packets through two forwarders in namespaces, in plain and in offload mode: containers reach each other,
 * and the forwarder is no open door: strangers, relays, spoofed sources and junk are dropped and counted, an
 * unknown pool address gets an ICMP net unreachable, and SIGTERM ends it cleanly.
 */
@Tag("forwarder")
class ForwarderSafetyIT {

    private Lab lab;

    @AfterEach
    void tearDown() {
        if (lab != null) {
            lab.close();
        }
    }

    private ForwarderProcess[] start(boolean plain) throws Exception {
        lab = Lab.up(1472);
        String[] mode = plain ? new String[] {"--plain"} : new String[0];
        return new ForwarderProcess[] {lab.forwarder(Lab.A, mode), lab.forwarder(Lab.B, mode)};
    }

    @ParameterizedTest(name = "plain={0}")
    @ValueSource(booleans = {true, false})
    void containersPingAndMoveDataAcrossHostsInTheChosenMode(boolean plain) throws Exception {
        ForwarderProcess[] fw = start(plain);
        assertEquals(plain ? "plain" : "offload", fw[0].stats().path("mode").asText());
        assertTrue(ping(Lab.AC, "10.5.2.2", 3).contains(" 0% packet loss"));
        assertTrue(ping(Lab.BC, "10.5.1.2", 3).contains(" 0% packet loss"));
        Path file = Transfer.randomFile(lab.dir().resolve("data"), 32);
        Path got = Transfer.send(file, Lab.AC, Lab.BC, "10.5.2.2", lab.dir().resolve("got"));
        assertEquals(Transfer.sha256(file), Transfer.sha256(got));
        JsonNode stats = fw[0].stats();
        assertTrue(ForwarderProcess.peer(stats, "10.5.2.0/24").path("txBytes").asLong() > 32L << 20, stats::toString);
        assertEquals(0, Transfer.tcpChecksumErrors());
    }

    @ParameterizedTest(name = "plain={0}")
    @ValueSource(booleans = {true, false})
    void aDatagramFromANonPeerAddressIsNotDelivered(boolean plain) throws Exception {
        ForwarderProcess[] fw = start(plain);
        long echoes = Snmp.get(Lab.BC, "Icmp", "InEchos");
        send(Lab.X, "198.51.100.1", "icmp", "10.5.1.2", "10.5.2.2", "20");
        ForwarderProcess.sleep(300);
        assertEquals(echoes, Snmp.get(Lab.BC, "Icmp", "InEchos"), "a stranger's packet reached the container");
        assertTrue(ForwarderProcess.drop(fw[1].stats(), "udpToTun", "nonPeer") >= 20);

        fromPeer("icmp", "10.5.1.2", "10.5.2.2", "20");
        ForwarderProcess.sleep(300);
        assertEquals(echoes + 20, Snmp.get(Lab.BC, "Icmp", "InEchos"), "the same packets from the peer arrive");
    }

    @ParameterizedTest(name = "plain={0}")
    @ValueSource(booleans = {true, false})
    void peerPacketsThatWouldRelayOrReflectAreDropped(boolean plain) throws Exception {
        ForwarderProcess[] fw = start(plain);
        long hostEchoes = Snmp.get(Lab.B, "Icmp", "InEchos");
        long containerEchoes = Snmp.get(Lab.BC, "Icmp", "InEchos");
        long strangerEchoes = Snmp.get(Lab.X, "Icmp", "InEchos");
        fromPeer("icmp", "10.5.1.2", "198.51.100.2", "5");
        fromPeer("icmp", "10.5.1.2", "192.0.2.2", "5");
        fromPeer("icmp", "10.5.1.2", "10.5.1.2", "5");
        fromPeer("icmp", "10.5.2.9", "10.5.2.2", "5");
        ForwarderProcess.sleep(300);
        assertEquals(strangerEchoes, Snmp.get(Lab.X, "Icmp", "InEchos"), "relayed outside the pool");
        assertEquals(hostEchoes, Snmp.get(Lab.B, "Icmp", "InEchos"), "delivered to the host outside the pool");
        assertEquals(containerEchoes, Snmp.get(Lab.BC, "Icmp", "InEchos"), "spoofed source delivered");
        JsonNode stats = fw[1].stats();
        assertEquals(10, ForwarderProcess.drop(stats, "udpToTun", "outsidePool"), stats::toString);
        assertEquals(5, ForwarderProcess.drop(stats, "udpToTun", "notOwnSubnet"), stats::toString);
        assertEquals(5, ForwarderProcess.drop(stats, "udpToTun", "spoofedSource"), stats::toString);
        assertEquals(20, ForwarderProcess.peer(stats, "10.5.1.0/24").path("rxDrops").asLong(), stats::toString);
    }

    @ParameterizedTest(name = "plain={0}")
    @ValueSource(booleans = {true, false})
    void survivesABurstOfGarbageAndKeepsForwarding(boolean plain) throws Exception {
        ForwarderProcess[] fw = start(plain);
        fromPeer("garbage", "20000", "1");
        send(Lab.X, "198.51.100.1", "garbage", "5000", "2");
        assertTrue(ping(Lab.AC, "10.5.2.2", 3).contains(" 0% packet loss"));
        assertTrue(fw[1].alive());
        JsonNode stats = fw[1].stats();
        assertTrue(ForwarderProcess.drop(stats, "udpToTun", "malformed") > 15000, stats::toString);
        assertTrue(ForwarderProcess.drop(stats, "udpToTun", "nonPeer") >= 4900, stats::toString);
        assertEquals(0, fw[1].stop());
    }

    @ParameterizedTest(name = "plain={0}")
    @ValueSource(booleans = {true, false})
    void anUnknownPoolDestinationGetsIcmpNetUnreachable(boolean plain) throws Exception {
        ForwarderProcess[] fw = start(plain);
        String out = ping(Lab.AC, "10.5.9.9", 2);
        assertTrue(out.contains("Destination Net Unreachable"), out);
        Sh.Result tcp = Sh.runIn(Lab.AC, 10, "socat", "-u", "/dev/null", "TCP:10.5.9.9:80,connect-timeout=5");
        assertTrue(tcp.out().contains("unreachable"), tcp.out());
        JsonNode stats = fw[0].stats();
        assertTrue(ForwarderProcess.drop(stats, "tunToUdp", "noRoute") >= 3, () -> out + tcp.out() + stats);
        assertTrue(ForwarderProcess.drop(stats, "tunToUdp", "icmpUnreachableSent") >= 3, stats::toString);
    }

    @ParameterizedTest(name = "plain={0}")
    @ValueSource(booleans = {true, false})
    void sigtermStopsItCleanly(boolean plain) throws Exception {
        ForwarderProcess[] fw = start(plain);
        Path pid = lab.dir().resolve(Lab.A + ".pid");
        assertEquals(fw[0].pid(), Long.parseLong(Files.readString(pid).trim()));
        assertEquals(0, fw[0].stop());
        assertFalse(Files.exists(pid), "pid file left behind");
        assertTrue(fw[0].log().contains("stopped"));
    }

    static String ping(String ns, String address, int count) {
        return Sh.runIn(ns, 30, "ping", "-c", String.valueOf(count), "-i", "0.2", "-W", "2", address).out();
    }

    /** Runs {@link DatagramTool} {@code mode} in {@code ns} against {@code host}:8285, from any port. */
    static void send(String ns, String host, String mode, String... rest) {
        List<String> toolArgs = new ArrayList<>(List.of(mode, host, "8285"));
        toolArgs.addAll(List.of(rest));
        tool(ns, toolArgs);
    }

    /** Runs {@link DatagramTool} {@code mode} in host A against B, from A's forwarder port: as the peer sends. */
    static void fromPeer(String mode, String... rest) {
        fromPeerIn(Lab.A, mode, rest);
    }

    /** As above, from {@code a}, host A of a lab with namespaces of another prefix. */
    static void fromPeerIn(String a, String mode, String... rest) {
        List<String> toolArgs = new ArrayList<>(List.of("--from-port", "8285", mode, "192.0.2.2", "8285"));
        toolArgs.addAll(List.of(rest));
        tool(a, toolArgs);
    }

    private static void tool(String ns, List<String> toolArgs) {
        Sh.Result result = Sh.run(TestClasspath.java(ns, DatagramTool.class.getName(), toolArgs), 120);
        assertEquals(0, result.code(), result.out());
    }
}
