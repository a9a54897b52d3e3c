package dev.ovnet.planner.desired;

import dev.ovnet.planner.net.Cidr;

/**
 * The runtime files, byte for byte as flannel's tools write them (docs/flannel-compatibility.md):
 * flanneld's subnet.env, mk-docker-opts.sh's docker_opts.env (default flags: individual and combined
 * variables, {@code --ip-masq} inverted) and the CNI conflist that flannel's CNI plugin would delegate
 * (bridge cni0 + host-local, then portmap), at cniVersion 1.0.0 for Debian's plugins.
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

    public static String subnetEnv(Cidr pool, Cidr lease, int mtu, boolean ipMasq) {
        return "FLANNEL_NETWORK=" + pool + "\n"
                + "FLANNEL_SUBNET=" + flannelSubnet(lease) + "\n"
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
                + "        \"ranges\": [[{\"subnet\": \"" + lease + "\"}]],\n"
                + "        \"routes\": [{\"dst\": \"" + pool + "\", \"gw\": \"" + lease.host(1) + "\"}]\n"
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
