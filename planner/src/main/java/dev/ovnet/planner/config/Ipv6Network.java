package dev.ovnet.planner.config;

import dev.ovnet.planner.net.Cidr6;
import dev.ovnet.planner.net.Ipv6;
import java.math.BigInteger;

/**
 * The IPv6 side of a dual-stack network (flannel's IPv6Network, IPv6SubnetLen, IPv6SubnetMin, IPv6SubnetMax), every
 * default applied: subnetLength6 is 64 for a pool6 of /62 or larger and the pool's prefix + 2 below that; subnetMin6
 * is the pool's second subnet and subnetMax6 its last, as for IPv4.
 */
public record Ipv6Network(Cidr6 pool, int subnetLength, Ipv6 subnetMin, Ipv6 subnetMax) {

    /** How many subnets lie between subnetMin6 and subnetMax6, both included. */
    public BigInteger capacity() {
        return subnetMax.toBigInteger().subtract(subnetMin.toBigInteger()).shiftRight(128 - subnetLength)
                .add(BigInteger.ONE);
    }
}
