package dev.ovnet.planner.net;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** An address with a port, as SSH messages and wireguard endpoints write it. */
class IpAddressTest {

    @Test
    void anIpv4AddressIsFollowedByItsPort() {
        assertEquals("192.0.2.11:22", IpAddress.parse("192.0.2.11").withPort(22));
    }

    @Test
    void anIpv6AddressIsBracketedSoThePortIsNotReadAsItsLastGroup() {
        assertEquals("[fd00:192:0:2::11]:22", IpAddress.parse("fd00:192:0:2::11").withPort(22));
        assertEquals("[fd00:192:0:2::11]:2222", IpAddress.parse("FD00:192:0:2:0:0:0:11").withPort(2222));
    }
}
