package dev.ovnet.planner.ipam;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ovnet.planner.config.BackendType;
import dev.ovnet.planner.config.HostConfig;
import dev.ovnet.planner.config.NetworkConfig;
import dev.ovnet.planner.net.Cidr;
import dev.ovnet.planner.net.Ipv4;
import dev.ovnet.planner.testing.Fixtures;
import dev.ovnet.planner.testing.NetworkBuilder;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The lease rules of docs/state.md as properties over many seeded random networks, plus the worked cases. */
class LeaseAllocatorTest {

    private static final int ITERATIONS = 400;

    @Test
    void firstFreeOrderStartsAtSubnetMinNeverAtThePoolsFirstSubnet() {
        NetworkConfig config = Fixtures.network(BackendType.VXLAN, 3);
        assertEquals(Ipv4.parse("10.100.1.0"), config.subnetMin());
        TreeMap<String, Cidr> leases = LeaseAllocator.allocate(config, Map.of());
        assertEquals(Map.of("node-1", Cidr.parse("10.100.1.0/24"), "node-2", Cidr.parse("10.100.2.0/24"),
                "node-3", Cidr.parse("10.100.3.0/24")), leases);
        assertEquals(List.of("node-1", "node-2", "node-3"), new ArrayList<>(leases.keySet()));
    }

    @Test
    void fileOrderDecidesWhoGetsTheLowerSubnet() {
        NetworkConfig config = Fixtures.builder(BackendType.VXLAN).hosts(3).shuffle(new Random(1)).build();
        TreeMap<String, Cidr> leases = LeaseAllocator.allocate(config, Map.of());
        for (int i = 0; i < 3; i++) {
            assertEquals(Cidr.parse("10.100." + (i + 1) + ".0/24"), leases.get(config.hosts().get(i).name()));
        }
    }

    @Test
    void pinnedSubnetIsHonouredAndSkippedByOthers() {
        NetworkConfig config = Fixtures.builder(BackendType.VXLAN).hosts(3).pin("node-3", "10.100.1.0/24").build();
        TreeMap<String, Cidr> leases = LeaseAllocator.allocate(config, Map.of());
        assertEquals(Cidr.parse("10.100.1.0/24"), leases.get("node-3"));
        assertEquals(Cidr.parse("10.100.2.0/24"), leases.get("node-1"));
        assertEquals(Cidr.parse("10.100.3.0/24"), leases.get("node-2"));
    }

    @Test
    void aPinWinsOverAnotherHostsRecordedLeaseAndThatHostMoves() {
        NetworkConfig before = Fixtures.network(BackendType.VXLAN, 3);
        TreeMap<String, Cidr> first = LeaseAllocator.allocate(before, Map.of());
        NetworkConfig pinned = Fixtures.builder(before).pin("node-3", "10.100.1.0/24").build();
        TreeMap<String, Cidr> second = LeaseAllocator.allocate(pinned, first);
        assertEquals(Cidr.parse("10.100.1.0/24"), second.get("node-3"));
        assertEquals(first.get("node-2"), second.get("node-2"));
        assertNotEquals(Cidr.parse("10.100.1.0/24"), second.get("node-1"));
        assertValid(pinned, second);
    }

    @Test
    void aRecordedLeaseThatIsNoLongerValidIsAllocatedAgain() {
        NetworkConfig config = Fixtures.network(BackendType.VXLAN, 5);
        Map<String, Cidr> recorded = new HashMap<>();
        recorded.put("node-1", Cidr.parse("10.101.7.0/24"));   // outside the pool
        recorded.put("node-2", Cidr.parse("10.100.7.0/25"));   // wrong length
        recorded.put("node-3", Cidr.parse("10.100.0.0/24"));   // below subnetMin: the pool's first subnet
        recorded.put("node-4", Cidr.parse("10.100.9.0/24"));   // valid: kept
        recorded.put("node-5", Cidr.parse("10.100.0.0/16"));   // the whole pool
        TreeMap<String, Cidr> leases = LeaseAllocator.allocate(config, recorded);
        assertEquals(Cidr.parse("10.100.9.0/24"), leases.get("node-4"));
        assertEquals(Cidr.parse("10.100.1.0/24"), leases.get("node-1"));
        assertEquals(Cidr.parse("10.100.2.0/24"), leases.get("node-2"));
        assertEquals(Cidr.parse("10.100.3.0/24"), leases.get("node-3"));
        assertEquals(Cidr.parse("10.100.4.0/24"), leases.get("node-5"));
    }

