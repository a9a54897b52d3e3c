package dev.ovnet.planner.plan;

import dev.ovnet.planner.config.BackendType;
import dev.ovnet.planner.config.HostConfig;
import dev.ovnet.planner.config.NetworkConfig;
import dev.ovnet.planner.desired.DesiredHost;
import dev.ovnet.planner.desired.DesiredState;
import dev.ovnet.planner.desired.HostFacts;
import dev.ovnet.planner.desired.HostSpec;
import dev.ovnet.planner.desired.NetworkSpec;
import dev.ovnet.planner.desired.PeerEntry;
import dev.ovnet.planner.ipam.Lease6Allocator;
import dev.ovnet.planner.ipam.LeaseAllocator;
import dev.ovnet.planner.model.KernelObject;
import dev.ovnet.planner.model.Sysctl;
import dev.ovnet.planner.model.WireguardKey;
import dev.ovnet.planner.net.Cidr;
import dev.ovnet.planner.net.Cidr6;
import dev.ovnet.planner.net.Mac;
import dev.ovnet.planner.state.HostState;
import dev.ovnet.planner.state.HostStatus;
import dev.ovnet.planner.state.State;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * Builds a plan from the configuration, the recorded state and (after refresh) what each host really has.
 * Pure: the caller does the reading and passes the results in.
 */
public final class Planner {

    private Planner() {
    }

    /**
     * Inputs besides the configuration. {@code readings} holds only the hosts refresh could read. With
     * {@code destroy}, every host's desired objects are none and the resulting state holds no host.
     * {@code forwarderBuild} is the build of the udp forwarder this ovnet runs on hosts (the sha256 of its jar);
     * a forwarder recorded or found with another build is restarted. Null: unknown, the recorded build stands.
     */
    public record Inputs(State state, Map<String, HostReading> readings, boolean refreshed, String configHash,
            boolean destroy, String forwarderBuild, Set<String> rotateKeys, boolean removeKeys) {

        public Inputs {
            rotateKeys = Set.copyOf(rotateKeys);
        }

        public Inputs(State state, Map<String, HostReading> readings, boolean refreshed, String configHash,
                boolean destroy, String forwarderBuild) {
            this(state, readings, refreshed, configHash, destroy, forwarderBuild, Set.of(), false);
        }

        public Inputs(State state, Map<String, HostReading> readings, boolean refreshed, String configHash) {
            this(state, readings, refreshed, configHash, false, null);
        }

        public Inputs(State state, Map<String, HostReading> readings, boolean refreshed, String configHash,
                boolean destroy) {
            this(state, readings, refreshed, configHash, destroy, null);
        }
    }

