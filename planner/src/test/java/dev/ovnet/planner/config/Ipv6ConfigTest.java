package dev.ovnet.planner.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ovnet.planner.net.Cidr6;
import dev.ovnet.planner.net.Ipv6;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The dual-stack keys read into the config, with flannel's IPv6 defaults. */
class Ipv6ConfigTest {

    private static NetworkConfig parse(String yaml) {
        return ConfigParser.parse("ovnet.yaml", yaml);
    }

    @Test
    void pool6TurnsIpv6OnWithFlannelsDefaults() {
        NetworkConfig config = parse("""
                network:
                  pool: 10.100.0.0/16
                  pool6: fd10:100::/48
                hosts:
                  - {name: node-1, address: 192.0.2.11, address6: "fd00:192:0:2::11"}
                  - {name: node-2, address: 192.0.2.12, address6: "fd00:192:0:2::12", subnet6: "fd10:100:0:32::/64"}
                """);
        assertTrue(config.dualStack());
        assertEquals(new Ipv6Network(Cidr6.parse("fd10:100::/48"), 64, Ipv6.parse("fd10:100:0:1::"),
                Ipv6.parse("fd10:100:0:ffff::")), config.ipv6());
        assertEquals(Ipv6.parse("fd00:192:0:2::11"), config.hosts().get(0).address6());
        assertNull(config.hosts().get(0).subnet6());
        assertEquals(Cidr6.parse("fd10:100:0:32::/64"), config.hosts().get(1).subnet6());
    }

    @Test
    void smallPool6GetsPrefixPlusTwoAsFlannelDoes() {
        NetworkConfig config = parse("""
                network:
                  pool: 10.100.0.0/16
                  pool6: "fd10:100:0:100::/120"
                hosts:
                  - {name: node-1, address: 192.0.2.11, address6: "fd00::11"}
                """);
        assertEquals(122, config.ipv6().subnetLength());
        assertEquals(Ipv6.parse("fd10:100:0:100::40"), config.ipv6().subnetMin());
        assertEquals(Ipv6.parse("fd10:100:0:100::c0"), config.ipv6().subnetMax());
    }

    @Test
    void explicitLengthAndRangeAreKept() {
        NetworkConfig config = parse("""
                network:
                  pool: 10.100.0.0/16
                  pool6: fd10:100::/48
                  subnetLength6: 56
                  subnetMin6: "fd10:100:0:100::"
                  subnetMax6: "fd10:100:0:ff00::"
                hosts:
                  - {name: node-1, address: 192.0.2.11, address6: "fd00::11"}
                """);
        assertEquals(new Ipv6Network(Cidr6.parse("fd10:100::/48"), 56, Ipv6.parse("fd10:100:0:100::"),
                Ipv6.parse("fd10:100:0:ff00::")), config.ipv6());
    }

    @Test
    void withoutPool6TheNetworkIsIpv4Only() {
        NetworkConfig config = parse("""
                network: {pool: 10.100.0.0/16}
                hosts: [{name: node-1, address: 192.0.2.11}]
                """);
        assertFalse(config.dualStack());
        assertNull(config.hosts().get(0).address6());
    }

    @Test
    void labSegments6AreReadInOrder() {
        NetworkConfig config = parse("""
                network: {pool: 10.100.0.0/16, pool6: "fd10:100::/48"}
                lab:
                  segments: [192.0.2.0/24, 198.51.100.0/24]
                  segments6: ["fd00:192:0:2::/64", "fd00:198:51:100::/64"]
                hosts:
                  - {name: node-1, address: 192.0.2.11, address6: "fd00:192:0:2::11"}
                  - {name: node-2, address: 198.51.100.12, address6: "fd00:198:51:100::12"}
                """);
        assertEquals(List.of(Cidr6.parse("fd00:192:0:2::/64"), Cidr6.parse("fd00:198:51:100::/64")),
                config.lab().segments6());
    }
}
