package dev.ovnet.providers.kernel;

import dev.ovnet.planner.model.Address;
import dev.ovnet.planner.model.FdbEntry;
import dev.ovnet.planner.model.KernelObject;
import dev.ovnet.planner.model.Link;
import dev.ovnet.planner.model.Neighbour;
import dev.ovnet.planner.model.Route;
import dev.ovnet.planner.plan.Action;
import dev.ovnet.planner.plan.Change;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Renders changes as the lines of one {@code ip -batch -} or {@code bridge -batch -} run, and reads back which
 * line failed. Creation uses iproute2's {@code replace} forms wherever they exist, so a change applied twice is
 * harmless; every route carries {@link Route#PROTO}, which is how refresh and destroy tell ovnet's routes from a
 * user's. A change may take several lines (a vxlan device: add, then set address, MTU and up), so the batch
 * keeps how many lines each change took.
 */
public final class Iproute2Batch {

    private static final Pattern FAILED = Pattern.compile("^Command failed (?:-|\\S+):(\\d+)\\s*$", Pattern.MULTILINE);

    private Iproute2Batch() {
    }

    /** A batch's text and lines plus, for every change, the (1-based) number of its last line. */
    public record Rendered(String text, List<Change> changes, List<Integer> lastLine, List<String> lines) {

        public Rendered {
            changes = List.copyOf(changes);
            lastLine = List.copyOf(lastLine);
            lines = List.copyOf(lines);
        }

        /** The change that a (1-based) line belongs to, by index in {@link #changes}. */
        public int changeAt(int line) {
            int low = 0;
            int high = lastLine.size() - 1;
            while (low < high) {
                int mid = (low + high) >>> 1;
                if (lastLine.get(mid) < line) {
                    low = mid + 1;
                } else {
                    high = mid;
                }
            }
            return low;
        }
    }

    /** The text fed to {@code ip -batch -} for these changes (links, addresses, neighbours, routes). */
    public static Rendered renderIp(List<Change> changes) {
        return render(changes, Iproute2Batch::ipLines);
    }

    /** The text fed to {@code bridge -batch -} for these changes (fdb entries). */
    public static Rendered renderBridge(List<Change> changes) {
        return render(changes, Iproute2Batch::bridgeLines);
    }

    private interface LineRenderer {
        List<String> lines(Change change);
    }

    private static Rendered render(List<Change> changes, LineRenderer renderer) {
        StringBuilder text = new StringBuilder(changes.size() * 80);
        List<String> all = new ArrayList<>(changes.size() + 4);
        List<Integer> last = new ArrayList<>(changes.size());
        for (Change change : changes) {
            for (String line : renderer.lines(change)) {
                text.append(line).append('\n');
                all.add(line);
            }
            last.add(all.size());
        }
        return new Rendered(text.toString(), changes, last, all);
    }

    /** The {@code ip} batch lines for one change to a link, address, neighbour or route. */
    public static List<String> ipLines(Change change) {
        KernelObject before = change.before();
        KernelObject after = change.after();
        Action action = change.action();
        if (action == Action.DELETE) {
            return List.of(deleteLine(before));
        }
        if (after instanceof Link link) {
            return switch (action) {
                case CREATE -> createLink(link);
                case UPDATE -> List.of("link set " + link.name() + " mtu " + link.mtu() + " up");
                case REPLACE -> {
                    List<String> lines = new ArrayList<>();
                    lines.add(deleteLine(before));
                    lines.addAll(createLink(link));
                    yield lines;
                }
                case DELETE -> throw new IllegalStateException();
            };
        }
        if (after instanceof Address a) {
            // dev and address are the key, so an address is only ever created or deleted; an IPv6 one skips duplicate
            // address detection, which would hold it tentative (unusable as a source) for a second or more
            return List.of("addr replace " + a.cidr() + " dev " + a.dev() + (a.cidr().isIpv6() ? " nodad" : ""));
        }
        if (after instanceof Neighbour n) {
            return List.of("neigh replace " + n.ip() + " lladdr " + n.mac() + " dev " + n.dev() + " nud permanent");
        }
        if (after instanceof Route r) {
            return List.of("route replace " + r.dst() + (r.via() == null ? "" : " via " + r.via()) + " dev " + r.dev()
                    + (r.onlink() ? " onlink" : "") + " proto " + Route.PROTO);
        }
        throw new IllegalArgumentException("not an ip object: " + after.describe());
    }

    private static List<String> createLink(Link link) {
        if (Link.VXLAN.equals(link.kind())) {
            StringBuilder add = new StringBuilder("link add ").append(link.name()).append(" type vxlan id ")
                    .append(link.vni());
            if (link.local() != null) {
                add.append(" local ").append(link.local());
            }
            if (link.dev() != null) {
                add.append(" dev ").append(link.dev());
            }
            add.append(" dstport ").append(link.port()).append(" nolearning");
            String set = "link set " + link.name() + (link.mac() == null ? "" : " address " + link.mac()) + " mtu "
                    + link.mtu() + " up";
            return List.of(add.toString(), set);
        }
        if (Link.TUN.equals(link.kind())) {
            // persistent TUN (IFF_TUN | IFF_NO_PI): the device outlives the forwarder, which attaches to it by name
            return List.of("tuntap add dev " + link.name() + " mode tun",
                    "link set " + link.name() + " mtu " + link.mtu() + " up");
        }
        throw new IllegalArgumentException("ovnet does not create links of type " + link.kind());
    }

    private static String deleteLine(KernelObject before) {
        if (before instanceof Link l) {
            return "link del " + l.name();
        }
        if (before instanceof Address a) {
            return "addr del " + a.cidr() + " dev " + a.dev();
        }
        if (before instanceof Neighbour n) {
            return "neigh del " + n.ip() + " dev " + n.dev();
        }
        if (before instanceof Route r) {
            // the protocol selects ovnet's route for this destination and never a user's
            return "route del " + r.dst() + " proto " + Route.PROTO;
        }
        throw new IllegalArgumentException("not an ip object: " + before.describe());
    }

    /** The {@code bridge} batch lines for one change to an fdb entry. */
    public static List<String> bridgeLines(Change change) {
        if (change.action() == Action.DELETE) {
            FdbEntry f = (FdbEntry) change.before();
            return List.of("fdb del " + f.mac() + " dev " + f.dev() + " self");
        }
        FdbEntry f = (FdbEntry) change.after();
        return List.of("fdb replace " + f.mac() + " dev " + f.dev() + " dst " + f.dst() + " self permanent");
    }

    /** The 1-based line iproute2 names in {@code Command failed -:N}, if it names one. */
    public static OptionalInt failedLine(String stderr) {
        Matcher m = FAILED.matcher(stderr);
        int line = -1;
        while (m.find()) {
            line = Integer.parseInt(m.group(1));
        }
        return line < 0 ? OptionalInt.empty() : OptionalInt.of(line);
    }

    /** The kernel's (or iproute2's) own message: stderr without the {@code Command failed} line. */
    public static String message(String stderr) {
        String text = FAILED.matcher(stderr).replaceAll("").strip();
        return text.isEmpty() ? "failed without a message" : text.replaceAll("\\s*\\n\\s*", "; ");
    }
}
