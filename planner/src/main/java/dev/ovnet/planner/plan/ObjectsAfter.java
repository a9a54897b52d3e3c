package dev.ovnet.planner.plan;

import dev.ovnet.planner.model.KernelObject;
import dev.ovnet.planner.model.ObjectKey;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A host's objects after some changes were done on them: what the state records for a host that did not get
 * its whole plan (an apply that stopped part-way, or a host that targeting left out).
 */
public final class ObjectsAfter {

    private ObjectsAfter() {
    }

    /** The baseline objects with {@code changes} done on them, in key order. */
    public static List<KernelObject> of(ObjectSet baseline, Iterable<Change> changes) {
        Map<ObjectKey, KernelObject> objects = new LinkedHashMap<>();
        for (KernelObject o : baseline.materialise()) {
            objects.put(o.key(), o);
        }
        for (Change c : changes) {
            if (c.after() == null) {
                objects.remove(c.key());
            } else {
                objects.put(c.key(), c.after());
            }
        }
        List<KernelObject> out = new ArrayList<>(objects.values());
        out.sort((a, b) -> a.key().compareTo(b.key()));
        return out;
    }
}
