package dev.ovnet.planner.config;

import dev.ovnet.planner.net.Cidr;
import java.util.List;

/**
 * Optional {@code lab:} block, read only by {@code ovnet lab}: the underlay segments the simulated hosts are
 * joined by (one bridge per segment; with several, a router namespace joins them, its address being each
 * segment's first address) and how many test containers each host gets. Without the block: one segment,
 * the /24 holding the first host's address, and one container per host.
 */
public record LabConfig(List<Cidr> segments, int containers) {

    public LabConfig {
        segments = List.copyOf(segments);
    }
}
