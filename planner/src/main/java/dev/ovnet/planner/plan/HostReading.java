package dev.ovnet.planner.plan;

import dev.ovnet.planner.desired.HostFacts;
import dev.ovnet.planner.model.KernelObject;
import java.util.List;

/**
 * What refresh read from a host: its underlay facts, the ovnet objects really there, and what else the host uses
 * ({@code underlay}, for the preflight checks; {@link Underlay#NONE} when not known, as in a saved plan's readings).
 */
public record HostReading(HostFacts facts, List<KernelObject> objects, Underlay underlay) {

    public HostReading {
        objects = List.copyOf(objects);
        underlay = underlay == null ? Underlay.NONE : underlay;
    }

    public HostReading(HostFacts facts, List<KernelObject> objects) {
        this(facts, objects, Underlay.NONE);
    }
}
