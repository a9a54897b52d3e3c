package dev.ovnet.planner.config;

import dev.ovnet.planner.config.PartialConfig.HostDraft;
import dev.ovnet.planner.net.Cidr;
import dev.ovnet.planner.net.Ipv4;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Checks between hosts and between the blocks, each reported at the later of the two entries involved: names,
 * addresses, pinned subnets, namespaces and (for hosts on this machine) roots are unique; at most one host is
 * this machine; the pool holds a subnet for every host; with a lab block, every host is on a lab segment, and
 * for host-gw all hosts are on one (host-gw routes to peers directly, so they must share an L2 segment).
 */
final class CrossChecks {

    private CrossChecks() {
    }

    static void check(PartialConfig draft, Problems problems) {
        // two local hosts, or two hosts of one name, also share their default netns and root: report the cause only
        Set<HostDraft> derived = new HashSet<>();
        oneLocal(draft, derived, problems);
        unique(draft, h -> h.name, "name", "is already the name of", "give every host its own name", Set.of(),
                derived, problems);
        unique(draft, h -> h.address, "address", "is also the address of",
                "every host needs its own underlay address", Set.of(), new HashSet<>(), problems);
        unique(draft, h -> h.subnet, "subnet", "is already pinned to",
                "pin another subnet, or remove the key to let ovnet choose", Set.of(), new HashSet<>(), problems);
        unique(draft, h -> h.connection == Connection.NETNS || h.connection == Connection.AGENT ? h.netns : null, "netns", "is also the namespace of",
                "give every netns host its own namespace", derived, derived, problems);
        unique(draft, h -> h.connection == Connection.NETNS || h.connection == Connection.LOCAL ? h.root : null,
                "root", "is also the root of",
                "hosts on this machine need roots of their own, or their files overwrite each other", derived, derived,
                problems);
        agentsNeedEtcd(draft, problems);
        poolSize(draft, problems);
        Ipv6Checks.check(draft, problems);
        Ipv6OnlyChecks.lab(draft, problems);
        if (draft.lab != null && draft.segmentsKnown && !draft.ipv6Only) {
            LabChecks.check(draft, problems);
        }
    }

    /**
     * Reports each host whose value (when known) another host earlier in the file already has, skipping the hosts
     * in {@code skip} and adding those reported to {@code reported}.
     */
    static <T> void unique(PartialConfig draft, Function<HostDraft, Located<T>> value, String key, String clash,
            String hint, Set<HostDraft> skip, Set<HostDraft> reported, Problems problems) {
        Map<T, HostDraft> seen = new HashMap<>();
        for (HostDraft host : draft.hosts) {
            Located<T> located = value.apply(host);
            if (located == null || skip.contains(host)) {
                continue;
            }
            HostDraft first = seen.putIfAbsent(located.value(), host);
            if (first != null) {
                Node at = located.node() != null ? located.node() : host.node;
                String shown = located.value() instanceof String text ? Names.show(text) : located.value().toString();
                String label = key.equals("name") ? "hosts[" + host.index + "]" : host.label();
                problems.at(at, label + "." + key + " " + shown + " " + clash + " " + first.label() + " on line "
                        + first.line(), hint);
                reported.add(host);
            }
        }
    }

    /**
     * An agent reads the network from etcd and reports there: its network's state must be in etcd. A wireguard
     * pre-shared key is never stored, so an agent could not know it: agent hosts and pskFile do not go together.
     */
    private static void agentsNeedEtcd(PartialConfig draft, Problems problems) {
        if (draft.backend != null && draft.backend.wireguard() != null && draft.backend.wireguard().psk()) {
            draft.hosts.stream().filter(h -> h.connection == Connection.AGENT).findFirst().ifPresent(host ->
                    problems.at(host.connectionNode, host.label() + ".connection is agent, but backend.pskFile is"
                            + " set: ovnet never stores the pre-shared key, so an agent could not give it to its peers",
                            "remove pskFile (wireguard still encrypts with the hosts' own keys), or reach this host"
                                    + " with connection: ssh"));
        }
        if (StateConfig.ETCD.equals(draft.state.backend())) {
            return;
        }
        for (HostDraft host : draft.hosts) {
            if (host.connection == Connection.AGENT) {
                problems.at(host.connectionNode, host.label() + ".connection is agent, but state.backend is "
                        + draft.state.backend() + ": an agent reads the network from etcd and reports there",
                        "keep the state in etcd (state: {backend: etcd, endpoints: [http://10.0.0.1:2379]}), or reach"
                                + " this host with connection: ssh");
            }
        }
    }

    private static void oneLocal(PartialConfig draft, Set<HostDraft> reported, Problems problems) {
        HostDraft local = null;
        for (HostDraft host : draft.hosts) {
            if (host.connection != Connection.LOCAL) {
                continue;
            }
            if (local == null) {
                local = host;
            } else {
                problems.at(host.connectionNode, host.label() + ".connection is local, but " + local.label()
                        + " on line " + local.line() + " is already this machine",
                        "only one host can be this machine; reach the others with ssh or netns");
                reported.add(host);
            }
        }
    }

    private static void poolSize(PartialConfig draft, Problems problems) {
        if (draft.tooSmallPool != null) {
            Cidr small = draft.tooSmallPool.value();
            problems.at(draft.tooSmallPool.node(), "network.pool " + small + " is too small: the smallest pool is a"
                    + " /28", SubnetRules.tooSmallHint(small, Math.max(1, draft.hosts.size())));
            return;
        }
        if (!draft.rangeKnown() || draft.pool == null) {
            return;
        }
        long size = 1L << (32 - draft.length);
        long count = (draft.max.unsigned() - draft.min.unsigned()) / size + 1;
        if (count >= draft.hosts.size()) {
            return;
        }
        Cidr pool = draft.pool.value();
        int bits = 64 - Long.numberOfLeadingZeros(draft.hosts.size()); // 2^bits - 1 subnets hold every host
        List<String> ways = new ArrayList<>();
        if (draft.minGiven || draft.maxGiven) {
            ways.add("a wider range from subnetMin to subnetMax");
        }
        long wholePool = SubnetRules.leases(pool.prefix(), draft.length);
        if (wholePool < draft.hosts.size()) {
            if (draft.length - bits >= 0) {
                int prefix = draft.length - bits;
                ways.add("a larger pool such as " + SubnetRules.widened(pool, prefix) + (draft.lengthGiven ? "" : " with subnetLength: " + draft.length));
            }
            if (pool.prefix() + bits <= SubnetRules.LONGEST) {
                ways.add("subnetLength: " + (pool.prefix() + bits));
            }
        }
        if (ways.isEmpty()) {
            ways.add("fewer hosts");
        }
        problems.at(draft.pool.node(), "network.pool " + pool + " has room for " + count + " subnet"
                + (count == 1 ? "" : "s") + " of /" + draft.length + " (" + draft.min + " to " + draft.max
                + "), but there are " + draft.hosts.size() + " hosts", "use " + String.join(", or ", ways));
    }

    /** The segment among {@code segments} that holds the address, or null. */
    static Cidr segmentOf(Ipv4 address, List<Cidr> segments) {
        for (Cidr segment : segments) {
            if (segment.contains(address)) {
                return segment;
            }
        }
        return null;
    }
}