    @Test
    void aRecordedLeaseAboveSubnetMaxIsAllocatedAgain() {
        NetworkConfig config = Fixtures.builder(BackendType.VXLAN).hosts(2).subnetRange("10.100.5.0", "10.100.8.0")
                .build();
        TreeMap<String, Cidr> leases = LeaseAllocator.allocate(config,
                Map.of("node-1", Cidr.parse("10.100.9.0/24"), "node-2", Cidr.parse("10.100.8.0/24")));
        assertEquals(Cidr.parse("10.100.5.0/24"), leases.get("node-1"));
        assertEquals(Cidr.parse("10.100.8.0/24"), leases.get("node-2"));
    }

    @Test
    void twoHostsRecordedWithOneSubnetDoNotBothGetIt() {
        NetworkConfig config = Fixtures.network(BackendType.VXLAN, 2);
        TreeMap<String, Cidr> leases = LeaseAllocator.allocate(config,
                Map.of("node-1", Cidr.parse("10.100.7.0/24"), "node-2", Cidr.parse("10.100.7.0/24")));
        assertEquals(Cidr.parse("10.100.7.0/24"), leases.get("node-1"));
        assertEquals(Cidr.parse("10.100.1.0/24"), leases.get("node-2"));
    }

    @Test
    void exactlyCapacityHostsFitInASlash16() {
        NetworkConfig full = Fixtures.network(BackendType.VXLAN, 255);
        TreeMap<String, Cidr> leases = LeaseAllocator.allocate(full, Map.of());
        assertEquals(255, leases.size());
        assertEquals(Cidr.parse("10.100.255.0/24"), leases.get("node-255"));
        assertValid(full, leases);
        LeaseException e = assertThrows(LeaseException.class,
                () -> LeaseAllocator.allocate(Fixtures.network(BackendType.VXLAN, 256), Map.of()));
        assertEquals("out of subnets: the pool 10.100.0.0/16 holds 255 subnets of /24 between 10.100.1.0 and"
                + " 10.100.255.0, and 256 hosts need one each (host node-256 got none)", e.getMessage());
        assertNotNull(e.hint());
    }

    @Test
    void slash28PoolWithSlash30SubnetsHoldsThreeHosts() {
        NetworkBuilder b = Fixtures.builder(BackendType.HOST_GW).pool("10.0.0.0/28");
        NetworkConfig three = b.hosts(3).build();
        assertEquals(30, three.subnetLength());
        TreeMap<String, Cidr> leases = LeaseAllocator.allocate(three, Map.of());
        assertEquals(List.of(Cidr.parse("10.0.0.4/30"), Cidr.parse("10.0.0.8/30"), Cidr.parse("10.0.0.12/30")),
                new ArrayList<>(leases.values()));
        LeaseException e = assertThrows(LeaseException.class,
                () -> LeaseAllocator.allocate(b.hosts(4).build(), Map.of()));
        assertTrue(e.getMessage().contains("holds 3 subnets of /30"), e.getMessage());
        assertTrue(e.getMessage().contains("4 hosts need one each"), e.getMessage());
    }

    @Test
    void fiveThousandHostsInASlash8() {
        NetworkConfig config = Fixtures.builder(BackendType.VXLAN).pool("10.0.0.0/8").hosts(5_000).build();
        long start = System.nanoTime();
        TreeMap<String, Cidr> leases = LeaseAllocator.allocate(config, Map.of());
        TreeMap<String, Cidr> again = LeaseAllocator.allocate(config, leases);
        long millis = (System.nanoTime() - start) / 1_000_000;
        System.out.println("LeaseAllocator: 5,000 hosts in 10.0.0.0/8 twice in " + millis + " ms");
        assertEquals(leases, again);
        assertEquals(Cidr.parse("10.0.1.0/24"), leases.get("node-1"));
        assertEquals(Cidr.parse("10.19.136.0/24"), leases.get("node-5000"));
        assertValid(config, leases);
    }

