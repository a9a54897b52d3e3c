package dev.ovnet.providers.ssh;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ovnet.planner.net.IpAddress;
import org.junit.jupiter.api.Test;

class SshEndpointTest {

    @Test
    void anIpv4AddressIsFollowedByItsPort() {
        assertEquals("192.0.2.11:22", new SshEndpoint(IpAddress.parse("192.0.2.11"), 22).toString());
    }

    @Test
    void anIpv6AddressIsBracketedSoThePortIsNotReadAsItsLastGroup() {
        assertEquals("[fd00:192:0:2::11]:22", new SshEndpoint(IpAddress.parse("fd00:192:0:2::11"), 22).toString());
        assertEquals("[fd00:192:0:2::11]:2222", new SshEndpoint(IpAddress.parse("FD00:192:0:2:0:0:0:11"), 2222)
                .toString());
    }
}
