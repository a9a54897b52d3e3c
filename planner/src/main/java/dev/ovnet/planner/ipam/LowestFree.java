package dev.ovnet.planner.ipam;

import dev.ovnet.planner.config.HostConfig;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.LongFunction;

/**
 * The last step of both allocators, in subnet-index space: every host without a lease yet, in file order, gets the
 * lowest index from {@code min} to {@code max} that is not {@code used}; the same rule for IPv4 and IPv6 leases.
 */
final class LowestFree {

    private LowestFree() {
    }

    /**
     * Fills {@code result} for the hosts it does not hold yet; {@code subnetAt} makes the subnet of an index and
     * {@code outOf} the error for the first host that finds none.
     */
    static <T> void fill(List<HostConfig> hosts, Map<String, T> result, Set<Long> used, long min, long max,
            LongFunction<T> subnetAt, Function<String, LeaseException> outOf) {
        long cursor = min;
        for (HostConfig host : hosts) {
            if (result.containsKey(host.name())) {
                continue;
            }
            while (cursor <= max && used.contains(cursor)) {
                cursor++;
            }
            if (cursor > max) {
                throw outOf.apply(host.name());
            }
            used.add(cursor);
            result.put(host.name(), subnetAt.apply(cursor));
            cursor++;
        }
    }
}
