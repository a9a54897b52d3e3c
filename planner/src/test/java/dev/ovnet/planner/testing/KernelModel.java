package dev.ovnet.planner.testing;

import dev.ovnet.planner.model.Address;
import dev.ovnet.planner.model.FdbEntry;
import dev.ovnet.planner.model.Forwarder;
import dev.ovnet.planner.model.KernelObject;
import dev.ovnet.planner.model.Link;
import dev.ovnet.planner.model.Neighbour;
import dev.ovnet.planner.model.ObjectKey;
import dev.ovnet.planner.model.Route;
import dev.ovnet.planner.plan.Change;
import dev.ovnet.planner.plan.HostPlan;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.TreeMap;

/**
 * The objects of one host as Linux keeps them, strict about what a plan may ask: a create finds nothing under
 * its key, an update or a delete finds the object it names as "before", and removing a device (delete, or the
 * delete half of a replace) takes every address, neighbour, fdb entry and route on it with it, and leaves a
 * forwarder on it without its TUN. Applying a plan in {@link HostPlan#forEachInApplyOrder} order and comparing
 * with the desired objects shows whether the plan really gets the host there.
 */
public final class KernelModel {

    private final TreeMap<ObjectKey, KernelObject> objects = new TreeMap<>();

    public KernelModel(Collection<KernelObject> initial) {
        initial.forEach(o -> objects.put(o.key(), o));
    }

    /** Applies every change of {@code plan} in apply order; throws at the first change the kernel would refuse. */
    public KernelModel apply(HostPlan plan) {
        plan.forEachInApplyOrder(this::apply);
        return this;
    }

    public void apply(Change change) {
        KernelObject there = objects.get(change.key());
        switch (change.action()) {
            case CREATE -> {
                if (there != null) {
                    throw new IllegalStateException("create of an object that exists: " + there.describe());
                }
                objects.put(change.key(), change.after());
            }
            case UPDATE -> {
                expect(change.before(), there, "update");
                objects.put(change.key(), change.after());
            }
            case REPLACE -> {
                expect(change.before(), there, "replace");
                remove(there);
                objects.put(change.key(), change.after());
            }
            case DELETE -> {
                expect(change.before(), there, "delete");
                remove(there);
            }
        }
    }

    /** What the host holds now, in key order. */
    public List<KernelObject> objects() {
        return new ArrayList<>(objects.values());
    }

    private void expect(KernelObject before, KernelObject there, String what) {
        if (there == null) {
            throw new IllegalStateException(what + " of an object that is gone: " + before.describe());
        }
        if (!there.equals(before)) {
            throw new IllegalStateException(what + " expected " + before.describe() + " but found " + there.describe());
        }
    }

    private void remove(KernelObject object) {
        objects.remove(object.key());
        if (object instanceof Link link) {
            objects.values().removeIf(o -> link.name().equals(device(o)));
        }
    }

    private static String device(KernelObject o) {
        if (o instanceof Address a) {
            return a.dev();
        } else if (o instanceof Neighbour n) {
            return n.dev();
        } else if (o instanceof FdbEntry f) {
            return f.dev();
        } else if (o instanceof Route r) {
            return r.dev();
        } else if (o instanceof Forwarder f) {
            return f.dev();
        }
        return null;
    }
}
