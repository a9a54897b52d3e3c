package dev.ovnet.planner.desired;

import dev.ovnet.planner.net.Cidr;
import dev.ovnet.planner.net.Ipv4;
import dev.ovnet.planner.net.Mac;
import java.util.Objects;

/**
 * A peer as another host needs to know it: its lease, underlay address, VTEP MAC (null unless vxlan) and
 * wireguard public key (null unless wireguard, and while the peer has no key yet).
 */
public record PeerEntry(String host, Cidr subnet, Ipv4 address, Mac mac, String publicKey) {

    public PeerEntry(String host, Cidr subnet, Ipv4 address, Mac mac) {
        this(host, subnet, address, mac, null);
    }

    public static PeerEntry of(HostSpec spec) {
        return new PeerEntry(spec.name(), spec.lease(), spec.address(), spec.mac(),
                spec.facts() == null ? null : spec.facts().wireguardKey());
    }

    @Override
    public boolean equals(Object o) {
        return o == this || o instanceof PeerEntry other && subnet.equals(other.subnet)
                && address.equals(other.address) && Objects.equals(mac, other.mac) && host.equals(other.host)
                && Objects.equals(publicKey, other.publicKey);
    }

    @Override
    public int hashCode() {
        return subnet.hashCode() * 31 + address.hashCode();
    }
}
