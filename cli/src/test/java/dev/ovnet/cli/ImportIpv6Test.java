package dev.ovnet.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.ovnet.planner.config.ConfigParser;
import dev.ovnet.planner.config.NetworkConfig;
import dev.ovnet.planner.net.Cidr6;
import org.junit.jupiter.api.Test;

/** Which of flanneld's IPv6 subnets {@code ovnet import} adopts: only one this file could have leased itself. */
class ImportIpv6Test {

    private static final NetworkConfig DUAL = ConfigParser.parse("ovnet.yaml", """
            network: {pool: 10.100.0.0/16, pool6: "fd10:100::/48", subnetMax6: "fd10:100:0:ff::"}
            hosts: [{name: node-1, address: 192.0.2.11, address6: "fd00::11"}]
            """);

    @Test
    void aFittingIpv6SubnetIsAdopted() {
        assertEquals(Cidr6.parse("fd10:100:0:7::/64"), ImportCommand.fitting6(DUAL, Cidr6.parse("fd10:100:0:7::/64")));
    }

    @Test
    void anIpv6SubnetOutsidePool6OfAnotherLengthOrAboveSubnetMax6IsNot() {
        assertNull(ImportCommand.fitting6(DUAL, Cidr6.parse("fd10:200:0:7::/64")));
        assertNull(ImportCommand.fitting6(DUAL, Cidr6.parse("fd10:100:0:700::/56")));
        assertNull(ImportCommand.fitting6(DUAL, Cidr6.parse("fd10:100:0:100::/64")));
        assertNull(ImportCommand.fitting6(DUAL, Cidr6.parse("fd10:100::/64")), "the pool's first subnet");
        assertNull(ImportCommand.fitting6(DUAL, null));
    }

    @Test
    void anIpv4OnlyFileAdoptsNoIpv6Subnet() {
        NetworkConfig v4 = ConfigParser.parse("ovnet.yaml", """
                network: {pool: 10.100.0.0/16}
                hosts: [{name: node-1, address: 192.0.2.11}]
                """);
        assertNull(ImportCommand.fitting6(v4, Cidr6.parse("fd10:100:0:7::/64")));
    }
}
