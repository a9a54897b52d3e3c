package dev.ovnet.planner.plan;

import dev.ovnet.planner.desired.DesiredHost;
import dev.ovnet.planner.desired.DesiredState;
import dev.ovnet.planner.desired.PeerContext;
import dev.ovnet.planner.desired.PeerEntry;
import dev.ovnet.planner.desired.PeerObjects;
import dev.ovnet.planner.model.FdbEntry;
import dev.ovnet.planner.model.KernelObject;
import dev.ovnet.planner.model.Link;
import dev.ovnet.planner.model.Neighbour;
import dev.ovnet.planner.model.Route;
import dev.ovnet.planner.net.IpAddress;
import dev.ovnet.planner.net.IpNetwork;
import dev.ovnet.planner.net.Mac;
import dev.ovnet.planner.state.HostState;
import dev.ovnet.planner.state.HostStatus;
import dev.ovnet.planner.state.State;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * {@code --target}: limits a whole plan to some hosts, as Terraform's {@code -target} limits it to some resources.
 * A targeted host gets its whole plan. Every other host gets only the changes to its peer entries that point at
 * a targeted host (the routes, neighbours and fdb entries for the targeted hosts' subnets and VTEP MACs), and
 * nothing at all when it is not in the state yet or its plan creates or replaces its overlay device (those peer
 * objects would need a device it does not have). Everything else of an untargeted host stays as it is,
 * including the udp forwarder's peer table file, which lists every peer in one file.
 *
 * <p>The resulting state stays truthful: an untargeted host whose whole plan is not empty is recorded with the
 * objects it really holds (its baseline with the limited changes done on it), status partial, so the next full
 * plan shows what is left. A targeted plan that would move an untargeted host to a new subnet is refused: its
 * peers would keep routes to the old one.
 */
public final class Targeting {

    /** The note on an untargeted host that still gets changes. */
    public static final String NOTE = "not targeted: only its peer entries for the targeted hosts";

    private Targeting() {
    }

    /**
     * The host names matched by shell-style patterns ({@code *}, {@code ?}, {@code [a-z]}, {@code [!x]}), sorted.
     * Every pattern must match at least one of {@code hosts}.
     */
    public static Set<String> resolve(List<String> patterns, Collection<String> hosts) {
        Set<String> out = new TreeSet<>();
        List<String> unmatched = new ArrayList<>();
        for (String pattern : patterns) {
            boolean any = false;
            for (String host : hosts) {
                if (Glob.matches(pattern, host)) {
                    out.add(host);
                    any = true;
                }
            }
            if (!any) {
                unmatched.add(pattern);
            }
        }
        if (!unmatched.isEmpty()) {
            throw new TargetException("--target " + String.join(", ", unmatched) + " matches no host"
                    + " (hosts: " + String.join(", ", new TreeSet<>(hosts)) + ")",
                    "give host names from the file or the state; patterns use *, ? and [a-z], quoted for the shell");
        }
        return out;
    }

    /** The plan limited to {@code targets} (host names). {@code destroy}: {@code full} is a destroy plan. */
    public static Plan limit(Plan full, State state, Set<String> targets, boolean destroy) {
        State wantedNext = full.next();
        refuseLeaseMoves(state, wantedNext, targets);
        Set<IpNetwork> subnets = new HashSet<>();
        Set<IpAddress> gateways = new HashSet<>();
        Set<Mac> macs = new HashSet<>();
        for (String t : targets) {
            for (Optional<HostState> h : List.of(state.host(t), wantedNext.host(t))) {
                h.ifPresent(host -> {
                    if (host.lease() != null) {
                        subnets.add(host.lease());
                        gateways.add(host.lease().network());
                    }
                    if (host.mac() != null) {
                        macs.add(host.mac());
                    }
                    if (host.lease6() != null) {
                        subnets.add(host.lease6());
                        gateways.add(host.lease6().network());
                    }
                    if (host.mac6() != null) {
                        macs.add(host.mac6());
                    }
                });
            }
        }
        List<HostPlan> hosts = new ArrayList<>();
        List<HostState> nextHosts = new ArrayList<>();
        for (HostPlan hp : full.hosts()) {
            String name = hp.host();
            Optional<HostState> wanted = wantedNext.host(name);
            if (targets.contains(name) || hp.isEmpty()) {
                hosts.add(hp);
                wanted.ifPresent(nextHosts::add);
                continue;
            }
            Optional<HostState> recorded = state.host(name);
            HostPlan limited = recorded.isEmpty() || createsDevice(hp)
                    ? new HostPlan(name, List.of(), PeerDelta.NONE, hp.note())
                    : peerChangesOnly(hp, targets, subnets, gateways, macs);
            List<Change> done = new ArrayList<>();
            limited.forEachChange(done::add);
            if (!destroy && wanted.isPresent() && sameWork(limited, hp)) {
                // every change of this host points at targeted hosts: it ends up exactly as wanted
                hosts.add(hp);
                nextHosts.add(wanted.get());
                continue;
            }
            hosts.add(limited);
            List<KernelObject> objects = ObjectsAfter.of(full.baseline().getOrDefault(name, ObjectSet.NONE), done);
            boolean leaving = !destroy && wanted.isEmpty();
            if (leaving && objects.isEmpty()) {
                continue;
            }
            HostState base = destroy || wanted.isEmpty() ? recorded.orElseThrow() : wanted.get();
            HostStatus status = leaving ? HostStatus.REMOVING : objects.isEmpty() ? HostStatus.PENDING
                    : HostStatus.PARTIAL;
            nextHosts.add(base.with(status, objects, recorded.map(HostState::appliedSerial).orElse(0L),
                    recorded.map(HostState::appliedAt).orElse(null)));
        }
        var network = nextHosts.isEmpty() ? null
                : wantedNext.network() != null ? wantedNext.network() : state.network();
        State next = derivedWhereExact(new State(wantedNext.version(), wantedNext.serial(), wantedNext.lineage(),
                network, nextHosts));
        return new Plan(full.lineage(), full.basedOnSerial(), full.configHash(), full.refreshed(), false, hosts,
                full.drift(), full.warnings(), next, full.baseline());
    }

    /**
     * Records as derived (applied) every partial host whose objects are exactly what the next state derives for it,
     * such as the other hosts after a targeted destroy: their record then stays linear in size.
     */
    private static State derivedWhereExact(State next) {
        if (next.network() == null) {
            return next;
        }
        List<PeerEntry> peers = next.peers();
        List<HostState> hosts = new ArrayList<>(next.hosts());
        for (int i = 0; i < hosts.size(); i++) {
            HostState h = hosts.get(i);
            if (h.derived() || h.status() != HostStatus.PARTIAL) {
                continue;
            }
            DesiredHost d = DesiredState.forHost(next.network(), h.spec(), peers);
            long count = d.hostObjects().size();
            for (PeerEntry p : d.peers()) {
                count += PeerObjects.count(d.context(), p);
            }
            if (count != h.objects().size()) {
                continue;
            }
            List<KernelObject> derived = new ArrayList<>(d.allObjects());
            derived.sort((a, b) -> a.key().compareTo(b.key()));
            if (derived.equals(h.objects())) {
                hosts.set(i, h.with(HostStatus.APPLIED, null, h.appliedSerial(), h.appliedAt()));
            }
        }
        return new State(next.version(), next.serial(), next.lineage(), next.network(), hosts);
    }

    private static void refuseLeaseMoves(State state, State next, Set<String> targets) {
        List<String> moved = new ArrayList<>();
        for (HostState h : state.hosts()) {
            if (targets.contains(h.name())) {
                continue;
            }
            next.host(h.name()).filter(n -> !Objects.equals(n.lease(), h.lease()))
                    .ifPresent(n -> moved.add(h.name() + " (" + h.lease() + " -> " + n.lease() + ")"));
        }
        if (!moved.isEmpty()) {
            throw new TargetException("this plan moves hosts that are not targeted to a new subnet: "
                    + String.join(", ", moved) + "; their peers would keep routes to the old subnets",
                    "target them too (--target), or plan without --target");
        }
    }

    /**
     * Whether the limited plan of a host does all its whole plan does. Cheap where it matters: counting a whole
     * plan's peer objects takes as long as its peers are many, for every untargeted host of the network.
     */
    private static boolean sameWork(HostPlan limited, HostPlan whole) {
        if (limited.isEmpty() && !whole.changes().isEmpty()) {
            return false; // each listed change counts at least once in a summary
        }
        return limited.summary().equals(whole.summary());
    }

    /** Whether the plan creates or replaces a link: peer objects on it would need a device not there yet. */
    private static boolean createsDevice(HostPlan hp) {
        for (Change c : hp.changes()) {
            if (c.after() instanceof Link && (c.action() == Action.CREATE || c.action() == Action.REPLACE)) {
                return true;
            }
        }
        return false;
    }

    private static HostPlan peerChangesOnly(HostPlan hp, Set<String> targets, Set<IpNetwork> subnets,
            Set<IpAddress> gateways, Set<Mac> macs) {
        List<Change> changes = new ArrayList<>();
        for (Change c : hp.changes()) {
            if (pointsAt(c.before(), subnets, gateways, macs) || pointsAt(c.after(), subnets, gateways, macs)) {
                changes.add(c);
            }
        }
        PeerDelta p = hp.peers();
        PeerDelta peers = new PeerDelta(p.removedContext(), targeted(p.removedContext(), p.removed(), targets, subnets),
                p.addedContext(), targeted(p.addedContext(), p.added(), targets, subnets));
        return new HostPlan(hp.host(), changes, peers, changes.isEmpty() && peers.isEmpty() ? hp.note() : NOTE);
    }

    /** The entries for targeted hosts that make kernel objects (a udp peer is only a line of the peer file). */
    private static List<PeerEntry> targeted(PeerContext context, List<PeerEntry> entries, Set<String> targets,
            Set<IpNetwork> subnets) {
        List<PeerEntry> out = new ArrayList<>();
        for (PeerEntry e : entries) {
            if ((targets.contains(e.host()) || subnets.contains(e.subnet())) && PeerObjects.count(context, e) > 0) {
                out.add(e);
            }
        }
        return out;
    }

    /** A route to, neighbour for or fdb entry of a targeted host. */
    private static boolean pointsAt(KernelObject o, Set<IpNetwork> subnets, Set<IpAddress> gateways,
            Set<Mac> macs) {
        if (o instanceof Route r) {
            return subnets.contains(r.dst());
        } else if (o instanceof Neighbour n) {
            return gateways.contains(n.ip());
        } else if (o instanceof FdbEntry f) {
            return macs.contains(f.mac());
        }
        return false;
    }
}
