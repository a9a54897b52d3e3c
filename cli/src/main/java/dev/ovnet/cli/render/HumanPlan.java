package dev.ovnet.cli.render;

import dev.ovnet.planner.config.BackendType;
import dev.ovnet.planner.desired.PeerContext;
import dev.ovnet.planner.desired.PeerEntry;
import dev.ovnet.planner.model.Address;
import dev.ovnet.planner.model.FdbEntry;
import dev.ovnet.planner.model.FileObject;
import dev.ovnet.planner.model.KernelObject;
import dev.ovnet.planner.model.Neighbour;
import dev.ovnet.planner.model.Route;
import dev.ovnet.planner.plan.Action;
import dev.ovnet.planner.plan.Change;
import dev.ovnet.planner.plan.HostPlan;
import dev.ovnet.planner.plan.PeerDelta;
import dev.ovnet.planner.plan.Plan;
import dev.ovnet.planner.plan.Summary;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The plan for a person: drift first, then one block per host with one line per object, then warnings and the
 * summary line {@code Plan: A to add, C to change, D to destroy.} (a frozen string, as Terraform's). Groups of
 * more than {@link #COLLAPSE} alike changes on one host (a route to every peer...) print as one line unless
 * {@code full}.
 */
public final class HumanPlan {

    public static final int COLLAPSE = 12;

    private final PrintWriter out;
    private final Style style;
    private final boolean full;

    public HumanPlan(PrintWriter out, Style style, boolean full) {
        this.out = out;
        this.style = style;
        this.full = full;
    }

    /** Renders the drift section only (refresh-only plans, and before a plan). */
    public void drift(Plan plan, boolean refreshOnly) {
        if (!plan.hasDrift()) {
            return;
        }
        out.println(style.bold("Note: Objects have changed outside of ovnet"));
        out.println();
        out.println("ovnet detected the following changes made outside of ovnet since the last \"ovnet apply\":");
        for (HostPlan host : plan.drift()) {
            out.println();
            out.println("  " + style.bold("# " + host.host()));
            hostChanges(host, true);
        }
        out.println();
        out.println(refreshOnly
                ? "This is a refresh-only plan, so ovnet will not take any actions to undo these."
                : "Unless you have made equivalent changes to your configuration, the following plan undoes them.");
        out.println();
    }

    public void render(Plan plan) {
        drift(plan, false);
        if (!plan.hasChanges()) {
            out.println(noChanges(plan));
            warnings(plan);
            incomplete(plan);
            return;
        }
        legend(plan);
        out.println("ovnet will perform the following actions:");
        for (HostPlan host : plan.hosts()) {
            if (host.isEmpty()) {
                continue;
            }
            out.println();
            String note = host.note() == null ? "" : " (" + host.note() + ")";
            out.println("  " + style.bold("# " + host.host()) + note);
            hostChanges(host, false);
        }
        out.println();
        warnings(plan);
        out.println(summaryLine(plan.summary()));
        incomplete(plan);
    }

    /**
     * What a plan without changes says: never that all is well about hosts it did not read; after a destroy, that
     * nothing is left (ovnet holds nothing anywhere); else that the network matches.
     */
    private String noChanges(Plan plan) {
        if (!plan.unread().isEmpty()) {
            return style.yellow("No changes on the hosts that were read.") + " Not read, so not known: "
                    + String.join(", ", plan.unread()) + ".";
        }
        if (plan.next().network() == null && plan.next().hosts().isEmpty()) {
            return style.green("No changes.") + " Nothing of ovnet's is left to remove"
                    + (plan.complete() ? "." : " on the targeted hosts.");
        }
        return style.green("No changes.") + (plan.complete() ? " Your network matches the configuration."
                : " The targeted hosts match the configuration.");
    }

    /** Terraform's warning for a targeted plan. */
    private void incomplete(Plan plan) {
        if (plan.complete()) {
            return;
        }
        out.println();
        out.println(style.warning() + "Resource targeting is in effect: the plan may be incomplete.");
        out.println();
        out.println("  --target limits the plan to the targeted hosts and the peer entries on other hosts that point");
        out.println("  at them, so it may not show every change the configuration asks for. It is for exceptional");
        out.println("  use, such as recovering from errors; run 'ovnet plan' without it to see what is left.");
    }

    /** Terraform's warning after a targeted apply. */
    public static void incompleteApply(PrintWriter out, Style style) {
        out.println(style.warning() + "Applied changes may be incomplete.");
        out.println();
        out.println("  The plan was made with --target, so some changes the configuration asks for may have been");
        out.println("  left out. To check that no other changes are pending, run: ovnet plan");
        out.println();
    }

    public static String summaryLine(Summary s) {
        return "Plan: " + s.add() + " to add, " + s.change() + " to change, " + s.destroy() + " to destroy.";
    }

    private void warnings(Plan plan) {
        for (String w : plan.warnings()) {
            out.println(style.warning() + w);
            out.println();
        }
    }

    private void legend(Plan plan) {
        Set<Action> seen = EnumSet.noneOf(Action.class);
        for (HostPlan h : plan.hosts()) {
            h.changes().forEach(c -> seen.add(c.action()));
            if (!h.peers().added().isEmpty()) {
                seen.add(Action.CREATE);
            }
            if (!h.peers().removed().isEmpty()) {
                seen.add(Action.DELETE);
            }
        }
        out.println("Resource actions are indicated with the following symbols:");
        for (Action a : Action.values()) {
            if (seen.contains(a)) {
                String label = switch (a) {
                    case CREATE -> "create";
                    case UPDATE -> "update in-place";
                    case REPLACE -> "destroy and then create replacement";
                    case DELETE -> "destroy";
                };
                // pad before colouring: escape codes would count as width
                out.println(style.action(a, pad(a.symbol())) + " " + label);
            }
        }
        out.println();
    }

    private record Group(Action action, String kind, String dev) {
    }

    private void hostChanges(HostPlan host, boolean drift) {
        Map<Group, Integer> counts = new LinkedHashMap<>();
        for (Change c : host.changes()) {
            counts.merge(group(c), 1, Integer::sum);
        }
        Set<Group> bulk = new LinkedHashSet<>();
        PeerDelta peers = host.peers();
        tally(peers.removedContext(), peers.removed(), Action.DELETE, counts, bulk);
        tally(peers.addedContext(), peers.added(), Action.CREATE, counts, bulk);
        Set<Group> collapsed = new HashSet<>();
        if (!full) {
            counts.forEach((g, n) -> {
                if (n > COLLAPSE) {
                    collapsed.add(g);
                }
            });
        }
        List<Group> printed = new ArrayList<>();
        Consumer<Change> print = c -> {
            Group g = group(c);
            if (collapsed.contains(g)) {
                if (!printed.contains(g)) {
                    printed.add(g);
                    collapsedLine(g, counts.get(g), host);
                }
                return;
            }
            change(c, drift);
        };
        if (collapsed.containsAll(bulk)) {
            // every peer group collapses: print them without producing millions of objects
            for (Group g : bulk) {
                if (g.action() == Action.DELETE && !printed.contains(g)) {
                    printed.add(g);
                    collapsedLine(g, counts.get(g), host);
                }
            }
            new HostPlan(host.host(), host.changes(), PeerDelta.NONE, host.note()).forEachInApplyOrder(print);
            for (Group g : bulk) {
                if (!printed.contains(g)) {
                    printed.add(g);
                    collapsedLine(g, counts.get(g), host);
                }
            }
        } else {
            host.forEachInApplyOrder(print);
        }
    }

    /** Counts the objects of whole peers by group, without building them (both families on a dual-stack host). */
    private static void tally(PeerContext context, List<PeerEntry> peers, Action action, Map<Group, Integer> counts,
            Set<Group> bulk) {
        if (peers.isEmpty() || context.type() == BackendType.UDP) {
            return;
        }
        int direct = 0;
        int direct6 = 0;
        int with6 = 0;
        int with4 = 0;
        for (PeerEntry p : peers) {
            if (p.subnet() != null) {
                with4++; // a peer of an IPv6-only network has no IPv4 objects
            }
            if (p.subnet() != null && (context.type() == BackendType.HOST_GW
                    || context.directSegment() != null && context.directSegment().contains(p.address()))) {
                direct++;
            }
            if (context.dualStack() && p.subnet6() != null) {
                with6++;
                if (context.type() == BackendType.HOST_GW
                        || context.directSegment6() != null && context.directSegment6().contains(p.address6())) {
                    direct6++;
                }
            }
        }
        tally(action, context.device(), context.iface(), with4 - direct, direct, counts, bulk);
        tally(action, context.device6(), context.iface(), with6 - direct6, direct6, counts, bulk);
    }

    /** One family's groups: {@code tunnelled} peers' neighbours, fdb entries and routes on the device, then routes. */
    private static void tally(Action action, String device, String iface, int tunnelled, int direct,
            Map<Group, Integer> counts, Set<Group> bulk) {
        if (tunnelled > 0) {
            for (String kind : List.of("neighbour", "fdb", "route")) {
                Group g = new Group(action, kind, device);
                counts.merge(g, tunnelled, Integer::sum);
                bulk.add(g);
            }
        }
        if (direct > 0) {
            Group g = new Group(action, "route", iface);
            counts.merge(g, direct, Integer::sum);
            bulk.add(g);
        }
    }

    private void collapsedLine(Group g, int n, HostPlan host) {
        String what = plural(g.kind(), n);
        boolean everyPeer = host.peers().added().size() == n || host.peers().removed().size() == n;
        String to = everyPeer ? (g.action() == Action.DELETE ? " to every former peer" : " to every peer") : "";
        String dev = g.dev() == null ? "" : (g.kind().equals("route") ? " via " : " on ") + g.dev();
        String label = g.kind().equals("route") ? what + to + dev : what + (everyPeer ? ", one per peer," : "") + dev;
        out.println("      " + style.action(g.action(), pad(g.action().symbol())) + " "
                + String.format(Locale.ROOT, "%,d", n) + " " + label + "  (--full lists them)");
    }

    private static String plural(String kind, int n) {
        return switch (kind) {
            case "route" -> "routes";
            case "neighbour" -> "neighbours";
            case "fdb" -> "fdb entries";
            case "address" -> "addresses";
            case "file" -> "files";
            case "link" -> "links";
            default -> kind + (n == 1 ? "" : "s");
        };
    }

    private static Group group(Change c) {
        KernelObject o = c.after() != null ? c.after() : c.before();
        String dev = o instanceof Route r ? r.dev() : o instanceof Neighbour n ? n.dev()
                : o instanceof FdbEntry f ? f.dev() : o instanceof Address a ? a.dev() : null;
        return new Group(c.action(), c.key().kind(), dev);
    }

    private static String pad(String symbol) {
        return String.format("%3s", symbol);
    }

    private void change(Change c, boolean drift) {
        String symbol = style.action(c.action(), pad(c.action().symbol()));
        switch (c.action()) {
            case CREATE -> out.println("      " + symbol + " " + c.after().describe()
                    + (drift ? "  " + style.yellow("(appeared)") : ""));
            case DELETE -> out.println("      " + symbol + " " + c.before().describe()
                    + (drift ? "  " + style.yellow("(has been deleted)") : ""));
            case UPDATE, REPLACE -> {
                String reason = c instanceof Change.Replace r ? "  " + style.red("# forces replacement: " + r.reason())
                        : "";
                out.println("      " + symbol + " " + c.after().key() + reason);
                for (String d : ObjectFields.differences(c.before(), c.after())) {
                    out.println("            " + d);
                }
                if (c.after() instanceof FileObject after && c.before() instanceof FileObject before
                        && !after.content().equals(before.content())) {
                    lineDiff(before.content(), after.content());
                }
            }
        }
    }

    private void lineDiff(String before, String after) {
        List<String> a = List.of(before.split("\n", -1));
        List<String> b = List.of(after.split("\n", -1));
        for (String line : a) {
            if (!b.contains(line) && !line.isEmpty()) {
                out.println("            " + style.red("- " + line));
            }
        }
        for (String line : b) {
            if (!a.contains(line) && !line.isEmpty()) {
                out.println("            " + style.green("+ " + line));
            }
        }
    }
}
