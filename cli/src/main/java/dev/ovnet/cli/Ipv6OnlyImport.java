package dev.ovnet.cli;

import dev.ovnet.planner.config.HostConfig;
import dev.ovnet.planner.config.Ipv6Network;
import dev.ovnet.planner.config.NetworkConfig;
import dev.ovnet.planner.desired.HostFacts;
import dev.ovnet.planner.net.Cidr6;
import dev.ovnet.planner.plan.Planner;
import dev.ovnet.planner.spi.FlannelLease;
import dev.ovnet.planner.state.HostState;
import dev.ovnet.planner.state.HostStatus;
import java.util.List;
import java.util.Optional;

/**
 * What {@code ovnet import} makes of one host of an IPv6-only network. flanneld gives every lease of such a network
 * PublicIP 0.0.0.0 (or none), so the host is found by its {@code address6}, flannel's PublicIPv6, among the leases
 * without an IPv4 subnet; a dual-stack lease is not this network's and is left to the plan.
 */
final class Ipv6OnlyImport {

    /** The line printed for the host, and the host to record: null unless its lease was adopted. */
    record Outcome(String verdict, HostState adopted) {
    }

    private Ipv6OnlyImport() {
    }

    /** The outcome for {@code host}, which is already in the state when {@code known} is present. */
    static Outcome of(NetworkConfig config, HostConfig host, List<FlannelLease> leases, Optional<HostState> known) {
        Optional<FlannelLease> found = leases.stream()
                .filter(l -> l.subnet() == null && host.address6().equals(l.publicIpv6())).findFirst();
        if (found.isEmpty()) {
            return new Outcome("no flannel lease for " + host.address6() + ": ovnet will choose one", null);
        }
        Cidr6 flannel = found.get().subnet6();
        if (known.isPresent()) {
            Cidr6 kept = known.get().lease6();
            return new Outcome(flannel.equals(kept) ? "already recorded"
                    : "kept " + kept + " (already in the state; flannel had " + flannel + ")", null);
        }
        Cidr6 lease6 = ImportCommand.fitting6(config, flannel);
        if (lease6 == null) {
            Ipv6Network v6 = config.ipv6();
            return new Outcome("flannel's " + flannel + " does not fit pool6 " + v6.pool() + " with /"
                    + v6.subnetLength() + " subnets from " + v6.subnetMin() + " to " + v6.subnetMax() + ": not adopted",
                    null);
        }
        return new Outcome("adopted " + lease6, new HostState(host.name(), null, host.connection(), host.netns(),
                host.root(), null, null, HostFacts.assumed(host.iface()), HostStatus.PENDING, 0, null, List.of(),
                host.address6(), lease6, Planner.vtepMac6(config, lease6)));
    }
}
