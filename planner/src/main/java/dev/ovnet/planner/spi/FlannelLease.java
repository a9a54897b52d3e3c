package dev.ovnet.planner.spi;

import dev.ovnet.planner.net.Cidr;
import dev.ovnet.planner.net.Cidr6;
import dev.ovnet.planner.net.Ipv4;
import dev.ovnet.planner.net.Ipv6;

/**
 * A lease as flanneld (or another flannel tool) wrote it beside the state: the subnet, the host's PublicIP (how
 * flannel tells hosts apart) and, when given, the backend type and VTEP MAC. A dual-stack lease also has its IPv6
 * subnet, PublicIPv6 and the IPv6 VTEP MAC (BackendV6Data), each null when absent. {@code ovnet import} adopts these.
 */
public record FlannelLease(Cidr subnet, Ipv4 publicIp, String backendType, String vtepMac, Cidr6 subnet6,
        Ipv6 publicIpv6, String vtepMac6) {

    public FlannelLease(Cidr subnet, Ipv4 publicIp, String backendType, String vtepMac) {
        this(subnet, publicIp, backendType, vtepMac, null, null, null);
    }
}
