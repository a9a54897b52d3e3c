package dev.ovnet.planner.model;

import dev.ovnet.planner.net.IpAddress;
import dev.ovnet.planner.net.IpNetwork;
import java.util.Optional;

/**
 * One peer of a host's wireguard device: the peer's public key (null while it is not known, before the peer's
 * first apply generates it), its endpoint {@code address:port}, the allowed IPs (the peer's subnet, which is
 * also what identifies the peer on this device), whether the pre-shared key is set, and the persistent keepalive
 * in seconds (0: off). The pre-shared key itself is never held here: only whether one is configured. On
 * {@code flannel-wg-v6} the endpoint is the peer's address6 and the allowed IPs its IPv6 subnet.
 */
public record WireguardPeer(String dev, String publicKey, IpAddress endpoint, int port, IpNetwork allowedIps,
        boolean psk,
        int keepalive) implements KernelObject {

    /** How a key that the apply is yet to generate is shown. */
    public static final String UNKNOWN_KEY = "(known after apply)";

    @Override
    public Phase phase() {
        return Phase.PEER;
    }

    @Override
    public ObjectKey key() {
        // a peer found without allowed IPs (set by hand) is known by its key
        return new ObjectKey(Phase.PEER, "wgpeer", dev + " " + (allowedIps != null ? allowedIps : publicKey));
    }

    @Override
    public String describe() {
        return "wgpeer " + (publicKey == null ? UNKNOWN_KEY : publicKey) + " dev " + dev + " endpoint "
                + endpointText() + " allowed-ips " + allowedIps + (psk ? " preshared-key (set)" : "")
                + (keepalive > 0 ? " persistent-keepalive " + keepalive : "");
    }

    /** The endpoint as wg writes it: {@code address:port}, an IPv6 address in brackets. */
    public String endpointText() {
        return endpoint == null ? "null:" + port : endpoint.withPort(port); // null: a peer set by hand without one
    }

    /** A new public key is a new peer: the old one is removed by its key, the new one added. */
    @Override
    public Optional<String> replaceReason(KernelObject before) {
        WireguardPeer old = (WireguardPeer) before;
        return publicKey == null || publicKey.equals(old.publicKey) ? Optional.empty()
                : Optional.of("public key changed");
    }
}
