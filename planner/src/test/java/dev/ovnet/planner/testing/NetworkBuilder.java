package dev.ovnet.planner.testing;

import dev.ovnet.planner.config.Backend;
import dev.ovnet.planner.config.BackendType;
import dev.ovnet.planner.config.ContainerRuntime;
import dev.ovnet.planner.config.HostConfig;
import dev.ovnet.planner.config.Ipv6Network;
import dev.ovnet.planner.config.LabConfig;
import dev.ovnet.planner.config.NetworkConfig;
import dev.ovnet.planner.config.SshConfig;
import dev.ovnet.planner.config.StateConfig;
import dev.ovnet.planner.config.WireguardSettings;
import dev.ovnet.planner.net.Cidr;
import dev.ovnet.planner.net.Cidr6;
import dev.ovnet.planner.net.Ipv4;
import dev.ovnet.planner.net.Ipv6;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.function.UnaryOperator;

/**
 * Builds a {@link NetworkConfig} the way the config parser would leave it (every default applied), with setters
 * for whatever a test needs to differ. Unset subnetLength, subnetMin and subnetMax follow flannel's default
 * rules for the pool at build time; an unset port follows the backend.
 */
public final class NetworkBuilder {

    private String file = "ovnet.yaml";
    private String name = "default";
    private Cidr pool = Fixtures.POOL;
    private Integer subnetLength;
    private Ipv4 subnetMin;
    private Ipv4 subnetMax;
    private BackendType type;
    private int vni = 1;
    private Integer port;
    private boolean directRouting;
    private WireguardSettings wireguard;
    private Integer mtu;
    private boolean ipMasq = true;
    private ContainerRuntime runtime = ContainerRuntime.DOCKER;
    private StateConfig state = StateConfig.defaults();
    private SshConfig ssh = SshConfig.DEFAULTS;
    private final List<HostConfig> hosts = new ArrayList<>();
    private LabConfig lab;
    private Ipv6Network ipv6;

    NetworkBuilder(BackendType type) {
        this.type = type;
    }

    NetworkBuilder(NetworkConfig c) {
        file = c.file();
        name = c.name();
        pool = c.pool();
        subnetLength = c.subnetLength();
        subnetMin = c.subnetMin();
        subnetMax = c.subnetMax();
        type = c.backend().type();
        vni = c.backend().vni();
        port = c.backend().port();
        directRouting = c.backend().directRouting();
        wireguard = c.backend().wireguard();
        mtu = c.mtu();
        ipMasq = c.ipMasq();
        runtime = c.runtime();
        state = c.state();
        ssh = c.ssh();
        hosts.addAll(c.hosts());
        lab = c.lab();
        ipv6 = c.ipv6();
    }

    public NetworkBuilder name(String value) {
        name = value;
        return this;
    }

    /** A new pool; subnetLength, subnetMin and subnetMax go back to flannel's defaults for it. */
    public NetworkBuilder pool(String cidr) {
        pool = Cidr.parse(cidr);
        subnetLength = null;
        subnetMin = null;
        subnetMax = null;
        return this;
    }

    public NetworkBuilder subnetLength(int value) {
        subnetLength = value;
        subnetMin = null;
        subnetMax = null;
        return this;
    }

    public NetworkBuilder subnetRange(String min, String max) {
        subnetMin = Ipv4.parse(min);
        subnetMax = Ipv4.parse(max);
        return this;
    }

    /** Another backend; the port goes back to that backend's default. */
    public NetworkBuilder backend(BackendType value) {
        type = value;
        port = null;
        return this;
    }

    public NetworkBuilder vni(int value) {
        vni = value;
        return this;
    }

    public NetworkBuilder port(int value) {
        port = value;
        return this;
    }

    /** The wireguard backend's other settings (only a wireguard network uses them). */
    public NetworkBuilder wireguard(WireguardSettings value) {
        wireguard = value;
        return this;
    }

    public NetworkBuilder directRouting(boolean value) {
        directRouting = value;
        return this;
    }

    /** The MTU containers get; null is auto. */
    public NetworkBuilder mtu(Integer value) {
        mtu = value;
        return this;
    }

    public NetworkBuilder ipMasq(boolean value) {
        ipMasq = value;
        return this;
    }

    public NetworkBuilder runtime(ContainerRuntime value) {
        runtime = value;
        return this;
    }

    public NetworkBuilder state(StateConfig value) {
        state = value;
        return this;
    }

    public NetworkBuilder lab(LabConfig value) {
        lab = value;
        return this;
    }

