package dev.ovnet.planner.config;

/**
 * The backend block. {@code vni} and {@code directRouting} mean something only for vxlan; {@code port} is the
 * vxlan dstport or the udp forwarder port (0 for host-gw).
 */
public record Backend(BackendType type, int vni, int port, boolean directRouting) {

    /** Name of the overlay device this backend creates, or null for host-gw. */
    public String deviceName() {
        return switch (type) {
            case VXLAN -> "flannel." + vni;
            case UDP -> "flannel0";
            case HOST_GW -> null;
        };
    }

    /** Bytes of encapsulation per packet: what the overlay MTU loses to the underlay's. */
    public int overhead() {
        return switch (type) {
            case VXLAN -> 50;
            case UDP -> 28;
            case HOST_GW -> 0;
        };
    }
}
