package dev.ovnet.planner.config;

import dev.ovnet.planner.net.Cidr;
import dev.ovnet.planner.net.Cidr6;
import java.util.ArrayList;
import java.util.List;
import org.yaml.snakeyaml.nodes.Node;

/**
 * The optional {@code lab:} block read by {@code ovnet lab}: underlay segments (each big enough for a router,
 * hosts and a broadcast address, none overlapping another or the pool) and 1 to 8 containers per host.
 */
final class LabReader {

    static final int MAX_CONTAINERS = 8;
    private static final String EXAMPLE = "192.0.2.0/24";

    private LabReader() {
    }

    static void read(YamlMapping lab, PartialConfig draft) {
        Problems problems = lab.values().problems();
        draft.labNode = lab.where();
        List<Node> items = lab.list("segments", "[" + EXAMPLE + ", 198.51.100.0/24]");
        List<Cidr> segments = new ArrayList<>();
        boolean complete = items != null || !lab.given("segments");
        for (int i = 0; items != null && i < items.size(); i++) {
            String path = lab.child("segments") + "[" + i + "]";
            Located<String> text = lab.values().text(items.get(i), path, EXAMPLE);
            Cidr segment = text == null ? null : SubnetRules.cidr(text, path, EXAMPLE, problems);
            if (segment == null || !fits(segment, text, path, draft, problems)) {
                complete = false;
                continue;
            }
            segments.add(segment);
            draft.segments.add(new Located<>(segment, text.node()));
        }
        Located<Integer> containers = lab.integer("containers", 1, MAX_CONTAINERS, "1");
        List<Cidr6> segments6 = Lab6Reader.read(lab, draft);
        complete &= segments6 != null;
        draft.lab = new LabConfig(segments, containers == null ? 1 : containers.value(),
                segments6 == null ? List.of() : segments6);
        draft.segmentsKnown = complete;
    }

    private static boolean fits(Cidr segment, Located<String> text, String path, PartialConfig draft, Problems problems) {
        if (segment.prefix() > 29) {
            problems.at(text.node(), path + " " + segment + " is too small for a lab segment",
                    "use a /29 or larger segment, e.g. " + EXAMPLE);
            return false;
        }
        for (Located<Cidr> earlier : draft.segments) {
            if (earlier.value().overlaps(segment)) {
                problems.at(text.node(), path + " " + segment + " overlaps the segment " + earlier.value()
                        + " on line " + (earlier.node().getStartMark().getLine() + 1),
                        "list each underlay segment once, without overlaps");
                return false;
            }
        }
        if (draft.pool != null && draft.pool.value().overlaps(segment)) {
            problems.at(text.node(), path + " " + segment + " overlaps the pool " + draft.pool.value(),
                    "choose underlay segments outside the pool, e.g. " + EXAMPLE);
            return false;
        }
        return true;
    }
}
