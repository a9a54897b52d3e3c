package dev.ovnet.planner.ipam;

import dev.ovnet.planner.config.HostConfig;
import dev.ovnet.planner.config.Ipv6Network;
import dev.ovnet.planner.config.NetworkConfig;
import dev.ovnet.planner.net.Cidr6;
import dev.ovnet.planner.net.Ipv6;
import java.math.BigInteger;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * IPv6 leases of a dual-stack network, by the rules of {@link LeaseAllocator} for IPv4: a pinned subnet6 is the
 * host's; a host keeps the IPv6 lease the state holds for it while that is still valid (in pool6 between subnetMin6
 * and subnetMax6, of subnetLength6) and no pin of another host claims it; a host that left the file keeps its
 * subnet reserved until its removal is applied; every other host, in file order, takes the lowest free subnet from
 * subnetMin6 up. The IPv6 lease is chosen independently of the IPv4 one, as flannel does, and deterministically,
 * as flannel does not. Subnets are counted from subnetMin6; a range of more than 2^63 subnets is only ever used
 * from its start, which no network of hosts exhausts.
 */
public final class Lease6Allocator {

    private Lease6Allocator() {
    }

    /**
     * @param recorded the IPv6 leases of the state, by host name (may hold hosts no longer in the file)
     * @return the IPv6 lease of every host of the file, by host name, sorted by name; empty when the network has no
     *         pool6
     */
    public static TreeMap<String, Cidr6> allocate(NetworkConfig config, Map<String, Cidr6> recorded) {
        Ipv6Network v6 = config.ipv6();
        if (v6 == null) {
            return new TreeMap<>();
        }
        int len = v6.subnetLength();
        BigInteger capacity = v6.capacity();
        long max = capacity.bitLength() >= 63 ? Long.MAX_VALUE - 1 : capacity.longValue() - 1;

        Map<String, Cidr6> result = new LinkedHashMap<>();
        Set<Long> used = new HashSet<>();
        for (HostConfig host : config.hosts()) {
            if (host.subnet6() != null) {
                result.put(host.name(), host.subnet6());
                used.add(index(host.subnet6().network(), v6));
            }
        }
        Set<String> inFile = new HashSet<>();
        config.hosts().forEach(h -> inFile.add(h.name()));
        for (Map.Entry<String, Cidr6> e : recorded.entrySet()) {
            Cidr6 held = e.getValue();
            if (held != null && !inFile.contains(e.getKey()) && valid(held, v6, max)) {
                used.add(index(held.network(), v6));
            }
        }
        for (HostConfig host : config.hosts()) {
            Cidr6 held = recorded.get(host.name());
            if (host.subnet6() == null && held != null && valid(held, v6, max)) {
                long i = index(held.network(), v6);
                if (used.add(i)) {
                    result.put(host.name(), held);
                }
            }
        }
        LowestFree.fill(config.hosts(), result, used, 0, max, i -> subnet(i, v6), host -> new LeaseException(
                "out of IPv6 subnets: the pool6 " + v6.pool() + " holds " + capacity + " subnets of /" + len
                        + " between " + v6.subnetMin() + " and " + v6.subnetMax() + ", and " + config.hosts().size()
                        + " hosts need one each (host " + host + " got none)",
                "use a larger pool6, a longer subnetLength6, or a wider subnetMin6..subnetMax6 range"));
        return new TreeMap<>(result);
    }

    private static boolean valid(Cidr6 held, Ipv6Network v6, long max) {
        if (held.prefix() != v6.subnetLength() || !v6.pool().contains(held)
                || held.network().compareTo(v6.subnetMin()) < 0 || held.network().compareTo(v6.subnetMax()) > 0) {
            return false;
        }
        return index(held.network(), v6) <= max;
    }

    /** The subnet's place counted from subnetMin6 (0 is subnetMin6); saturates far beyond any real range. */
    private static long index(Ipv6 network, Ipv6Network v6) {
        BigInteger i = network.toBigInteger().subtract(v6.subnetMin().toBigInteger())
                .shiftRight(128 - v6.subnetLength());
        return i.bitLength() >= 63 ? Long.MAX_VALUE : i.longValue();
    }

    private static Cidr6 subnet(long index, Ipv6Network v6) {
        BigInteger start = v6.subnetMin().toBigInteger().add(BigInteger.valueOf(index).shiftLeft(128
                - v6.subnetLength()));
        return new Cidr6(Ipv6.of(start), v6.subnetLength());
    }
}
