package dev.ovnet.providers.lab;

import dev.ovnet.planner.net.Cidr;
import dev.ovnet.planner.net.Cidr6;
import dev.ovnet.planner.net.Ipv4;
import dev.ovnet.planner.net.Ipv6;
import java.util.HashMap;
import java.util.Map;

/**
 * The part of flanneld's subnet.env a container runtime uses: FLANNEL_SUBNET (the bridge's address and prefix,
 * e.g. 10.100.50.1/24) and FLANNEL_MTU. The lab reads it exactly as docker's start script would, after apply. On a
 * dual-stack host also FLANNEL_IPV6_SUBNET, as the IPv6 gateway and subnet ({@code gateway6} and {@code subnet6},
 * null without it). An IPv6-only host's file has no FLANNEL_SUBNET: {@code gateway} and {@code subnet} are null.
 */
record SubnetEnv(Ipv4 gateway, Cidr subnet, int mtu, Ipv6 gateway6, Cidr6 subnet6) {

    SubnetEnv(Ipv4 gateway, Cidr subnet, int mtu) {
        this(gateway, subnet, mtu, null, null);
    }

    static SubnetEnv parse(String path, String text) {
        Map<String, String> values = new HashMap<>();
        for (String line : text.split("\n")) {
            int eq = line.indexOf('=');
            if (eq > 0 && !line.startsWith("#")) {
                values.put(line.substring(0, eq).trim(), line.substring(eq + 1).trim());
            }
        }
        String subnet = values.get("FLANNEL_SUBNET");
        String subnet6 = values.get("FLANNEL_IPV6_SUBNET");
        String mtu = values.get("FLANNEL_MTU");
        if (subnet == null && subnet6 == null || mtu == null) {
            throw new LabException(path + " has no FLANNEL_SUBNET (nor FLANNEL_IPV6_SUBNET) or no FLANNEL_MTU",
                    "run `ovnet apply -f FILE` again: it rewrites the file");
        }
        try {
            Ipv4 gateway = subnet == null ? null : Ipv4.parse(subnet.substring(0, subnet.indexOf('/')));
            Cidr cidr = subnet == null ? null : Cidr.parseLenient(subnet);
            if (subnet6 == null) {
                return new SubnetEnv(gateway, cidr, Integer.parseInt(mtu));
            }
            return new SubnetEnv(gateway, cidr, Integer.parseInt(mtu),
                    Ipv6.parse(subnet6.substring(0, subnet6.indexOf('/'))), Cidr6.parseLenient(subnet6));
        } catch (RuntimeException e) {
            throw new LabException(path + ": cannot read FLANNEL_SUBNET=" + subnet + " / FLANNEL_IPV6_SUBNET=" + subnet6
                    + " / FLANNEL_MTU=" + mtu,
                    "run `ovnet apply -f FILE` again: it rewrites the file");
        }
    }
}