    @Test
    void everyRandomNetworkGetsValidNonOverlappingLeases() {
        Random random = new Random(20_261_123L);
        for (int n = 0; n < ITERATIONS; n++) {
            NetworkConfig config = randomNetwork(random);
            Map<String, Cidr> recorded = randomRecorded(random, config);
            TreeMap<String, Cidr> leases = LeaseAllocator.allocate(config, recorded);
            String where = "iteration " + n + ": " + config.pool() + " /" + config.subnetLength() + " ["
                    + config.subnetMin() + ", " + config.subnetMax() + "] " + config.hosts().size() + " hosts";
            assertValid(config, leases);
            assertRecordedKept(config, recorded, leases, where);
            assertEquals(leases, LeaseAllocator.allocate(config, new TreeMap<>(recorded)), where + ": determinism");
        }
    }

    @Test
    void survivingHostsKeepTheirLeasesAcrossAddsRemovesAndReorders() {
        Random random = new Random(77);
        for (int n = 0; n < ITERATIONS / 4; n++) {
            NetworkBuilder b = Fixtures.builder(BackendType.VXLAN).hosts(1 + random.nextInt(40));
            int nextName = b.build().hosts().size() + 1;
            Map<String, Cidr> recorded = Map.of();
            for (int generation = 0; generation < 8; generation++) {
                NetworkConfig config = b.build();
                TreeMap<String, Cidr> leases = LeaseAllocator.allocate(config, recorded);
                assertValid(config, leases);
                for (HostConfig h : config.hosts()) {
                    if (recorded.containsKey(h.name())) {
                        assertEquals(recorded.get(h.name()), leases.get(h.name()),
                                "iteration " + n + " generation " + generation + ": " + h.name() + " moved");
                    }
                }
                recorded = leases;
                List<HostConfig> hosts = new ArrayList<>(config.hosts());
                for (int r = random.nextInt(4); r > 0 && !hosts.isEmpty(); r--) {
                    hosts.remove(random.nextInt(hosts.size()));
                }
                for (int a = random.nextInt(6); a > 0; a--) {
                    String name = "node-" + nextName++;
                    hosts.add(random.nextInt(hosts.size() + 1),
                            Fixtures.host(name, Ipv4.parse("192.0.2.0").plus(nextName % 250).toString()));
                }
                b.hosts(hosts).shuffle(random);
            }
        }
    }

    @Test
    void sameInputsGiveTheSameLeases() {
        Random random = new Random(9);
        for (int n = 0; n < 50; n++) {
            NetworkConfig config = randomNetwork(random);
            Map<String, Cidr> recorded = randomRecorded(random, config);
            Map<String, Cidr> reordered = new LinkedHashMap<>();
            List<String> keys = new ArrayList<>(recorded.keySet());
            java.util.Collections.shuffle(keys, random);
            keys.forEach(k -> reordered.put(k, recorded.get(k)));
            assertEquals(LeaseAllocator.allocate(config, recorded), LeaseAllocator.allocate(config, reordered));
        }
    }

    /** Every host has one lease of subnetLength inside [subnetMin, subnetMax]; no two overlap; pins honoured. */
    static void assertValid(NetworkConfig config, Map<String, Cidr> leases) {
        assertEquals(config.hosts().size(), leases.size(), "one lease per host");
        List<Cidr> sorted = new ArrayList<>(leases.values());
        sorted.sort(null);
        for (int i = 0; i + 1 < sorted.size(); i++) {
            assertTrue(!sorted.get(i).overlaps(sorted.get(i + 1)), sorted.get(i) + " overlaps " + sorted.get(i + 1));
        }
        for (HostConfig h : config.hosts()) {
            Cidr lease = leases.get(h.name());
            assertNotNull(lease, h.name() + " has no lease");
            if (h.subnet() != null) {
                assertEquals(h.subnet(), lease, h.name() + " pin");
                continue;
            }
            assertEquals(config.subnetLength(), lease.prefix(), h.name() + " " + lease);
            assertTrue(config.pool().contains(lease), h.name() + " " + lease + " outside the pool");
            assertTrue(lease.network().compareTo(config.subnetMin()) >= 0, h.name() + " " + lease + " below min");
            assertTrue(lease.network().compareTo(config.subnetMax()) <= 0, h.name() + " " + lease + " above max");
        }
    }

