package dev.ovnet.planner.state;

import dev.ovnet.planner.desired.NetworkSpec;
import dev.ovnet.planner.desired.PeerEntry;
import dev.ovnet.planner.desired.DesiredState;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The recorded state, as Terraform keeps it: a format version, a serial that goes up with every write, and a
 * lineage fixed when the state is first created. {@code network} is null while no host was ever planned into
 * it. Hosts are sorted by name.
 */
public record State(int version, long serial, String lineage, NetworkSpec network, List<HostState> hosts) {

    public static final int FORMAT_VERSION = 1;

    public State {
        hosts = hosts.stream().sorted(Comparator.comparing(HostState::name)).toList();
    }

    public static State empty(String lineage) {
        return new State(FORMAT_VERSION, 0, lineage, null, List.of());
    }

    /** The host of that name; a binary search, as hosts are sorted by name. */
    public Optional<HostState> host(String name) {
        int lo = 0;
        int hi = hosts.size() - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            int cmp = hosts.get(mid).name().compareTo(name);
            if (cmp == 0) {
                return Optional.of(hosts.get(mid));
            } else if (cmp < 0) {
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        return Optional.empty();
    }

    /** Every recorded host that is part of the network (not being removed) as a peer entry, sorted by subnet. */
    public List<PeerEntry> peers() {
        return hosts.stream().filter(h -> h.status() != HostStatus.REMOVING).map(h -> PeerEntry.of(h.spec()))
                .sorted(DesiredState.BY_SUBNET).toList();
    }
}
