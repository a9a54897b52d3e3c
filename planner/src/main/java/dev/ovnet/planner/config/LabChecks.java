package dev.ovnet.planner.config;

import dev.ovnet.planner.config.PartialConfig.HostDraft;
import dev.ovnet.planner.net.Cidr;
import dev.ovnet.planner.net.Ipv4;
import java.util.ArrayList;
import java.util.List;

/**
 * With a {@code lab:} block, the hosts' addresses against the lab's segments: the segments written, or the /24
 * holding the first host's address. Every host is inside a segment, on neither its network nor its broadcast
 * address nor (with several segments) the router's first address; with host-gw all hosts share one segment.
 */
final class LabChecks {

    private LabChecks() {
    }

    static void check(PartialConfig draft, Problems problems) {
        List<Cidr> segments = new ArrayList<>(draft.lab.segments());
        if (segments.isEmpty()) {
            if (draft.hosts.isEmpty() || draft.hosts.get(0).address == null) {
                return;
            }
            Ipv4 first = draft.hosts.get(0).address.value();
            segments.add(new Cidr(new Ipv4(first.bits() & Cidr.mask(24)), 24));
        }
        boolean router = segments.size() > 1;
        HostDraft anchor = null;
        Cidr anchorSegment = null;
        for (HostDraft host : draft.hosts) {
            if (host.address == null) {
                continue;
            }
            Ipv4 address = host.address.value();
            String path = host.label() + ".address " + address;
            Cidr segment = CrossChecks.segmentOf(address, segments);
            String range = segment == null ? null : "write an address from " + segment.host(router ? 2 : 1) + " to "
                    + segment.last().plus(-1);
            if (segment == null) {
                problems.at(host.address.node(), path + " is not in " + (draft.lab.segments().isEmpty()
                        ? "the lab segment " + segments.get(0) + " (the /24 of the first host)"
                        : "any lab segment (" + String.join(", ", segments.stream().map(Cidr::toString).toList())
                                + ")"), "write an address inside " + (segments.size() == 1 ? "" : "one of ")
                        + String.join(", ", segments.stream().map(Cidr::toString).toList())
                        + ", or add its segment to lab.segments");
                continue;
            }
            if (address.equals(segment.network()) || address.equals(segment.last())) {
                problems.at(host.address.node(), path + " is the " + (address.equals(segment.network()) ? "network"
                        : "broadcast") + " address of lab segment " + segment, range);
                continue;
            }
            if (router && address.equals(segment.host(1))) {
                problems.at(host.address.node(), path + " is the lab router's address on segment " + segment,
                        range + " (the router takes the first address of each segment)");
                continue;
            }
            if (anchor == null) {
                anchor = host;
                anchorSegment = segment;
            } else if (draft.backend != null && draft.backend.type() == BackendType.HOST_GW
                    && !segment.equals(anchorSegment)) {
                problems.at(host.address.node(), path + " is on lab segment " + segment + ", but " + anchor.label()
                        + " is on " + anchorSegment + ": host-gw needs every host on one L2 segment",
                        "put all hosts in " + anchorSegment + ", or use backend type vxlan or udp");
            }
        }
    }
}
