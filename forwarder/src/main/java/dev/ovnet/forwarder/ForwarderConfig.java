package dev.ovnet.forwarder;

import dev.ovnet.planner.net.Cidr;
import dev.ovnet.planner.net.Ipv4;
import java.nio.file.Path;

/**
 * The settings of one {@code ovnet forward} process, as its command line gives them.
 *
 * @param peers the peer-table file that apply writes and the forwarder reloads
 * @param dev the TUN device, attached if it exists, created (and configured) otherwise
 * @param bind the local underlay address to receive on (0.0.0.0: all)
 * @param port the UDP port, flannel's 8285 by default; peers' ports come from the table
 * @param pool the whole overlay network
 * @param subnet this host's own lease
 * @param mtu the TUN MTU to set, or 0 to leave an existing device's (a created one gets 1472)
 * @param plain force plain mode (no offloads) even where the kernel has them
 * @param stats where to write the counters as JSON every two seconds, or null
 * @param pidFile where to write the process id, or null
 */
public record ForwarderConfig(Path peers, String dev, Ipv4 bind, int port, Cidr pool, Cidr subnet, int mtu,
        boolean plain, Path stats, Path pidFile) {

    public static final String DEFAULT_DEV = "flannel0";
    /** All local addresses. */
    public static final String DEFAULT_BIND = "0.0.0.0";
    public static final int DEFAULT_PORT = 8285;
    public static final int DEFAULT_MTU = 1472;
    public static final int TX_QUEUE_LENGTH = 5000;
    /** Plain mode: 4 MiB holds about 1,800 full-size datagrams; the kernel default (208 KiB) lost ~10 %. */
    public static final int SOCKET_BUFFER = 4 << 20;
    /** Offload mode: each queued GRO datagram is up to 64 KiB, so 4 MiB overflowed under 4 TCP streams. */
    public static final int OFFLOAD_SOCKET_BUFFER = 32 << 20;

    public ForwarderConfig {
        if (!pool.contains(subnet)) {
            throw new ForwarderException("the subnet " + subnet + " is not inside the pool " + pool,
                    "give --subnet the lease of this host, inside --pool");
        }
        if (port < 1 || port > 65535) {
            throw new ForwarderException("port " + port + " is out of range", "give --port between 1 and 65535");
        }
        if (mtu != 0 && (mtu < 576 || mtu > 65535)) {
            throw new ForwarderException("MTU " + mtu + " is out of range", "give --mtu between 576 and 65535");
        }
    }
}