    public static Plan plan(NetworkConfig config, Inputs in) {
        State state = in.state();
        NetworkSpec network = NetworkSpec.of(config);
        Map<String, Cidr> recordedLeases = new HashMap<>();
        for (HostState h : state.hosts()) {
            recordedLeases.put(h.name(), h.lease());
        }
        Map<String, Cidr> leases = LeaseAllocator.allocate(config, recordedLeases);
        Map<String, Cidr6> recordedLeases6 = new HashMap<>();
        for (HostState h : state.hosts()) {
            recordedLeases6.put(h.name(), h.lease6());
        }
        Map<String, Cidr6> leases6 = Lease6Allocator.allocate(config, recordedLeases6);

        List<HostSpec> specs = new ArrayList<>();
        List<HostState> nextHosts = new ArrayList<>();
        long nextSerial = state.serial() + 1;
        for (HostConfig h : config.hosts()) {
            Cidr lease = leases.get(h.name());
            HostFacts facts = factsFor(h, in, state);
            if (in.rotateKeys().contains(h.name()) && facts.wireguard() != null) {
                // the new key is made on the host: until then nobody knows its public key
                facts = facts.withWireguard(facts.wireguard().withPublicKey(null));
            }
            Mac mac = vtepMac(config, lease);
            Cidr6 lease6 = leases6.get(h.name());
            Mac mac6 = vtepMac6(config, lease6);
            HostSpec spec = new HostSpec(h.name(), h.address(), h.root(), lease, mac, facts, h.address6(), lease6,
                    mac6);
            specs.add(spec);
            nextHosts.add(new HostState(h.name(), h.address(), h.connection(), h.netns(), h.root(), lease, mac, facts,
                    HostStatus.APPLIED, nextSerial, null, null, h.address6(), lease6, mac6));
        }
        List<PeerEntry> desiredPeers = specs.stream().map(PeerEntry::of).sorted(DesiredState.BY_SUBNET).toList();
        List<PeerEntry> recordedPeers = state.peers();
        Map<String, HostSpec> specByName = new HashMap<>();
        specs.forEach(s -> specByName.put(s.name(), s));

        PeerMerge merged = PeerMerge.of(recordedPeers, desiredPeers);
        Set<String> names = new TreeSet<>(specByName.keySet());
        state.hosts().forEach(h -> names.add(h.name()));
        List<HostPlan> hostPlans = new ArrayList<>();
        List<HostPlan> drift = new ArrayList<>();
        Map<String, ObjectSet> baseline = new HashMap<>();
        for (String name : names) {
            HostSpec spec = specByName.get(name);
            ObjectSet desired = spec == null || in.destroy() ? ObjectSet.NONE
                    : new ObjectSet.Derived(DesiredState.forHost(network, spec, desiredPeers,
                            in.rotateKeys().contains(name)));
            ObjectSet recorded = state.host(name).map(h -> recorded(state, h, recordedPeers)).orElse(ObjectSet.NONE);
            HostReading reading = in.readings().get(name);
            ObjectSet before = recorded;
            String note = spec == null && !in.destroy() ? "removed from the file" : null;
            if (reading != null) {
                before = new ObjectSet.Listed(reading.objects());
                HostPlan d = withoutAmbient(Differ.diff(name, recorded, before, null));
                if (!d.isEmpty()) {
                    drift.add(d);
                }
            } else if (in.refreshed()) {
                note = note == null ? "not read (planned from the state)" : note;
            }
            if (spec != null && spec.facts().assumed() && !in.destroy()) {
                note = "underlay not read yet: assumed " + spec.facts().iface() + ", MTU " + spec.facts().mtu();
            }
            baseline.put(name, before);
            boolean fromRecord = before == recorded && recorded instanceof ObjectSet.Derived
                    && spec != null && !in.destroy();
            HostPlan hostPlan = Differ.diff(name, before, desired, note, fromRecord ? merged : null);
            hostPlans.add(in.destroy() && in.removeKeys() ? withKeysRemoved(hostPlan, before) : hostPlan);
        }
        List<String> warnings = in.destroy() ? List.of() : warnings(config, state, leases);
        State next = in.destroy()
                ? new State(State.FORMAT_VERSION, nextSerial, state.lineage(), null, List.of())
                : new State(State.FORMAT_VERSION, nextSerial, state.lineage(), network, nextHosts);
        return new Plan(state.lineage(), state.serial(), in.configHash(), in.refreshed(), true, hostPlans, drift,
                warnings, next, baseline);
    }

    /**
     * A destroy that also removes the hosts' wireguard keys ({@code destroy --remove-keys}): a diff never deletes a
     * key, which otherwise outlives the network.
     */
    private static HostPlan withKeysRemoved(HostPlan plan, ObjectSet before) {
        List<Change> changes = new ArrayList<>(plan.changes());
        for (KernelObject o : before.materialise()) {
            if (o instanceof WireguardKey) {
                changes.add(new Change.Delete(o));
            }
        }
        return changes.size() == plan.changes().size() ? plan
                : new HostPlan(plan.host(), Differ.byKey(changes), plan.peers(), plan.note());
    }

