package dev.ovnet.providers.state;

import dev.ovnet.planner.config.Ipv6Network;
import dev.ovnet.planner.config.NetworkConfig;
import dev.ovnet.planner.net.Ipv4;
import dev.ovnet.planner.net.Ipv6;

/**
 * The subnet bounds written to flannel's network config in etcd (SubnetMin, SubnetMax, IPv6SubnetMin, IPv6SubnetMax),
 * so a flanneld sharing the prefix allocates inside the same range as the file. A null bound means flannel's default
 * (the pool's second subnet, its last subnet).
 */
public record SubnetBounds(Ipv4 min, Ipv4 max, Ipv6 min6, Ipv6 max6) {

    /** flannel's defaults for every bound. */
    public static final SubnetBounds DEFAULTS = new SubnetBounds(null, null, null, null);

    /** The bounds of a whole configuration, both families (the IPv6 ones only when pool6 is given). */
    public static SubnetBounds of(NetworkConfig config) {
        Ipv6Network v6 = config.ipv6();
        return new SubnetBounds(config.subnetMin(), config.subnetMax(), v6 == null ? null : v6.subnetMin(),
                v6 == null ? null : v6.subnetMax());
    }
}
