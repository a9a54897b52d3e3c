package dev.ovnet.planner.ipam;

import dev.ovnet.planner.config.HostConfig;
import dev.ovnet.planner.config.NetworkConfig;
import dev.ovnet.planner.net.Cidr;
import dev.ovnet.planner.net.Ipv4;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Leases (docs/state.md): every host holds one subnet of {@code subnetLength} between subnetMin and subnetMax.
 *
 * <p>In order: (1) a pinned subnet is the host's lease; (2) a host that holds a lease in the state keeps it,
 * as long as it is still a valid lease of this network (inside [subnetMin, subnetMax], of the right length)
 * and no pin of another host claims it; (3) every other host, in file order, takes the lowest free subnet
 * from subnetMin up. A host that left the file but is still in the state (its objects not yet removed) keeps
 * its subnet reserved until its removal is applied, so no new host can be given a subnet still routed to it.
 * Unlike flannel (a random pick among the lowest 100 free subnets), this is deterministic:
 * the same file and state always give the same leases. Hosts no longer in the file are simply not in the
 * result: their subnets are released.
 */
public final class LeaseAllocator {

    private LeaseAllocator() {
    }

    /**
     * @param recorded the leases of the state, by host name (may hold hosts no longer in the file)
     * @return the lease of every host of the file, by host name, sorted by name; none on an IPv6-only network
     */
    public static TreeMap<String, Cidr> allocate(NetworkConfig config, Map<String, Cidr> recorded) {
        if (config.ipv6Only()) {
            return new TreeMap<>(); // no IPv4 pool: the hosts hold IPv6 leases only (Lease6Allocator)
        }
        int len = config.subnetLength();
        Cidr pool = config.pool();
        long step = 1L << (32 - len);
        long min = index(config.subnetMin(), pool, step);
        long max = index(config.subnetMax(), pool, step);

        Map<String, Cidr> result = new LinkedHashMap<>();
        Set<Long> used = new HashSet<>();
        Map<Long, String> pinnedBy = new HashMap<>();
        for (HostConfig host : config.hosts()) {
            if (host.subnet() != null) {
                result.put(host.name(), host.subnet());
                long first = index(host.subnet().network(), pool, step);
                long count = Math.max(1, host.subnet().size() / step);
                for (long i = first; i < first + count; i++) {
                    used.add(i);
                    pinnedBy.put(i, host.name());
                }
            }
        }
        Set<String> inFile = new HashSet<>();
        config.hosts().forEach(h -> inFile.add(h.name()));
        for (Map.Entry<String, Cidr> e : recorded.entrySet()) {
            Cidr held = e.getValue();
            if (!inFile.contains(e.getKey()) && held != null && held.prefix() == len && pool.contains(held)) {
                used.add(index(held.network(), pool, step));
            }
        }
        for (HostConfig host : config.hosts()) {
            if (host.subnet() != null) {
                continue;
            }
            Cidr held = recorded.get(host.name());
            if (held != null && held.prefix() == len && pool.contains(held)) {
                long i = index(held.network(), pool, step);
                if (i >= min && i <= max && !used.contains(i)) {
                    used.add(i);
                    result.put(host.name(), held);
                }
            }
        }
        LowestFree.fill(config.hosts(), result, used, min, max, i -> new Cidr(pool.network().plus(i * step), len),
                host -> new LeaseException("out of subnets: the pool " + pool + " holds " + (max - min + 1)
                        + " subnets of /" + len + " between " + config.subnetMin() + " and " + config.subnetMax()
                        + ", and " + config.hosts().size() + " hosts need one each (host " + host + " got none)",
                        "use a larger pool, a longer subnetLength, or a wider subnetMin..subnetMax range"));
        return new TreeMap<>(result);
    }

    private static long index(Ipv4 address, Cidr pool, long step) {
        return (address.unsigned() - pool.network().unsigned()) / step;
    }
}
