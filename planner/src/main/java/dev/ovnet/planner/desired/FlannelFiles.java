package dev.ovnet.planner.desired;

import dev.ovnet.planner.net.Cidr;
import dev.ovnet.planner.net.Cidr6;
import java.util.ArrayList;
import java.util.List;

/**
 * The runtime files, byte for byte as flannel's tools write them (docs/flannel-compatibility.md):
 * flanneld's subnet.env, mk-docker-opts.sh's docker_opts.env (default flags: individual and combined
 * variables, {@code --ip-masq} inverted) and the CNI conflist that flannel's CNI plugin would delegate
 * (bridge cni0 + host-local, then portmap), at cniVersion 1.0.0 for Debian's plugins. On a dual-stack host
 * subnet.env and the conflist carry IPv6 too; docker_opts.env stays as mk-docker-opts.sh writes it, which knows no
 * IPv6. An IPv6-only host has the IPv6 lines and range only, and no docker_opts.env (mk-docker-opts.sh has no
 * FLANNEL_SUBNET to turn into --bip there).
 */
public final class FlannelFiles {

    public static final String SUBNET_ENV = "run/flannel/subnet.env";
    public static final String DOCKER_OPTS = "run/docker_opts.env";
    public static final String CNI_CONFLIST = "etc/cni/net.d/10-ovnet.conflist";

    private FlannelFiles() {
    }

    /** FLANNEL_SUBNET is the lease's first address with the lease's prefix, e.g. 10.100.50.1/24. */
    public static String flannelSubnet(Cidr lease) {
        return lease.host(1) + "/" + lease.prefix();
    }

    /** FLANNEL_IPV6_SUBNET: the IPv6 lease's first address with its prefix, e.g. fd10:100:0:32::1/64. */
    public static String flannelSubnet6(Cidr6 lease6) {
        return lease6.host(1) + "/" + lease6.prefix();
    }

    public static String subnetEnv(Cidr pool, Cidr lease, int mtu, boolean ipMasq) {
        return subnetEnv(pool, lease, null, null, mtu, ipMasq);
    }

    /**
     * With a pool6 and an IPv6 lease (both null for IPv4 only), flanneld's two IPv6 lines after the IPv4 ones. An
     * IPv6-only host (pool and lease null) has only the IPv6 lines, as flanneld writes them with IPv4 turned off.
     */
    public static String subnetEnv(Cidr pool, Cidr lease, Cidr6 pool6, Cidr6 lease6, int mtu, boolean ipMasq) {
        return (lease == null ? "" : "FLANNEL_NETWORK=" + pool + "\n"
                + "FLANNEL_SUBNET=" + flannelSubnet(lease) + "\n")
                + (pool6 == null ? "" : "FLANNEL_IPV6_NETWORK=" + pool6 + "\n"
                        + "FLANNEL_IPV6_SUBNET=" + flannelSubnet6(lease6) + "\n")
                + "FLANNEL_MTU=" + mtu + "\n"
                + "FLANNEL_IPMASQ=" + ipMasq + "\n";
    }

    public static String dockerOpts(Cidr lease, int mtu, boolean ipMasq) {
        String bip = "--bip=" + flannelSubnet(lease);
        String masq = "--ip-masq=" + !ipMasq;
        String mtuOpt = "--mtu=" + mtu;
        return "DOCKER_OPT_BIP=\"" + bip + "\"\n"
                + "DOCKER_OPT_IPMASQ=\"" + masq + "\"\n"
                + "DOCKER_OPT_MTU=\"" + mtuOpt + "\"\n"
                + "DOCKER_OPTS=\" " + bip + " " + masq + " " + mtuOpt + "\"\n";
    }

    /**
     * The conflist. The pool route carries an explicit {@code gw} (the lease's .1) so the bridge plugin's CHECK
     * finds it (CHECK compares the routes it is given with the routes it finds); the kernel result is the same as
     * flannel's gateway-less route.
     */
    public static String cniConflist(String networkName, Cidr pool, Cidr lease, int mtu, boolean ipMasq) {
        return cniConflist(networkName, pool, lease, null, null, mtu, ipMasq);
    }

    /**
     * The conflist of a dual-stack host (pool6 and lease6 null for IPv4 only): host-local gets a second range, the
     * IPv6 lease, so every container gets an address of each family, and a second route, to pool6 through the
     * IPv6 lease's first address. An IPv6-only host (pool and lease null) gets the IPv6 range and route only.
     */
    public static String cniConflist(String networkName, Cidr pool, Cidr lease, Cidr6 pool6, Cidr6 lease6, int mtu,
            boolean ipMasq) {
        List<String> ranges = new ArrayList<>(2);
        List<String> routes = new ArrayList<>(2);
        if (lease != null) {
            ranges.add("[{\"subnet\": \"" + lease + "\"}]");
            routes.add("{\"dst\": \"" + pool + "\", \"gw\": \"" + lease.host(1) + "\"}");
        }
        if (lease6 != null) {
            ranges.add("[{\"subnet\": \"" + lease6 + "\"}]");
            routes.add("{\"dst\": \"" + pool6 + "\", \"gw\": \"" + lease6.host(1) + "\"}");
        }
        return "{\n"
                + "  \"cniVersion\": \"1.0.0\",\n"
                + "  \"name\": \"" + networkName + "\",\n"
                + "  \"plugins\": [\n"
                + "    {\n"
                + "      \"type\": \"bridge\",\n"
                + "      \"bridge\": \"cni0\",\n"
                + "      \"isGateway\": true,\n"
                + "      \"isDefaultGateway\": true,\n"
                + "      \"hairpinMode\": true,\n"
                + "      \"ipMasq\": " + !ipMasq + ",\n"
                + "      \"mtu\": " + mtu + ",\n"
                + "      \"ipam\": {\n"
                + "        \"type\": \"host-local\",\n"
                + "        \"ranges\": [" + String.join(", ", ranges) + "],\n"
                + "        \"routes\": [" + String.join(", ", routes) + "]\n"
                + "      }\n"
                + "    },\n"
                + "    {\n"
                + "      \"type\": \"portmap\",\n"
                + "      \"capabilities\": {\"portMappings\": true}\n"
                + "    }\n"
                + "  ]\n"
                + "}\n";
    }

    /** Joins a host root and a relative path: ("/", "run/x") is /run/x; ("/run/ovnet/netns/a", "run/x") too. */
    public static String under(String root, String relative) {
        return root.endsWith("/") ? root + relative : root + "/" + relative;
    }
}
