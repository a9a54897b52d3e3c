package dev.ovnet.planner.config;

import dev.ovnet.planner.net.Cidr;
import dev.ovnet.planner.net.Cidr6;
import dev.ovnet.planner.net.Ipv4;
import dev.ovnet.planner.net.Ipv6;
import java.util.ArrayList;
import java.util.List;
import org.yaml.snakeyaml.nodes.Node;

/**
 * What the readers have understood so far, defaults already in place. A field left null after its key was given
 * means "given but wrong, already reported": checks that depend on it are skipped, which is how one mistake
 * yields one problem. Built into a {@link NetworkConfig} only when no problem was found.
 */
final class PartialConfig {

    String name = "default";
    Located<Cidr> pool;
    /** True when pool is left out and pool6 given: the network carries IPv6 only, its hosts have no address. */
    boolean ipv6Only;
    /** The pool when it is smaller than flannel's smallest (a /28) and no subnetLength is given; else null. */
    Located<Cidr> tooSmallPool;
    /** subnetLength, subnetMin and subnetMax: all three set, or all null when any of them is unknown. */
    Integer length;
    Ipv4 min;
    Ipv4 max;
    /** True when subnetLength was written in the file (not the default). */
    boolean lengthGiven;
    /** True when subnetMin was written in the file (not the default). */
    boolean minGiven;
    /** True when subnetMax was written in the file (not the default). */
    boolean maxGiven;
    Backend backend = new Backend(BackendType.VXLAN, 1, BackendType.VXLAN.defaultPort(), false);
    Integer mtu;
    boolean ipMasq = true;
    ContainerRuntime runtime = ContainerRuntime.DOCKER;
    StateConfig state = StateConfig.defaults();
    SshConfig ssh = SshConfig.DEFAULTS;
    final List<HostDraft> hosts = new ArrayList<>();
    /** The lab block, or null without one; segments as written, each with its node. */
    LabConfig lab;
    /** The lab block's node, for problems about a key it lacks. */
    Node labNode;
    final List<Located<Cidr>> segments = new ArrayList<>();
    /** False when a segment was given but wrong: the hosts are then not checked against the segments. */
    boolean segmentsKnown = true;
    /** pool6 as written, or null without one (or after a problem: then {@link #pool6Given} tells). */
    Located<Cidr6> pool6;
    boolean pool6Given;
    /** subnetLength6, subnetMin6 and subnetMax6 with defaults: all set, or null when any of them is unknown. */
    Ipv6Network ipv6;
    final List<Located<Cidr6>> segments6 = new ArrayList<>();

    /** True when subnetLength, subnetMin and subnetMax are all known. */
    boolean rangeKnown() {
        return length != null && min != null && max != null;
    }

    NetworkConfig build(String file) {
        List<HostConfig> built = new ArrayList<>();
        for (HostDraft host : hosts) {
            built.add(host.build());
        }
        return new NetworkConfig(file, name, pool == null ? null : pool.value(), length == null ? 0 : length, min, max, backend, mtu, ipMasq, runtime, state,
                ssh, built, lab, ipv6);
    }

    /** One entry of hosts:, with the nodes the cross checks point at. */
    static final class HostDraft {
        final int index;
        final Node node;
        String label;
        Located<String> name;
        Located<Ipv4> address;
        String iface;
        Connection connection = Connection.SSH;
        /** Null for connection ssh or local; the node is null when the name is the default. */
        Located<String> netns;
        Located<String> root;
        Located<Cidr> subnet;
        SshConfig ssh;
        Node connectionNode;
        Located<Ipv6> address6;
        /** True when the entry has an address6 key, right or wrong. */
        boolean address6Given;
        Located<Cidr6> subnet6;

        HostDraft(int index, Node node, String label) {
            this.index = index;
            this.node = node;
            this.label = label;
        }

        int line() {
            return node.getStartMark().getLine() + 1;
        }

        /** The entry for messages about another host: "hosts[0] (node-1)". */
        String label() {
            return label;
        }

        HostConfig build() {
            return new HostConfig(name.value(), address == null ? null : address.value(), iface, connection,
                    netns == null ? null : netns.value(), root.value(), subnet == null ? null : subnet.value(), ssh,
                    line(), address6 == null ? null : address6.value(), subnet6 == null ? null : subnet6.value());
        }
    }
}
