package dev.ovnet.planner.plan;

import dev.ovnet.planner.desired.PeerContext;
import dev.ovnet.planner.desired.PeerEntry;
import dev.ovnet.planner.desired.PeerObjects;
import dev.ovnet.planner.model.KernelObject;
import dev.ovnet.planner.model.Phase;
import java.util.List;
import java.util.function.Consumer;

/**
 * Peers wholly added to or removed from a host, kept as entries: their objects (deletes under the old
 * context, creates under the new) are produced only when someone walks the changes. This is what keeps a
 * 5,000-host bootstrap plan (75 million creates) within memory.
 */
public record PeerDelta(PeerContext removedContext, List<PeerEntry> removed, PeerContext addedContext,
        List<PeerEntry> added) {

    public static final PeerDelta NONE = new PeerDelta(null, List.of(), null, List.of());

    public boolean isEmpty() {
        return removed.isEmpty() && added.isEmpty();
    }

    public void forEachDelete(Consumer<Change> sink) {
        for (PeerEntry peer : removed) {
            for (KernelObject object : PeerObjects.of(removedContext, peer)) {
                sink.accept(new Change.Delete(object));
            }
        }
    }

    public void forEachCreate(Consumer<Change> sink) {
        for (PeerEntry peer : added) {
            for (KernelObject object : PeerObjects.of(addedContext, peer)) {
                sink.accept(new Change.Create(object));
            }
        }
    }

    /** The deletes of removed peers' objects of one phase. */
    public void forEachDelete(Phase phase, Consumer<Change> sink) {
        for (PeerEntry peer : removed) {
            for (KernelObject o : PeerObjects.of(removedContext, peer, phase)) {
                sink.accept(new Change.Delete(o));
            }
        }
    }

    /** The creates of added peers' objects of one phase. */
    public void forEachCreate(Phase phase, Consumer<Change> sink) {
        for (PeerEntry peer : added) {
            for (KernelObject o : PeerObjects.of(addedContext, peer, phase)) {
                sink.accept(new Change.Create(o));
            }
        }
    }
}
