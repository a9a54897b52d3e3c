package dev.ovnet.providers.state;

import dev.ovnet.planner.config.Backend;
import dev.ovnet.planner.desired.NetworkSpec;
import dev.ovnet.planner.net.Cidr;
import dev.ovnet.planner.net.Cidr6;
import dev.ovnet.planner.net.Ipv4;
import dev.ovnet.planner.net.Ipv6;
import dev.ovnet.planner.state.HostState;
import dev.ovnet.planner.state.State;
import java.math.BigInteger;
import java.util.Map;
import java.util.TreeMap;

/**
 * flannel's own etcd layout of a network (docs/flannel-compatibility.md), so flannel tools, and flanneld sharing the
 * prefix, see the allocation ovnet made: {@code <prefix>/config} holds the network config JSON and
 * {@code <prefix>/subnets/<a.b.c.d>-<len>} one lease each ({@code <a.b.c.d>-<len>&<ipv6>-<len>} for a dual-stack
 * host). The JSON strings are built by hand, in flannel's field
 * order and spelling, so they match what flanneld writes byte for byte.
 *
 * <p>ovnet's lease keys carry no etcd lease: ovnet is not a daemon that could renew flannel's 24 h TTL, so its
 * leases are permanent until released, like flannel's reservations.
 */
final class FlannelLayout {

    /** flannel's IPv4 address of an IPv6-only lease: its PublicIP and the IPv4 part of its key. */
    static final String NO_IPV4 = "0.0.0.0";

    private FlannelLayout() {
    }

    /** {@code 10.100.50.0/24} becomes {@code 10.100.50.0-24}, as flannel's MakeSubnetKey writes it. */
    static String subnetKey(Cidr lease) {
        return lease.network() + "-" + lease.prefix();
    }

    /**
     * A dual-stack host's key: the IPv4 part, {@code &}, then the IPv6 lease the same way
     * ({@code 10.100.50.0-24&fd10:100:0:32::-64}), as MakeSubnetKey writes it; an IPv4-only host's key as above.
     * An IPv6-only host (no IPv4 lease) still has flannel's empty IPv4 part: {@code 0.0.0.0-0&fd10:100:0:32::-64}.
     */
    static String subnetKey(Cidr lease, Cidr6 lease6) {
        String v4 = lease == null ? NO_IPV4 + "-0" : subnetKey(lease);
        return lease6 == null ? v4 : v4 + "&" + lease6.network() + "-" + lease6.prefix();
    }

    /**
     * flannel's network config: Network, SubnetLen, SubnetMin, SubnetMax and the Backend block with the options
     * flannel reads for that type (vxlan: VNI, Port and DirectRouting when set; udp: Port; host-gw: none).
     */
    static String configJson(NetworkSpec network, Ipv4 subnetMin, Ipv4 subnetMax) {
        return configJson(network, new SubnetBounds(subnetMin, subnetMax, null, null));
    }

    /**
     * The same with the file's bounds of both families (flannel's SubnetMin/Max and IPv6SubnetMin/Max); a null bound
     * is flannel's default: the pool's second subnet for the minimum, its last for the maximum.
     */
    static String configJson(NetworkSpec network, SubnetBounds bounds) {
        Backend backend = network.backend();
        StringBuilder json = new StringBuilder(160);
        if (network.pool() != null) {
            Ipv4 subnetMin = bounds.min() != null ? bounds.min() : defaultSubnetMin(network);
            Ipv4 subnetMax = bounds.max() != null ? bounds.max() : defaultSubnetMax(network);
            json.append("{\"Network\":\"").append(network.pool()).append("\",\"SubnetLen\":")
                    .append(network.subnetLength()).append(",\"SubnetMin\":\"").append(subnetMin)
                    .append("\",\"SubnetMax\":\"").append(subnetMax).append('"');
        } else {
            // an IPv6-only network: flannel's EnableIPv4 defaults to true, so it is turned off in words
            json.append("{\"EnableIPv4\":false");
        }
        if (network.pool6() != null) {
            Cidr6 pool6 = network.pool6();
            int len6 = network.subnetLength6();
            Ipv6 min6 = bounds.min6() != null ? bounds.min6() : pool6.subnet(BigInteger.ONE, len6).network();
            Ipv6 max6 = bounds.max6() != null ? bounds.max6()
                    : pool6.subnet(BigInteger.ONE.shiftLeft(len6 - pool6.prefix()).subtract(BigInteger.ONE), len6)
                            .network();
            json.append(",\"EnableIPv6\":true,\"IPv6Network\":\"").append(pool6).append("\",\"IPv6SubnetLen\":")
                    .append(len6).append(",\"IPv6SubnetMin\":\"").append(min6).append("\",\"IPv6SubnetMax\":\"")
                    .append(max6).append('"');
        }
        json.append(",\"Backend\":{\"Type\":\"")
                .append(backend.type().word()).append('"');
        switch (backend.type()) {
            case VXLAN -> {
                json.append(",\"VNI\":").append(backend.vni()).append(",\"Port\":").append(backend.port());
                if (backend.directRouting()) {
                    json.append(",\"DirectRouting\":true");
                }
            }
            case UDP -> json.append(",\"Port\":").append(backend.port());
            case WIREGUARD -> {
                // flannel's PSK is never written: the pre-shared key stays in the controller's file
                json.append(",\"ListenPort\":").append(backend.port()).append(",\"ListenPortV6\":")
                        .append(backend.wireguard().port6()).append(",\"PersistentKeepaliveInterval\":")
                        .append(backend.wireguard().persistentKeepalive());
            }
            case HOST_GW -> {
                // flannel's host-gw takes no options
            }
        }
        return json.append("}}").toString();
    }

