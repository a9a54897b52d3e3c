package dev.ovnet.forwarder;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ovnet.planner.net.Cidr;
import dev.ovnet.planner.net.Ipv4;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The verdicts on packets that peer 10.5.1.0/24 (at 192.0.2.1) sends to this host, whose subnet is 10.5.2.0/24
 * in the pool 10.5.0.0/16; another peer holds 10.5.3.0/24.
 */
class PolicyTest {

    private final Policy policy = new Policy(Cidr.parse("10.5.0.0/16"), Cidr.parse("10.5.2.0/24"));
    private final Peer peer = new Peer(Cidr.parse("10.5.1.0/24"), Ipv4.parse("192.0.2.1"), 8285, new PeerCounters());

    @ParameterizedTest(name = "{0} -> {1}: {2}")
    @CsvSource({
        "10.5.1.2, 10.5.2.2, PASS",
        "10.5.1.0, 10.5.2.2, PASS", // the peer host itself: its flannel0 holds the subnet's network address
        "10.5.1.2, 10.5.2.0, PASS",
        "10.5.3.2, 10.5.2.2, SPOOFED_SOURCE", // another peer's container
        "10.5.2.9, 10.5.2.2, SPOOFED_SOURCE", // this host's own container
        "198.51.100.7, 10.5.2.2, SPOOFED_SOURCE", // the internet
        "127.0.0.1, 10.5.2.2, MARTIAN",
        "10.5.1.2, 127.0.0.1, MARTIAN",
        "0.0.0.0, 10.5.2.2, MARTIAN",
        "224.0.0.1, 10.5.2.2, MARTIAN",
        "10.5.1.2, 239.1.2.3, MARTIAN",
        "10.5.1.2, 255.255.255.255, MARTIAN",
        "10.5.1.2, 10.5.2.255, MARTIAN", // this subnet's broadcast
        "10.5.1.255, 10.5.2.2, MARTIAN", // the peer subnet's broadcast
        "10.5.1.2, 198.51.100.2, OUTSIDE_POOL",
        "10.5.1.2, 10.5.3.2, NOT_OWN_SUBNET",
    })
    void inboundPacketsArePassedOnlyFromThePeersOwnSubnetToAHostOfOurs(String source, String destination,
            String verdict) {
        assertEquals(verdict, name(policy.inbound(Ipv4.parse(source).bits(), Ipv4.parse(destination).bits(), peer)));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"10.5.1.0/24, 10.5.1.255", "10.5.4.0/22, 10.5.7.255", "10.5.9.0/30, 10.5.9.3", "10.5.9.0/31, 0.0.0.0",
        "10.5.9.1/32, 0.0.0.0"})
    void aSubnetsBroadcastIsItsLastAddressWhenItHasOne(String subnet, String broadcast) {
        assertEquals(Ipv4.parse(broadcast).bits(), Policy.broadcast(Cidr.parse(subnet)));
    }

    private static String name(int verdict) {
        return switch (verdict) {
            case Policy.PASS -> "PASS";
            case Policy.OUTSIDE_POOL -> "OUTSIDE_POOL";
            case Policy.NOT_OWN_SUBNET -> "NOT_OWN_SUBNET";
            case Policy.SPOOFED_SOURCE -> "SPOOFED_SOURCE";
            case Policy.MARTIAN -> "MARTIAN";
            default -> "verdict " + verdict;
        };
    }
}