    /**
     * Drift leaves out a sysctl that ovnet never recorded: every host has net.ipv4.ip_forward, so finding it
     * is not a change made outside ovnet.
     */
    private static HostPlan withoutAmbient(HostPlan drift) {
        List<Change> kept = drift.changes().stream()
                .filter(c -> !(c.action() == Action.CREATE && c.after() instanceof Sysctl))
                .toList();
        return new HostPlan(drift.host(), kept, drift.peers(), drift.note());
    }

    /** The VTEP MAC a host with this lease gets: derived, so every plan and import agrees on it; null unless vxlan. */
    public static Mac vtepMac(NetworkConfig config, Cidr lease) {
        return lease != null && config.backend().type() == BackendType.VXLAN
                ? Mac.forLease(config.name(), config.backend().vni(), lease) : null;
    }

    /** The MAC of a host's IPv6 vxlan device: derived from its IPv6 lease; null without one or unless vxlan. */
    public static Mac vtepMac6(NetworkConfig config, Cidr6 lease6) {
        return lease6 != null && config.backend().type() == BackendType.VXLAN
                ? Mac.forLease6(config.name(), config.backend().vni(), lease6) : null;
    }

    /** The objects the state says a host holds. */
    public static ObjectSet recorded(State state, HostState host, List<PeerEntry> recordedPeers) {
        if (!host.derived()) {
            return new ObjectSet.Listed(host.objects());
        }
        if (state.network() == null) {
            return ObjectSet.NONE;
        }
        DesiredHost derived = DesiredState.forHost(state.network(), host.spec(), recordedPeers);
        return new ObjectSet.Derived(derived);
    }

    private static HostFacts factsFor(HostConfig h, Inputs in, State state) {
        HostFacts recorded = state.host(h.name()).map(HostState::facts).orElse(null);
        HostReading reading = in.readings().get(h.name());
        HostFacts facts = reading != null ? reading.facts()
                : recorded != null ? recorded : HostFacts.assumed(h.iface());
        String build = in.forwarderBuild() != null ? in.forwarderBuild()
                : recorded != null ? recorded.forwarderBuild() : null;
        return facts.withForwarderBuild(build);
    }

    private static List<String> warnings(NetworkConfig config, State state, Map<String, Cidr> leases) {
        List<String> out = new ArrayList<>();
        NetworkSpec old = state.network();
        if (old != null && old.backend().type() != config.backend().type()) {
            out.add("the backend changes from " + old.backend().type() + " to " + config.backend().type()
                    + ": every host's overlay objects are replaced, and traffic between hosts stops until every"
                    + " host is applied");
        }
        if (old != null && !old.name().equals(config.name()) && config.backend().type() == BackendType.VXLAN
                && old.backend().type() == BackendType.VXLAN && !state.hosts().isEmpty()) {
            out.add("the network name changes from " + old.name() + " to " + config.name() + ": every VTEP MAC is"
                    + " derived from the network name, so every host's vxlan device gets a new MAC and is replaced,"
                    + " with its peers' neighbour and fdb entries; traffic between hosts stops until every host is"
                    + " applied (keep name: " + old.name() + " to avoid it)");
        }
        if (old != null && !Objects.equals(old.pool(), config.pool())) {
            out.add("the pool changes from " + old.pool() + " to " + config.pool());
        }
        List<String> moved = new ArrayList<>();
        for (HostState h : state.hosts()) {
            Cidr now = leases.get(h.name());
            if (now != null && !now.equals(h.lease())) {
                moved.add(h.name() + " " + h.lease() + " -> " + now);
            }
        }
        if (!moved.isEmpty()) {
            out.add(moved.size() + (moved.size() == 1 ? " host gets" : " hosts get") + " a new subnet, so their"
                    + " containers will be renumbered: " + String.join(", ", moved.subList(0, Math.min(5, moved.size())))
                    + (moved.size() > 5 ? ", ..." : ""));
        }
        return out;
    }
}