    /** flannel's default SubnetMin: the second subnet of the pool (the first is never used). */
    static Ipv4 defaultSubnetMin(NetworkSpec network) {
        return network.pool().network().plus(1L << (32 - network.subnetLength()));
    }

    /** flannel's default SubnetMax: the last subnet of the pool. */
    static Ipv4 defaultSubnetMax(NetworkSpec network) {
        Cidr pool = network.pool();
        return pool.network().plus(pool.size() - (1L << (32 - network.subnetLength())));
    }

    /**
     * One lease's value, flannel's LeaseAttrs: PublicIP (0.0.0.0 on an IPv6-only host), PublicIPv6 (the host's
     * address6, null on an IPv4-only host), then BackendType, BackendData and BackendV6Data as flanneld writes them
     * for the backend: vxlan all three (VNI and the VTEP MAC of each device, the IPv6 one only on a dual-stack host),
     * wireguard BackendData (the host's public key, once known, and the listen port) and on a dual-stack host
     * BackendV6Data (the same key and port6), host-gw the type only, udp none.
     */
    static String leaseJson(Backend backend, HostState host) {
        StringBuilder json = new StringBuilder(128);
        json.append("{\"PublicIP\":\"").append(host.address() == null ? NO_IPV4 : host.address()).append("\",\"PublicIPv6\":")
                .append(host.address6() == null ? "null" : "\"" + host.address6() + "\"");
        switch (backend.type()) {
            case VXLAN -> {
                json.append(",\"BackendType\":\"vxlan\"");
                if (host.mac() != null) {
                    json.append(",\"BackendData\":{\"VNI\":").append(backend.vni()).append(",\"VtepMAC\":\"")
                            .append(host.mac()).append("\"}");
                }
                if (host.mac6() != null) {
                    json.append(",\"BackendV6Data\":{\"VNI\":").append(backend.vni()).append(",\"VtepMAC\":\"")
                            .append(host.mac6()).append("\"}");
                }
            }
            case HOST_GW -> json.append(",\"BackendType\":\"host-gw\"");
            case UDP -> {
                // flannel's udp backend writes no BackendType at all
            }
            case WIREGUARD -> {
                json.append(",\"BackendType\":\"wireguard\"");
                String key = host.facts() == null ? null : host.facts().wireguardKey();
                if (key != null) {
                    json.append(",\"BackendData\":{\"PublicKey\":\"").append(key).append("\",\"Port\":")
                            .append(backend.port()).append('}');
                }
                if (key != null && host.lease6() != null) {
                    // flannel-wg-v6 runs with the same key, on port6
                    json.append(",\"BackendV6Data\":{\"PublicKey\":\"").append(key).append("\",\"Port\":")
                            .append(backend.wireguard().port6()).append('}');
                }
            }
        }
        return json.append('}').toString();
    }

    /** Every lease of {@code state} as subnet key (relative to {@code <prefix>/subnets/}) to value. */
    static Map<String, String> leases(State state) {
        Map<String, String> leases = new TreeMap<>();
        if (state.network() == null) {
            return leases;
        }
        for (HostState host : state.hosts()) {
            leases.put(subnetKey(host.lease(), host.lease6()), leaseJson(state.network().backend(), host));
        }
        return leases;
    }
}
