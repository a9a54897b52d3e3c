package dev.ovnet.planner.spi;

import dev.ovnet.planner.net.Cidr;
import dev.ovnet.planner.net.Cidr6;
import dev.ovnet.planner.net.Ipv4;
import dev.ovnet.planner.net.Ipv6;

/**
 * A lease as flanneld (or another flannel tool) wrote it beside the state: the subnet, the host's PublicIP (how
 * flannel tells hosts apart) and, when given, the backend type and VTEP MAC. A dual-stack lease also has its IPv6
 * subnet, PublicIPv6 and the IPv6 VTEP MAC (BackendV6Data), each null when absent. A lease of an IPv6-only network
 * (flannel's key {@code 0.0.0.0-0&<ipv6>-<len>}) has no IPv4 subnet, PublicIP and VTEP MAC (all null): its
 * PublicIPv6 is what tells its host apart. {@code ovnet import} adopts these.
 */
public record FlannelLease(Cidr subnet, Ipv4 publicIp, String backendType, String vtepMac, Cidr6 subnet6,
        Ipv6 publicIpv6, String vtepMac6) {

    public FlannelLease(Cidr subnet, Ipv4 publicIp, String backendType, String vtepMac) {
        this(subnet, publicIp, backendType, vtepMac, null, null, null);
    }

    /** A lease of an IPv6-only network: IPv6 subnet, PublicIPv6 and the VTEP MAC of BackendV6Data only. */
    public static FlannelLease ipv6Only(Cidr6 subnet6, Ipv6 publicIpv6, String backendType, String vtepMac6) {
        return new FlannelLease(null, null, backendType, null, subnet6, publicIpv6, vtepMac6);
    }
}
