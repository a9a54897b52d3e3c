package dev.ovnet.planner.plan;

import dev.ovnet.planner.desired.DesiredHost;
import dev.ovnet.planner.desired.DesiredState;
import dev.ovnet.planner.desired.PeerEntry;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * The difference between the recorded and the desired peer lists of a whole network, merged once: every host's
 * peers are those lists minus itself, so each host's peer changes are this difference minus its own entry. That
 * keeps a plan over n hosts at O(n) peer comparisons instead of O(n²).
 */
public record PeerMerge(List<PeerEntry> removed, List<PeerEntry> added, List<PeerEntry> changedBefore,
        List<PeerEntry> changedAfter) {

    /** Merges two lists sorted by subnet. */
    public static PeerMerge of(List<PeerEntry> before, List<PeerEntry> after) {
        List<PeerEntry> removed = new ArrayList<>();
        List<PeerEntry> added = new ArrayList<>();
        List<PeerEntry> changedBefore = new ArrayList<>();
        List<PeerEntry> changedAfter = new ArrayList<>();
        Iterator<PeerEntry> bi = before.iterator();
        Iterator<PeerEntry> ai = after.iterator();
        PeerEntry b = bi.hasNext() ? bi.next() : null;
        PeerEntry a = ai.hasNext() ? ai.next() : null;
        while (b != null || a != null) {
            int cmp = b == null ? 1 : a == null ? -1 : key(b, a);
            if (cmp < 0) {
                removed.add(b);
                b = bi.hasNext() ? bi.next() : null;
            } else if (cmp > 0) {
                added.add(a);
                a = ai.hasNext() ? ai.next() : null;
            } else {
                if (!b.equals(a)) {
                    changedBefore.add(b);
                    changedAfter.add(a);
                }
                b = bi.hasNext() ? bi.next() : null;
                a = ai.hasNext() ? ai.next() : null;
            }
        }
        return new PeerMerge(removed, added, changedBefore, changedAfter);
    }

    /**
     * Entries of one host match by their IPv4 subnet (an IPv6 lease that moves is a change of that peer); on an
     * IPv6-only network, which has none, by their IPv6 subnet, as {@link DesiredState#BY_SUBNET} sorts them.
     */
    private static int key(PeerEntry b, PeerEntry a) {
        return b.subnet() != null && a.subnet() != null ? b.subnet().compareTo(a.subnet())
                : DesiredState.BY_SUBNET.compare(b, a);
    }

    /** The peer changes of one host whose before and after peers are the merged lists without itself. */
    PeerDelta forHost(DesiredHost before, DesiredHost after, List<Change> out) {
        String self = after.self().name();
        for (int i = 0; i < changedBefore.size(); i++) {
            PeerEntry b = changedBefore.get(i);
            PeerEntry a = changedAfter.get(i);
            if (!b.host().equals(self) && !a.host().equals(self)) {
                Differ.diffObjects(before.peerObjects(b), after.peerObjects(a), out);
            } else if (!b.host().equals(self)) {
                before.peerObjects(b).forEach(o -> out.add(new Change.Delete(o)));
            } else if (!a.host().equals(self)) {
                after.peerObjects(a).forEach(o -> out.add(new Change.Create(o)));
            }
        }
        return new PeerDelta(before.context(), without(removed, self), after.context(), without(added, self));
    }

    private static List<PeerEntry> without(List<PeerEntry> entries, String host) {
        if (entries.isEmpty()) {
            return entries;
        }
        List<PeerEntry> out = new ArrayList<>(entries.size());
        for (PeerEntry e : entries) {
            if (!e.host().equals(host)) {
                out.add(e);
            }
        }
        return out;
    }
}
