package dev.ovnet.planner.spi;

import java.util.List;

/**
 * The leases flanneld keeps beside a state that shares flannel's layout. A separate capability of a store, not a
 * method every store must answer, because only a store flanneld also writes to has any: a local file has none.
 */
@FunctionalInterface
public interface FlannelLeases {

    /** Every lease that parses; entries flannel could not read either are skipped. */
    List<FlannelLease> read();
}
