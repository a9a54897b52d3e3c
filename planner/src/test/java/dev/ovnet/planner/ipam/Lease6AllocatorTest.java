package dev.ovnet.planner.ipam;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ovnet.planner.config.BackendType;
import dev.ovnet.planner.config.NetworkConfig;
import dev.ovnet.planner.net.Cidr6;
import dev.ovnet.planner.testing.Fixtures;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** IPv6 leases follow the IPv4 rules: deterministic lowest-free from subnetMin6, stable, pins honoured. */
class Lease6AllocatorTest {

    private static NetworkConfig dual(int hosts) {
        return Fixtures.builder(BackendType.VXLAN).hosts(hosts).dualStack("fd10:100::/48").build();
    }

    @Test
    void lowestFreeFromSubnetMin6NeverThePoolsFirstSubnet() {
        TreeMap<String, Cidr6> leases = Lease6Allocator.allocate(dual(3), Map.of());
        assertEquals(Map.of("node-1", Cidr6.parse("fd10:100:0:1::/64"), "node-2", Cidr6.parse("fd10:100:0:2::/64"),
                "node-3", Cidr6.parse("fd10:100:0:3::/64")), leases);
    }

    @Test
    void anIpv4OnlyNetworkHasNoIpv6Leases() {
        assertTrue(Lease6Allocator.allocate(Fixtures.network(BackendType.VXLAN, 3), Map.of()).isEmpty());
    }

    @Test
    void pinsAreHonouredAndSkippedByOthers() {
        NetworkConfig config = Fixtures.builder(BackendType.VXLAN).hosts(3).dualStack("fd10:100::/48")
                .pin6("node-3", "fd10:100:0:1::/64").pin6("node-1", "fd10:100:0:32::/64").build();
        TreeMap<String, Cidr6> leases = Lease6Allocator.allocate(config, Map.of());
        assertEquals(Cidr6.parse("fd10:100:0:32::/64"), leases.get("node-1"));
        assertEquals(Cidr6.parse("fd10:100:0:2::/64"), leases.get("node-2"));
        assertEquals(Cidr6.parse("fd10:100:0:1::/64"), leases.get("node-3"));
    }

    @Test
    void recordedLeasesAreKeptWhileValidAndALeavingHostsStaysReserved() {
        NetworkConfig config = dual(4);
        Map<String, Cidr6> recorded = new HashMap<>();
        recorded.put("node-1", Cidr6.parse("fd10:100:0:9::/64"));   // valid: kept
        recorded.put("node-2", Cidr6.parse("fd10:101:0:1::/64"));   // outside pool6
        recorded.put("node-3", Cidr6.parse("fd10:100::/64"));       // the pool's first subnet, below subnetMin6
        recorded.put("node-4", Cidr6.parse("fd10:100:0:2::/80"));   // wrong length
        recorded.put("gone", Cidr6.parse("fd10:100:0:1::/64"));     // a host on its way out keeps its subnet
        TreeMap<String, Cidr6> leases = Lease6Allocator.allocate(config, recorded);
        assertEquals(Cidr6.parse("fd10:100:0:9::/64"), leases.get("node-1"));
        assertEquals(Cidr6.parse("fd10:100:0:2::/64"), leases.get("node-2"));
        assertEquals(Cidr6.parse("fd10:100:0:3::/64"), leases.get("node-3"));
        assertEquals(Cidr6.parse("fd10:100:0:4::/64"), leases.get("node-4"));
        assertEquals(4, leases.size());
    }

    @Test
    void stableAndDeterministicAcrossPlansAndOrders() {
        Random random = new Random(15);
        for (int round = 0; round < 50; round++) {
            NetworkConfig config = Fixtures.builder(BackendType.HOST_GW).hosts(1 + random.nextInt(40))
                    .dualStack("fd10:" + Integer.toHexString(random.nextInt(0xffff)) + "::/" + (48 + random.nextInt(9)))
                    .shuffle(random).build();
            TreeMap<String, Cidr6> first = Lease6Allocator.allocate(config, Map.of());
            assertEquals(first, Lease6Allocator.allocate(config, Map.of()));
            assertEquals(first, Lease6Allocator.allocate(config, first));
            assertEquals(config.hosts().size(), new HashSet<>(first.values()).size(), "no subnet twice");
            for (Cidr6 lease : first.values()) {
                assertTrue(config.ipv6().pool().contains(lease));
                assertEquals(config.ipv6().subnetLength(), lease.prefix());
                assertTrue(lease.network().compareTo(config.ipv6().subnetMin()) >= 0);
            }
            NetworkConfig fewer = Fixtures.builder(config).remove(config.hosts().get(0).name()).build();
            TreeMap<String, Cidr6> after = Lease6Allocator.allocate(fewer, first);
            for (Map.Entry<String, Cidr6> e : after.entrySet()) {
                assertEquals(first.get(e.getKey()), e.getValue(), "a staying host keeps its IPv6 lease");
            }
        }
    }

    @Test
    void aFullPool6SaysSo() {
        NetworkConfig full = Fixtures.builder(BackendType.VXLAN).hosts(4).dualStack("fd10::/124").build();
        LeaseException e = assertThrows(LeaseException.class, () -> Lease6Allocator.allocate(full, Map.of()));
        assertEquals("out of IPv6 subnets: the pool6 fd10::/124 holds 3 subnets of /126 between fd10::4 and fd10::c,"
                + " and 4 hosts need one each (host node-4 got none)", e.getMessage());
    }

    @Test
    void aHugeRangeIsUsedFromItsStart() {
        NetworkConfig config = Fixtures.builder(BackendType.VXLAN).hosts(2).dualStack("fd00::/8").build();
        assertEquals(64, config.ipv6().subnetLength());
        TreeMap<String, Cidr6> leases = Lease6Allocator.allocate(config, Map.of("node-2",
                Cidr6.parse("fdff:ffff:ffff:ffff::/64")));
        assertEquals(Cidr6.parse("fd00:0:0:1::/64"), leases.get("node-1"));
        assertEquals(Cidr6.parse("fdff:ffff:ffff:ffff::/64"), leases.get("node-2"));
    }
}
