package dev.ovnet.providers.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.ovnet.planner.net.Cidr6;
import dev.ovnet.planner.net.Ipv6;
import org.junit.jupiter.api.Test;

/** The lab's containers take their IPv6 side from subnet.env's FLANNEL_IPV6_SUBNET, as docker would be told to. */
class SubnetEnvIpv6Test {

    @Test
    void theIpv6SubnetIsReadBesideTheIpv4One() {
        SubnetEnv env = SubnetEnv.parse("subnet.env", "FLANNEL_NETWORK=10.100.0.0/16\nFLANNEL_SUBNET=10.100.2.1/24\n"
                + "FLANNEL_IPV6_NETWORK=fd10:100::/48\nFLANNEL_IPV6_SUBNET=fd10:100:0:2::1/64\nFLANNEL_MTU=1430\n"
                + "FLANNEL_IPMASQ=true\n");
        assertEquals(Ipv6.parse("fd10:100:0:2::1"), env.gateway6());
        assertEquals(Cidr6.parse("fd10:100:0:2::/64"), env.subnet6());
        assertEquals(1430, env.mtu());
        assertNull(SubnetEnv.parse("subnet.env", "FLANNEL_SUBNET=10.100.2.1/24\nFLANNEL_MTU=1450\n").subnet6());
    }
}