    /** A host keeps a recorded lease that is valid, not pinned by anyone, and not kept by an earlier host. */
    private static void assertRecordedKept(NetworkConfig config, Map<String, Cidr> recorded, Map<String, Cidr> leases,
            String where) {
        List<Cidr> pins = config.hosts().stream().filter(h -> h.subnet() != null).map(HostConfig::subnet).toList();
        List<Cidr> kept = new ArrayList<>();
        for (HostConfig h : config.hosts()) {
            Cidr held = recorded.get(h.name());
            if (h.subnet() != null || held == null || !isValid(config, held)
                    || pins.stream().anyMatch(p -> p.overlaps(held)) || kept.contains(held)) {
                continue;
            }
            kept.add(held);
            assertEquals(held, leases.get(h.name()), where + ": " + h.name() + " lost its valid lease");
        }
    }

    private static boolean isValid(NetworkConfig config, Cidr lease) {
        return lease.prefix() == config.subnetLength() && config.pool().contains(lease)
                && lease.network().compareTo(config.subnetMin()) >= 0
                && lease.network().compareTo(config.subnetMax()) <= 0;
    }

    private static NetworkConfig randomNetwork(Random random) {
        int[] prefixes = {8, 12, 16, 20, 22, 24, 26, 28};
        int prefix = prefixes[random.nextInt(prefixes.length)];
        Cidr pool = new Cidr(new Ipv4(0x0a000000 & Cidr.mask(prefix)), prefix);
        int len = prefix + 2 + random.nextInt(Math.min(30, prefix + 12) - prefix - 1);
        long count = 1L << (len - prefix);
        long step = 1L << (32 - len);
        NetworkBuilder b = Fixtures.builder(BackendType.VXLAN).pool(pool.toString()).subnetLength(len);
        long first = 1;
        long last = count - 1;
        if (random.nextInt(3) == 0) {
            first = random.nextLong(count);
            last = first + random.nextLong(count - first);
        }
        Ipv4 min = pool.network().plus(first * step);
        Ipv4 max = pool.network().plus(last * step);
        b.subnetRange(min.toString(), max.toString());
        long capacity = last - first + 1;
        int hosts = (int) Math.min(capacity, random.nextInt(120));
        b.hosts(hosts);
        List<Cidr> pinned = new ArrayList<>();
        for (int i = 1; i <= hosts; i++) {
            if (random.nextInt(8) == 0) {
                Cidr pin = new Cidr(pool.network().plus((first + random.nextLong(capacity)) * step), len);
                if (!pinned.contains(pin)) {
                    pinned.add(pin);
                    b.pin("node-" + i, pin.toString());
                }
            }
        }
        return b.shuffle(random).build();
    }

    private static Map<String, Cidr> randomRecorded(Random random, NetworkConfig config) {
        Map<String, Cidr> recorded = new HashMap<>();
        int len = config.subnetLength();
        long step = 1L << (32 - len);
        long first = (config.subnetMin().unsigned() - config.pool().network().unsigned()) / step;
        long capacity = (config.subnetMax().unsigned() - config.subnetMin().unsigned()) / step + 1;
        List<Cidr> handedOut = new ArrayList<>();
        for (HostConfig h : config.hosts()) {
            Cidr lease = switch (random.nextInt(8)) {
                case 0, 1, 2 -> new Cidr(config.pool().network().plus((first + random.nextLong(capacity)) * step), len);
                case 3 -> handedOut.isEmpty() ? null : handedOut.get(random.nextInt(handedOut.size()));
                case 4 -> new Cidr(config.pool().network(), len);
                case 5 -> Cidr.parseLenient("192.168.0.0/" + len);
                case 6 -> len < 30 ? new Cidr(config.subnetMin(), len + 1) : null;
                default -> null;
            };
            if (lease != null) {
                recorded.put(h.name(), lease);
                handedOut.add(lease);
            }
        }
        return recorded;
    }
}
