package dev.ovnet.planner.desired;

import dev.ovnet.planner.net.Cidr;
import dev.ovnet.planner.net.Cidr6;
import dev.ovnet.planner.net.Ipv4;
import dev.ovnet.planner.net.Ipv6;
import dev.ovnet.planner.net.Mac;
import java.util.Objects;

/**
 * A peer as another host needs to know it: its lease, underlay address and VTEP MAC (null unless vxlan), on a
 * dual-stack network the same three for IPv6 (null otherwise), and its wireguard public key (null unless
 * wireguard, and while the peer has no key yet). A peer of an IPv6-only network has the IPv6 three only (its IPv4
 * ones are null).
 */
public record PeerEntry(String host, Cidr subnet, Ipv4 address, Mac mac, Cidr6 subnet6, Ipv6 address6, Mac mac6,
        String publicKey) {

    /** A peer of an IPv4-only network. */
    public PeerEntry(String host, Cidr subnet, Ipv4 address, Mac mac) {
        this(host, subnet, address, mac, null, null, null, null);
    }

    /** A peer of an IPv4 wireguard network. */
    public PeerEntry(String host, Cidr subnet, Ipv4 address, Mac mac, String publicKey) {
        this(host, subnet, address, mac, null, null, null, publicKey);
    }

    public static PeerEntry of(HostSpec spec) {
        return new PeerEntry(spec.name(), spec.lease(), spec.address(), spec.mac(), spec.lease6(), spec.address6(),
                spec.mac6(), spec.facts() == null ? null : spec.facts().wireguardKey());
    }

    @Override
    public boolean equals(Object o) {
        return o == this || o instanceof PeerEntry other && Objects.equals(subnet, other.subnet)
                && Objects.equals(address, other.address) && Objects.equals(mac, other.mac) && host.equals(other.host)
                && Objects.equals(subnet6, other.subnet6) && Objects.equals(address6, other.address6)
                && Objects.equals(mac6, other.mac6) && Objects.equals(publicKey, other.publicKey);
    }

    @Override
    public int hashCode() {
        return subnet != null ? subnet.hashCode() * 31 + address.hashCode()
                : Objects.hashCode(subnet6) * 31 + Objects.hashCode(address6);
    }
}
