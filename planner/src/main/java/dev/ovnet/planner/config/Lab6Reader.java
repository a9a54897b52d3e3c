package dev.ovnet.planner.config;

import dev.ovnet.planner.net.Cidr6;
import java.util.ArrayList;
import java.util.List;
import org.yaml.snakeyaml.nodes.Node;

/**
 * {@code lab.segments6}: the IPv6 underlay of a dual-stack lab, one network per IPv4 segment and in the same order
 * (the lab gives each segment's bridge both), each a /120 or larger, none overlapping another or pool6. Only
 * meaningful with pool6; a network without pool6 has no use for an IPv6 underlay.
 */
final class Lab6Reader {

    static final String EXAMPLE = "fd00:192:0:2::/64";

    private Lab6Reader() {
    }

    /** The segments, or null after a problem. */
    static List<Cidr6> read(YamlMapping lab, PartialConfig draft) {
        Problems problems = lab.values().problems();
        if (!lab.given("segments6")) {
            return List.of();
        }
        if (!draft.pool6Given) {
            problems.at(lab.key("segments6"), "lab.segments6 needs network.pool6, which is not given",
                    "add pool6: " + Subnet6Rules.POOL_EXAMPLE + " to network, or remove segments6");
            return null;
        }
        List<Node> items = lab.list("segments6", "[" + EXAMPLE + "]");
        if (items == null) {
            return null;
        }
        List<Cidr6> segments = new ArrayList<>();
        boolean complete = true;
        for (int i = 0; i < items.size(); i++) {
            String path = lab.child("segments6") + "[" + i + "]";
            Located<String> text = lab.values().text(items.get(i), path, EXAMPLE);
            Cidr6 segment = text == null ? null : Subnet6Rules.cidr(text, path, EXAMPLE, problems);
            if (segment == null || !fits(segment, text, path, draft, problems)) {
                complete = false;
                continue;
            }
            segments.add(segment);
            draft.segments6.add(new Located<>(segment, text.node()));
        }
        int wanted = Math.max(1, draft.segments.size());
        if (complete && draft.segmentsKnown && !draft.ipv6Only && segments.size() != wanted) {
            problems.at(lab.value("segments6"), "lab.segments6 lists " + segments.size() + " network"
                    + (segments.size() == 1 ? "" : "s") + ", but the lab has " + wanted + " IPv4 segment"
                    + (wanted == 1 ? "" : "s"), "list one IPv6 network per entry of lab.segments, in the same order");
            return null;
        }
        return complete ? segments : null;
    }

    private static boolean fits(Cidr6 segment, Located<String> text, String path, PartialConfig draft,
            Problems problems) {
        if (segment.prefix() > 120) {
            problems.at(text.node(), path + " " + segment + " is too small for a lab segment",
                    "use a /120 or larger segment, e.g. " + EXAMPLE);
            return false;
        }
        for (Located<Cidr6> earlier : draft.segments6) {
            if (earlier.value().overlaps(segment)) {
                problems.at(text.node(), path + " " + segment + " overlaps the segment " + earlier.value()
                        + " on line " + (earlier.node().getStartMark().getLine() + 1),
                        "list each underlay segment once, without overlaps");
                return false;
            }
        }
        if (draft.pool6 != null && draft.pool6.value().overlaps(segment)) {
            problems.at(text.node(), path + " " + segment + " overlaps the pool6 " + draft.pool6.value(),
                    "choose underlay segments outside pool6, e.g. " + EXAMPLE);
            return false;
        }
        return true;
    }
}
