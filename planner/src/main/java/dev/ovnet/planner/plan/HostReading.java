package dev.ovnet.planner.plan;

import dev.ovnet.planner.desired.HostFacts;
import dev.ovnet.planner.model.KernelObject;
import java.util.List;

/** What refresh read from a host: its underlay facts and the ovnet objects really there. */
public record HostReading(HostFacts facts, List<KernelObject> objects) {

    public HostReading {
        objects = List.copyOf(objects);
    }
}
