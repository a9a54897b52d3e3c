package dev.ovnet.planner.engine;

import dev.ovnet.planner.desired.OwnedObjects;
import dev.ovnet.planner.model.KernelObject;
import dev.ovnet.planner.plan.Change;
import dev.ovnet.planner.plan.HostPlan;
import dev.ovnet.planner.plan.ObjectSet;
import dev.ovnet.planner.plan.Plan;
import dev.ovnet.planner.plan.ObjectsAfter;
import dev.ovnet.planner.spi.ApplyResult;
import dev.ovnet.planner.state.HostState;
import dev.ovnet.planner.state.HostStatus;
import dev.ovnet.planner.state.State;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The state after an apply, so that it says what is really on each host: a host that completed holds what
 * the plan wanted (recorded as derived, no object list); a host that stopped part-way, or was not reached,
 * holds its baseline with exactly the changes that were done, listed object by object (a host that was rolled
 * back: what it was read to hold afterwards, the checkpoint taken before the apply, marked so). So does a host
 * that a targeted plan ({@link dev.ovnet.planner.plan.Targeting}) left out or gave only part of its plan: the plan's
 * {@code next} state lists its objects instead of deriving them.
 */
public final class StateUpdate {

    private StateUpdate() {
    }

    /**
     * What to record before any host is changed, when the plan brings hosts the state does not know yet: those
     * hosts, with their leases and how to reach them, as pending with nothing on them; everything else as it is.
     * So an apply killed while it sets up a new host leaves that host in the state, and if the host is then
     * taken out of the file, the next apply still finds it and removes what was made there. Empty when the plan
     * adds no host.
     */
    public static Optional<State> intent(State before, Plan plan) {
        List<HostState> hosts = new ArrayList<>(before.hosts());
        boolean added = false;
        for (HostPlan hp : plan.hosts()) {
            Optional<HostState> wanted = plan.next().host(hp.host());
            if (!hp.isEmpty() && wanted.isPresent() && before.host(hp.host()).isEmpty()) {
                hosts.add(wanted.get().with(HostStatus.PENDING, List.of(), 0L, null));
                added = true;
            }
        }
        return added ? Optional.of(new State(before.version(), before.serial() + 1, before.lineage(),
                before.network(), hosts)) : Optional.empty();
    }

    /**
     * The state after the apply, written over {@code before}: the state the plan was made from, or the
     * {@link #intent} written since. Its serial follows {@code before}'s.
     */
    public static State after(State before, Plan plan, Map<String, ApplyResult> results, String now) {
        State planned = plan.next();
        State next = new State(planned.version(), before.serial() + 1, planned.lineage(), planned.network(),
                planned.hosts());
        List<HostState> hosts = new ArrayList<>();
        for (HostPlan hp : plan.hosts()) {
            String name = hp.host();
            Optional<HostState> wanted = next.host(name);
            Optional<HostState> recorded = before.host(name);
            ApplyResult result = results.get(name);
            if (wanted.isPresent() && !wanted.get().derived()) {
                limited(hosts, wanted.get(), recorded, plan, result, next.serial(), now);
                continue;
            }
            if (hp.isEmpty()) {
                wanted.ifPresent(w -> hosts.add(unchanged(w, recorded, next.serial(), now)));
                continue;
            }
            if (result != null && result.ok()) {
                wanted.ifPresent(w -> hosts.add(w.with(HostStatus.APPLIED, null, next.serial(), now)));
                continue;
            }
            unfinished(wanted.orElseGet(recorded::orElseThrow), wanted.isEmpty(), recorded, plan, result,
                    next.serial(), now).ifPresent(hosts::add);
        }
        boolean anyHost = !hosts.isEmpty();
        return new State(next.version(), next.serial(), next.lineage(),
                anyHost ? (next.network() != null ? next.network() : before.network()) : null, hosts);
    }

    /**
     * A host that targeting left out, or gave only part of its plan ({@code wanted} lists objects): it holds its
     * baseline with exactly the changes that were done.
     */
    private static void limited(List<HostState> hosts, HostState wanted, Optional<HostState> recorded, Plan plan,
            ApplyResult result, long serial, String now) {
        unfinished(wanted, wanted.status() == HostStatus.REMOVING, recorded, plan, result, serial, now)
                .ifPresent(hosts::add);
    }

