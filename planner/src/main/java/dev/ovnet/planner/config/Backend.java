package dev.ovnet.planner.config;

/**
 * The backend block. {@code vni} and {@code directRouting} mean something only for vxlan; {@code port} is the
 * vxlan dstport, the udp forwarder port or the wireguard listen port (0 for host-gw); {@code wireguard} holds the
 * wireguard backend's other settings and is null for every other type.
 */
public record Backend(BackendType type, int vni, int port, boolean directRouting, WireguardSettings wireguard) {

    /** The wireguard backend's device for IPv4 pools (flannel's name). */
    public static final String WIREGUARD_DEVICE = "flannel-wg";

    /** The wireguard backend's device for IPv6 pools (flannel's name in its default {@code separate} mode). */
    public static final String WIREGUARD_DEVICE6 = "flannel-wg-v6";

    /** A wireguard backend without settings has flannel's defaults; any other backend has none. */
    public Backend {
        if (type != BackendType.WIREGUARD) {
            wireguard = null;
        } else if (wireguard == null) {
            wireguard = new WireguardSettings(WireguardSettings.DEFAULT_PORT6, 0, null);
        }
    }

    public Backend(BackendType type, int vni, int port, boolean directRouting) {
        this(type, vni, port, directRouting, null);
    }

    /** Name of the overlay device this backend creates, or null for host-gw. */
    public String deviceName() {
        return switch (type) {
            case VXLAN -> "flannel." + vni;
            case UDP -> "flannel0";
            case WIREGUARD -> WIREGUARD_DEVICE;
            case HOST_GW -> null;
        };
    }

    /**
     * Name of the IPv6 overlay device of a dual-stack network: {@code flannel-v6.<vni>} for vxlan,
     * {@code flannel-wg-v6} for wireguard, else null.
     */
    public String deviceName6() {
        return switch (type) {
            case VXLAN -> "flannel-v6." + vni;
            case WIREGUARD -> WIREGUARD_DEVICE6;
            case UDP, HOST_GW -> null;
        };
    }

    /**
     * Bytes of encapsulation per packet over an IPv6 underlay: vxlan's 50 plus the 20 by which an IPv6 header is
     * longer than an IPv4 one (flannel subtracts 50 here too, so its full-size IPv6 packets are lost).
     */
    public int overhead6() {
        return type == BackendType.VXLAN ? 70 : overhead();
    }

    /** Bytes of encapsulation per packet: what the overlay MTU loses to the underlay's. */
    public int overhead() {
        return switch (type) {
            case VXLAN -> 50;
            case UDP -> 28;
            // flannel's figure: IPv6 40 + UDP 8 + wireguard 32 bytes, so one MTU holds over either underlay
            case WIREGUARD -> 80;
            case HOST_GW -> 0;
        };
    }
}
