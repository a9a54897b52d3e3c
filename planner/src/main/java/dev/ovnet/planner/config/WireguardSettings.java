package dev.ovnet.planner.config;

/**
 * The wireguard backend's settings besides its IPv4 listen port (which is {@link Backend#port()}):
 * {@code port6}, the listen port of the IPv6 device flannel-wg-v6 of a dual-stack network (flannel's ListenPortV6),
 * {@code persistentKeepalive} in seconds (0: off) and {@code pskFile}, the controller's file holding a pre-shared key
 * (null: none). The key itself is never part of the configuration: only where to read it.
 */
public record WireguardSettings(int port6, int persistentKeepalive, String pskFile) {

    /** flannel's default ListenPortV6. */
    public static final int DEFAULT_PORT6 = 51821;

    public boolean psk() {
        return pskFile != null;
    }
}