    /**
     * The record of a host whose plan did not complete ({@code result} failed, or null: not reached): what it
     * holds ({@link #held}), as {@code removing} when it is {@code leaving} (nothing when nothing of it is left),
     * else {@code rolled back}, {@code pending} or {@code partial}. Its applied serial moves to {@code serial}
     * only when changes of this apply stayed on it.
     */
    private static Optional<HostState> unfinished(HostState base, boolean leaving, Optional<HostState> recorded,
            Plan plan, ApplyResult result, long serial, String now) {
        List<KernelObject> objects = held(plan.baseline().getOrDefault(base.name(), ObjectSet.NONE), result);
        if (leaving && objects.isEmpty()) {
            return Optional.empty(); // removed from the file and nothing of it is left
        }
        boolean rolledBack = result != null && result.rolledBack();
        HostStatus status = leaving ? HostStatus.REMOVING : rolledBack ? HostStatus.ROLLED_BACK
                : objects.isEmpty() ? HostStatus.PENDING : HostStatus.PARTIAL;
        boolean changed = result != null && !result.applied().isEmpty() && !rolledBack;
        long appliedSerial = changed ? serial : recorded.map(HostState::appliedSerial).orElse(0L);
        String at = changed ? now : recorded.map(HostState::appliedAt).orElse(null);
        return Optional.of(rooted(base, recorded, objects).with(status, objects, appliedSerial, at));
    }

    /**
     * {@code base} with the root its listed files lie under. When the file moved a host's root and the apply
     * did not finish there, the host may still hold its files under the recorded root; the record then keeps
     * that root, because a state listing files outside its host's root is refused when read
     * ({@link OwnedObjects}), and the next apply reads and removes the files there.
     */
    private static HostState rooted(HostState base, Optional<HostState> recorded, List<KernelObject> objects) {
        if (recorded.isEmpty() || Objects.equals(recorded.get().root(), base.root())) {
            return base;
        }
        List<String> root = Collections.singletonList(base.root());
        boolean outside = objects.stream().anyMatch(o -> OwnedObjects.problem(o, root).isPresent());
        String old = recorded.get().root();
        return outside && objects.stream().allMatch(o -> OwnedObjects.problem(o, Collections.singletonList(old))
                .isEmpty())
                ? new HostState(base.name(), base.address(), base.connection(), base.netns(), old, base.lease(),
                        base.mac(), base.facts(), base.status(), base.appliedSerial(), base.appliedAt(), base.objects(),
                        base.address6(), base.lease6(), base.mac6())
                : base;
    }

    private static HostState unchanged(HostState wanted, Optional<HostState> recorded, long serial, String now) {
        if (recorded.isPresent() && recorded.get().status() == HostStatus.APPLIED) {
            HostState r = recorded.get();
            return wanted.with(HostStatus.APPLIED, null, r.appliedSerial(), r.appliedAt());
        }
        return wanted.with(HostStatus.APPLIED, null, serial, now);
    }

    /**
     * What a host that did not finish holds: what it was read to hold after a rollback, else the baseline with the
     * applied changes (and the rollback's, when it could not be read afterwards) done on it.
     */
    static List<KernelObject> held(ObjectSet baseline, ApplyResult result) {
        if (result == null) {
            return replay(baseline, List.of());
        }
        if (result.rollback() != null && result.rollback().objects() != null) {
            List<KernelObject> objects = new ArrayList<>(result.rollback().objects());
            objects.sort((a, b) -> a.key().compareTo(b.key()));
            return objects;
        }
        List<Change> done = new ArrayList<>(result.applied());
        if (result.rollback() != null) {
            done.addAll(result.rollback().undone());
        }
        return replay(baseline, done);
    }

    /** The baseline objects with the applied changes done on them, in key order. */
    static List<KernelObject> replay(ObjectSet baseline, List<Change> applied) {
        return ObjectsAfter.of(baseline, applied);
    }
}
