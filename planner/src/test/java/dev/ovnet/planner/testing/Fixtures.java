package dev.ovnet.planner.testing;

import dev.ovnet.planner.config.BackendType;
import dev.ovnet.planner.config.Connection;
import dev.ovnet.planner.config.HostConfig;
import dev.ovnet.planner.config.NetworkConfig;
import dev.ovnet.planner.config.SshConfig;
import dev.ovnet.planner.desired.HostFacts;
import dev.ovnet.planner.desired.HostSpec;
import dev.ovnet.planner.net.Cidr;
import dev.ovnet.planner.net.Cidr6;
import dev.ovnet.planner.net.Ipv4;
import dev.ovnet.planner.net.Ipv6;
import dev.ovnet.planner.net.Mac;
import dev.ovnet.planner.plan.Plan;
import dev.ovnet.planner.plan.Planner;
import dev.ovnet.planner.state.State;
import java.util.Map;

/**
 * Ready-made configurations, hosts and states for tests of every module, built as records directly (no YAML),
 * so a test says only what matters to it. {@link #network(BackendType, int)} is the everyday network;
 * {@link #builder(BackendType)} tweaks any field; {@link #specExample(BackendType)} is node-2 of the full example in
 * docs/configuration.md (flannel's seed lab: 172.16.112.0/24 on ens33).
 */
public final class Fixtures {

    /** The pool every fixture network uses unless told otherwise. */
    public static final Cidr POOL = Cidr.parse("10.100.0.0/16");
    /** The lineage fixture states carry. */
    public static final String LINEAGE = "3f1c2a9e-0000-4000-8000-00000000test";

    private Fixtures() {
    }

    /**
     * A valid network in 10.100.0.0/16 (subnets /24 from 10.100.1.0 to 10.100.255.0, flannel's defaults) with
     * hosts node-1..node-N at 192.0.2.(10+i), ssh, root "/", no iface, no pins; ipMasq on, runtime docker, MTU
     * auto, the backend's default port (and VNI 1 for vxlan). More than 245 hosts are numbered from
     * 198.18.0.10 (the benchmarking range) instead.
     */
    public static NetworkConfig network(BackendType type, int hosts) {
        return builder(type).hosts(hosts).build();
    }

    public static NetworkBuilder builder(BackendType type) {
        return new NetworkBuilder(type);
    }

    /** A builder holding every field of {@code config}, to change a few. */
    public static NetworkBuilder builder(NetworkConfig config) {
        return new NetworkBuilder(config);
    }

    /** The address fixture host {@code i} (1-based) of a network of {@code total} hosts gets. */
    public static Ipv4 hostAddress(int i, int total) {
        return total <= 245 ? Ipv4.parse("192.0.2.10").plus(i) : Ipv4.parse("198.18.0.10").plus(i);
    }

    /** An ssh host with defaults: root "/", ssh defaults, no iface, no pin. */
    public static HostConfig host(String name, String address) {
        return new HostConfig(name, Ipv4.parse(address), null, Connection.SSH, null, "/", null, SshConfig.DEFAULTS,
                0);
    }

    /** The same host with another field: small withers HostConfig does not have. */
    public static HostConfig withSubnet(HostConfig h, Cidr subnet) {
        return new HostConfig(h.name(), h.address(), h.iface(), h.connection(), h.netns(), h.root(), subnet, h.ssh(),
                h.line(), h.address6(), h.subnet6());
    }

    /** The same host with an underlay IPv6 address and (null for none) a pinned IPv6 subnet. */
    public static HostConfig withIpv6(HostConfig h, Ipv6 address6, Cidr6 subnet6) {
        return new HostConfig(h.name(), h.address(), h.iface(), h.connection(), h.netns(), h.root(), h.subnet(),
                h.ssh(), h.line(), address6, subnet6);
    }

    public static HostConfig withIface(HostConfig h, String iface) {
        return new HostConfig(h.name(), h.address(), iface, h.connection(), h.netns(), h.root(), h.subnet(), h.ssh(),
                h.line(), h.address6(), h.subnet6());
    }

    public static HostConfig withAddress(HostConfig h, Ipv4 address) {
        return new HostConfig(h.name(), address, h.iface(), h.connection(), h.netns(), h.root(), h.subnet(), h.ssh(),
                h.line(), h.address6(), h.subnet6());
    }

    /** As a netns host: namespace {@code netns}, files under /run/ovnet/netns/&lt;netns&gt; (the default). */
    public static HostConfig inNetns(HostConfig h, String netns) {
        return new HostConfig(h.name(), h.address(), h.iface(), Connection.NETNS, netns, "/run/ovnet/netns/" + netns,
                h.subnet(), h.ssh(), h.line(), h.address6(), h.subnet6());
    }

    /** Facts as refresh would read them: not assumed, --random-fully supported. */
    public static HostFacts facts(String iface, int mtu, String segment) {
        return new HostFacts(iface, mtu, segment == null ? null : Cidr.parse(segment), true, false);
    }

    /**
     * The full example network of docs/configuration.md with the seed lab's hosts: node-1 172.16.112.128
     * (10.100.1.0/24), node-2 172.16.112.133 pinned to 10.100.50.0/24, node-3 172.16.112.130 pinned to 10.100.83.0/24,
     * all on ens33; name "default", ipMasq on, runtime docker.
     */
    public static NetworkConfig specExample(BackendType type) {
        return builder(type)
                .host(withIface(host("node-1", "172.16.112.128"), "ens33"))
                .host(withSubnet(withIface(host("node-2", "172.16.112.133"), "ens33"), Cidr.parse("10.100.50.0/24")))
                .host(withSubnet(withIface(host("node-3", "172.16.112.130"), "ens33"), Cidr.parse("10.100.83.0/24")))
                .build();
    }

    /** node-2 of {@link #specExample}: lease 10.100.50.0/24, ens33 with MTU 1500 on 172.16.112.0/24. */
    public static HostSpec node2(BackendType type) {
        Cidr lease = Cidr.parse("10.100.50.0/24");
        Mac mac = type == BackendType.VXLAN ? Mac.forLease("default", 1, lease) : null;
        return new HostSpec("node-2", Ipv4.parse("172.16.112.133"), "/", lease, mac,
                facts("ens33", 1500, "172.16.112.0/24"));
    }

    /** Plans {@code config} against {@code state} without refresh. */
    public static Plan plan(NetworkConfig config, State state) {
        return Planner.plan(config, new Planner.Inputs(state, Map.of(), false, "test-hash"));
    }

    /** Plans {@code config} against a new, empty state. */
    public static Plan bootstrap(NetworkConfig config) {
        return plan(config, State.empty(LINEAGE));
    }

    /** The state a successful apply of {@code config} onto an empty state writes. */
    public static State applied(NetworkConfig config) {
        return bootstrap(config).next();
    }
}
