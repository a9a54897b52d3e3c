package dev.ovnet.planner.config;

import dev.ovnet.planner.net.Cidr;
import dev.ovnet.planner.net.Cidr6;
import java.util.List;

/**
 * Optional {@code lab:} block, read only by {@code ovnet lab}: the underlay segments the simulated hosts are
 * joined by (one bridge per segment; with several, a router namespace joins them, its address being each
 * segment's first address) and how many test containers each host gets. Without the block: one segment,
 * the /24 holding the first host's address, and one container per host. {@code segments6} is the IPv6 underlay of a
 * dual-stack lab, one network per segment of {@code segments} in the same order, or empty.
 */
public record LabConfig(List<Cidr> segments, int containers, List<Cidr6> segments6) {

    public LabConfig {
        segments = List.copyOf(segments);
        segments6 = List.copyOf(segments6);
    }

    public LabConfig(List<Cidr> segments, int containers) {
        this(segments, containers, List.of());
    }
}
