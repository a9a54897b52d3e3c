package dev.ovnet.planner.spi;

import dev.ovnet.planner.model.KernelObject;
import dev.ovnet.planner.plan.Change;
import java.util.List;

/**
 * What putting a host back did, after its apply failed or its probe did not answer: the changes that undid the
 * apply ({@code undone}), what the host was read to hold afterwards ({@code objects}; null when it could not be
 * read, then the state replays the changes instead), and whether that is exactly what it held before the apply
 * ({@code complete}). {@code problem} says why it is not, or null.
 */
public record Rollback(List<Change> undone, List<KernelObject> objects, boolean complete, String problem) {

    public Rollback {
        undone = List.copyOf(undone);
        objects = objects == null ? null : List.copyOf(objects);
    }
}
