package dev.ovnet.cli;

import dev.ovnet.planner.config.HostConfig;
import dev.ovnet.planner.config.Ipv6Network;
import dev.ovnet.planner.config.NetworkConfig;
import dev.ovnet.planner.desired.HostFacts;
import dev.ovnet.planner.desired.NetworkSpec;
import dev.ovnet.planner.net.Cidr6;
import dev.ovnet.planner.net.Mac;
import dev.ovnet.planner.plan.Planner;
import dev.ovnet.planner.spi.FlannelLease;
import dev.ovnet.planner.spi.FlannelLeases;
import dev.ovnet.planner.spi.StateException;
import dev.ovnet.planner.spi.StateLock;
import dev.ovnet.planner.spi.StateStore;
import dev.ovnet.planner.state.HostState;
import dev.ovnet.planner.state.HostStatus;
import dev.ovnet.planner.state.State;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code ovnet import}: adopts the leases flanneld already wrote under the etcd prefix, matching hosts by
 * PublicIP (flannel's own identity of a host; on an IPv6-only network, PublicIPv6: {@link Ipv6OnlyImport}), so a
 * cluster moves from flanneld to ovnet without renumbering a single container. Changes only the state; the next
 * apply takes over the hosts.
 */
@Command(name = "import", description = "Adopt the leases flanneld wrote in etcd for the hosts of the file (by"
        + " PublicIP, or PublicIPv6 on an IPv6-only network), so no container is renumbered. Changes only the state.")
final class ImportCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    Options.ConfigFile file;

    @Mixin
    Options.Lock lock;

    /**
     * flannel's IPv6 subnet of a lease when this file has a pool6 and the subnet is one it could lease
     * (in pool6, of subnetLength6, between subnetMin6 and subnetMax6); otherwise null, and the plan chooses one.
     */
    static Cidr6 fitting6(NetworkConfig config, Cidr6 subnet6) {
        Ipv6Network v6 = config.ipv6();
        if (v6 == null || subnet6 == null || subnet6.prefix() != v6.subnetLength() || !v6.pool().contains(subnet6)
                || subnet6.network().compareTo(v6.subnetMin()) < 0 || subnet6.network().compareTo(v6.subnetMax()) > 0) {
            return null;
        }
        return subnet6;
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        LoadedConfig loaded = LoadedConfig.load(file);
        NetworkConfig config = loaded.config();
        StateStore store = OvnetCommand.wiring(spec).stateStore(config, loaded.folder());
        FlannelLeases flannel = store.flannelLeases().orElseThrow(() -> new StateException("ovnet import reads"
                + " flanneld's leases from etcd, and this file's state is " + store.location(),
                "set state.backend: etcd with flanneld's endpoints and prefix"));
        try (StateLock held = store.lock("import", lock.lockTimeout)) {
            State state = store.read().orElseGet(() -> State.empty(UUID.randomUUID().toString()));
            List<FlannelLease> leases = flannel.read();
            List<HostState> hosts = new ArrayList<>(state.hosts());
            int adopted = 0;
            for (HostConfig h : config.hosts()) {
                Optional<FlannelLease> found = leases.stream()
                        .filter(l -> l.publicIp() != null && l.publicIp().equals(h.address())).findFirst();
                Optional<HostState> known = state.host(h.name());
                String verdict;
                Ipv6OnlyImport.Outcome v6 = config.ipv6Only() ? Ipv6OnlyImport.of(config, h, leases, known) : null;
                if (v6 != null) {
                    verdict = v6.verdict();
                    if (v6.adopted() != null) {
                        hosts.add(v6.adopted());
                        adopted++;
                    }
                } else if (found.isEmpty()) {
                    verdict = "no flannel lease for " + h.address() + ": ovnet will choose one";
                } else if (known.isPresent()) {
                    verdict = known.get().lease().equals(found.get().subnet()) ? "already recorded"
                            : "kept " + known.get().lease() + " (already in the state; flannel had "
                                    + found.get().subnet() + ")";
                } else if (found.get().subnet().prefix() != config.subnetLength()
                        || !config.pool().contains(found.get().subnet())) {
                    verdict = "flannel's " + found.get().subnet() + " does not fit pool " + config.pool() + " with /"
                            + config.subnetLength() + " subnets: not adopted";
                } else {
                    var lease = found.get().subnet();
                    Mac mac = Planner.vtepMac(config, lease);
                    Cidr6 lease6 = fitting6(config, found.get().subnet6());
                    hosts.add(new HostState(h.name(), h.address(), h.connection(), h.netns(), h.root(), lease, mac,
                            HostFacts.assumed(h.iface()), HostStatus.PENDING, 0, null, List.of(),
                            lease6 == null ? null : h.address6(), lease6, Planner.vtepMac6(config, lease6)));
                    verdict = "adopted " + lease + (lease6 != null ? " and " + lease6
                            : found.get().subnet6() != null && config.dualStack() ? " (flannel's IPv6 "
                                    + found.get().subnet6() + " does not fit pool6: ovnet will choose one)" : "");
                    adopted++;
                }
                out.println(String.format("%-20s %-16s %s", h.name(), config.ipv6Only() ? h.address6() : h.address(),
                        verdict));
            }
            if (adopted == 0) {
                out.println("Nothing to import: the state is unchanged.");
                return ExitCodes.OK;
            }
            NetworkSpec network = state.network() != null ? state.network() : NetworkSpec.of(config);
            store.write(new State(state.version(), state.serial() + 1, state.lineage(), network, hosts));
            out.println("Imported " + Plural.of(adopted, "lease") + ". Run 'ovnet plan -f " + file.file + "' to see the takeover.");
            return ExitCodes.OK;
        }
    }
}
