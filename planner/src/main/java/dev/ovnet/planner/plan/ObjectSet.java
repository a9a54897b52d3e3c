package dev.ovnet.planner.plan;

import dev.ovnet.planner.desired.DesiredHost;
import dev.ovnet.planner.model.KernelObject;
import java.util.List;

/**
 * The objects of one host on one side of a diff: derived from a network (desired, or recorded as applied),
 * listed explicitly (read from the host, or recorded after a partial apply), or none.
 */
public sealed interface ObjectSet {

    List<KernelObject> materialise();

    record Derived(DesiredHost host) implements ObjectSet {
        public List<KernelObject> materialise() {
            return host.allObjects();
        }
    }

    record Listed(List<KernelObject> objects) implements ObjectSet {
        public Listed {
            objects = List.copyOf(objects);
        }

        public List<KernelObject> materialise() {
            return objects;
        }
    }

    ObjectSet NONE = new Listed(List.of());
}
