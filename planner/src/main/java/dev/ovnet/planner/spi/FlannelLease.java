package dev.ovnet.planner.spi;

import dev.ovnet.planner.net.Cidr;
import dev.ovnet.planner.net.Ipv4;

/**
 * A lease as flanneld (or another flannel tool) wrote it beside the state: the subnet, the host's PublicIP (how
 * flannel tells hosts apart) and, when given, the backend type and VTEP MAC. {@code ovnet import} adopts these.
 */
public record FlannelLease(Cidr subnet, Ipv4 publicIp, String backendType, String vtepMac) {
}
