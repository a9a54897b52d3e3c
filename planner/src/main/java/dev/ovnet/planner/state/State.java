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

    public Optional<HostState> host(String name) {
        return hosts.stream().filter(h -> h.name().equals(name)).findFirst();
    }

    /** Every recorded host that is part of the network (not being removed) as a peer entry, sorted by subnet. */
    public List<PeerEntry> peers() {
        return hosts.stream().filter(h -> h.status() != HostStatus.REMOVING).map(h -> PeerEntry.of(h.spec()))
                .sorted(DesiredState.BY_SUBNET).toList();
    }
}
