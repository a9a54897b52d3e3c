package dev.ovnet.planner.desired;

import dev.ovnet.planner.model.KernelObject;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The objects one host should have: its own objects (device, address, rules, files...) held as a list, and
 * its peers held as entries from which the per-peer objects (route, neighbour, fdb) are produced on demand.
 * So a 5,000-host plan holds 5,000 small lists and shared peer views, never 75 million objects.
 */
public record DesiredHost(HostSpec self, PeerContext context, List<KernelObject> hostObjects,
        List<PeerEntry> peers) {

    public DesiredHost {
        hostObjects = List.copyOf(hostObjects);
    }

    /** The objects this host needs for one peer, in creation order. */
    public List<KernelObject> peerObjects(PeerEntry peer) {
        return PeerObjects.of(context, peer);
    }

    /** Calls {@code sink} with every object, host objects first, then each peer's. */
    public void forEachObject(Consumer<KernelObject> sink) {
        hostObjects.forEach(sink);
        for (PeerEntry peer : peers) {
            peerObjects(peer).forEach(sink);
        }
    }

    /** Every object, materialised: for one host at a time (diffs against what a host really has, tests). */
    public List<KernelObject> allObjects() {
        List<KernelObject> all = new ArrayList<>(hostObjects.size() + peers.size() * 3);
        forEachObject(all::add);
        return all;
    }
}
