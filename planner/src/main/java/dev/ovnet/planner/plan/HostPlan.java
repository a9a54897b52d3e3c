package dev.ovnet.planner.plan;

import dev.ovnet.planner.desired.PeerEntry;
import dev.ovnet.planner.desired.PeerObjects;
import dev.ovnet.planner.model.Phase;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The changes for one host: {@code changes} listed one by one (sorted by key), plus whole peers added or
 * removed ({@code peers}), whose objects are produced when walked. {@code reachable} is false when refresh
 * could not read the host (the plan for it is then based on the state).
 */
public record HostPlan(String host, List<Change> changes, PeerDelta peers, String note) {

    public HostPlan {
        changes = List.copyOf(changes);
    }

    public boolean isEmpty() {
        return changes.isEmpty() && peers.isEmpty();
    }

    public Summary summary() {
        int add = 0;
        int change = 0;
        int destroy = 0;
        for (Change c : changes) {
            switch (c.action()) {
                case CREATE -> add++;
                case UPDATE -> change++;
                case REPLACE -> {
                    add++;
                    destroy++;
                }
                case DELETE -> destroy++;
            }
        }
        for (PeerEntry p : peers.added()) {
            add += PeerObjects.count(peers.addedContext(), p);
        }
        for (PeerEntry p : peers.removed()) {
            destroy += PeerObjects.count(peers.removedContext(), p);
        }
        return new Summary(add, change, destroy);
    }

    /** Every change, listed ones first, then the peers' deletes and creates. */
    public void forEachChange(Consumer<Change> sink) {
        changes.forEach(sink);
        peers.forEachDelete(sink);
        peers.forEachCreate(sink);
    }

    /**
     * Every change in the order it must be applied: deletions first, latest phase first (routes before the
     * neighbours and devices they use); then creations, updates and replacements, earliest phase first.
     * The peers' changes are produced once per direction and grouped by phase (one host's worth at a time),
     * not once per phase.
     */
    public void forEachInApplyOrder(Consumer<Change> sink) {
        Phase[] phases = Phase.values();
        Map<Phase, List<Change>> peerDeletes = byPhase(peers::forEachDelete);
        for (int i = phases.length - 1; i >= 0; i--) {
            Phase phase = phases[i];
            for (Change c : changes) {
                if (c.action() == Action.DELETE && c.key().phase() == phase) {
                    sink.accept(c);
                }
            }
            peerDeletes.getOrDefault(phase, List.of()).forEach(sink);
        }
        peerDeletes = null;
        Map<Phase, List<Change>> peerCreates = byPhase(peers::forEachCreate);
        for (Phase phase : phases) {
            for (Change c : changes) {
                if (c.action() != Action.DELETE && c.key().phase() == phase) {
                    sink.accept(c);
                }
            }
            peerCreates.getOrDefault(phase, List.of()).forEach(sink);
        }
    }

    private static Map<Phase, List<Change>> byPhase(Consumer<Consumer<Change>> walk) {
        Map<Phase, List<Change>> out = new EnumMap<>(Phase.class);
        walk.accept(c -> out.computeIfAbsent(c.key().phase(), p -> new ArrayList<>()).add(c));
        return out;
    }
}