    /** Replaces the hosts with node-1..node-n at {@link Fixtures#hostAddress}. */
    public NetworkBuilder hosts(int n) {
        hosts.clear();
        for (int i = 1; i <= n; i++) {
            hosts.add(Fixtures.host("node-" + i, Fixtures.hostAddress(i, n).toString()));
        }
        return this;
    }

    public NetworkBuilder host(HostConfig host) {
        hosts.add(host);
        return this;
    }

    public NetworkBuilder hosts(List<HostConfig> list) {
        hosts.clear();
        hosts.addAll(list);
        return this;
    }

    /** Changes one host (which must exist), e.g. {@code change("node-2", h -> Fixtures.withIface(h, "ens33"))}. */
    public NetworkBuilder change(String host, UnaryOperator<HostConfig> edit) {
        int i = indexOf(host);
        hosts.set(i, edit.apply(hosts.get(i)));
        return this;
    }

    /** Changes every host, e.g. {@code every(h -> Fixtures.inNetns(h, "tst-" + h.name()))}. */
    public NetworkBuilder every(UnaryOperator<HostConfig> edit) {
        hosts.replaceAll(edit);
        return this;
    }

    public NetworkBuilder pin(String host, String subnet) {
        return change(host, h -> Fixtures.withSubnet(h, Cidr.parse(subnet)));
    }

    /**
     * Makes the network dual-stack with flannel's IPv6 defaults (subnetLength6 64 for a /62 or larger pool6, else the
     * prefix + 2; the second to the last subnet), and gives every host without one the address6 fd00::&lt;its IPv4
     * address's last two bytes&gt;. Call after the hosts are set.
     */
    public NetworkBuilder dualStack(String pool6) {
        Cidr6 pool = Cidr6.parse(pool6);
        int len = pool.prefix() <= 62 ? 64 : pool.prefix() + 2;
        BigInteger count = BigInteger.ONE.shiftLeft(len - pool.prefix());
        ipv6 = new Ipv6Network(pool, len, pool.subnet(BigInteger.ONE, len).network(),
                pool.subnet(count.subtract(BigInteger.ONE), len).network());
        hosts.replaceAll(h -> h.address6() != null ? h : Fixtures.withIpv6(h,
                new Ipv6(0xfd00L << 48, h.address().bits() & 0xffff_ffffL), null));
        return this;
    }

    /** An IPv6-only network: pool6 as {@link #dualStack}, then no pool and no host address or IPv4 pin. */
    public NetworkBuilder ipv6Only(String pool6) {
        dualStack(pool6);
        pool = null;
        hosts.replaceAll(h -> Fixtures.withSubnet(Fixtures.withAddress(h, null), null));
        return this;
    }

    public NetworkBuilder pin6(String host, String subnet6) {
        return change(host, h -> Fixtures.withIpv6(h, h.address6(), Cidr6.parse(subnet6)));
    }

    public NetworkBuilder remove(String host) {
        hosts.remove(indexOf(host));
        return this;
    }

    public NetworkBuilder shuffle(Random random) {
        Collections.shuffle(hosts, random);
        return this;
    }

    public NetworkConfig build() {
        if (pool == null) {
            return new NetworkConfig(file, name, null, 0, null, null, backend(), mtu, ipMasq, runtime, state, ssh, hosts,
                    lab, ipv6);
        }
        int len = subnetLength != null ? subnetLength : defaultSubnetLength(pool);
        long step = 1L << (32 - len);
        Ipv4 min = subnetMin != null ? subnetMin : pool.network().plus(step);
        Ipv4 max = subnetMax != null ? subnetMax : pool.network().plus(pool.size() - step);
        return new NetworkConfig(file, name, pool, len, min, max, backend(), mtu, ipMasq, runtime, state, ssh, hosts,
                lab, ipv6);
    }

    private Backend backend() {
        int p = port != null ? port : type.defaultPort();
        WireguardSettings wg = type != BackendType.WIREGUARD ? null
                : wireguard != null ? wireguard : new WireguardSettings(WireguardSettings.DEFAULT_PORT6, 0, null);
        return new Backend(type, type == BackendType.VXLAN ? vni : 0, p, type == BackendType.VXLAN && directRouting,
                wg);
    }

    /** flannel's rule: 24 for a pool of /22 or shorter, else the pool's prefix + 2. */
    static int defaultSubnetLength(Cidr pool) {
        return pool.prefix() <= 22 ? 24 : pool.prefix() + 2;
    }

    private int indexOf(String host) {
        for (int i = 0; i < hosts.size(); i++) {
            if (hosts.get(i).name().equals(host)) {
                return i;
            }
        }
        throw new IllegalArgumentException("no host " + host);
    }
}
