package dev.ovnet.planner.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ovnet.planner.net.Cidr6;
import dev.ovnet.planner.net.Ipv6;
import java.util.List;
import org.junit.jupiter.api.Test;

/** An IPv6-only network: pool6 without pool, hosts with address6 and no address, a lab on segments6 only. */
class Ipv6OnlyConfigTest {

    @Test
    void pool6WithoutPoolIsAnIpv6OnlyNetwork() {
        NetworkConfig config = ConfigParser.parse("ovnet.yaml", """
                network:
                  pool6: fd10:100::/48
                  subnetMin6: "fd10:100:0:10::"
                hosts:
                  - {name: node-1, address6: "fd00:192:0:2::11"}
                  - {name: node-2, address6: "fd00:192:0:2::12", subnet6: "fd10:100:0:32::/64"}
                lab:
                  segments6: ["fd00:192:0:2::/64"]
                  containers: 2
                """);
        assertTrue(config.ipv6Only());
        assertNull(config.pool());
        assertNull(config.subnetMin());
        assertEquals(new Ipv6Network(Cidr6.parse("fd10:100::/48"), 64, Ipv6.parse("fd10:100:0:10::"),
                Ipv6.parse("fd10:100:0:ffff::")), config.ipv6());
        assertNull(config.hosts().get(0).address());
        assertEquals(Ipv6.parse("fd00:192:0:2::12"), config.hosts().get(1).address6());
        assertEquals(Cidr6.parse("fd10:100:0:32::/64"), config.hosts().get(1).subnet6());
        assertEquals(List.of(Cidr6.parse("fd00:192:0:2::/64")), config.lab().segments6());
    }

    @Test
    void anIpv6OnlyLabMayHaveSeveralSegments6AndEachHostIsCheckedAgainstItsOwn() {
        String yaml = """
                network:
                  pool6: fd10:100::/48
                hosts:
                  - {name: node-1, address6: "fd00:192:0:2::11"}
                  - {name: node-2, address6: "%s"}
                lab:
                  segments6: ["fd00:192:0:2::/64", "fd00:198:51:100::/64"]
                """;
        NetworkConfig config = ConfigParser.parse("ovnet.yaml", yaml.formatted("fd00:198:51:100::12"));
        assertEquals(2, config.lab().segments6().size());
        ConfigException e = org.junit.jupiter.api.Assertions.assertThrows(ConfigException.class,
                () -> ConfigParser.parse("ovnet.yaml", yaml.formatted("fd00:198:51:100::1")));
        assertTrue(e.getMessage().contains("is the lab router's address of fd00:198:51:100::/64"), e.getMessage());
    }
}
