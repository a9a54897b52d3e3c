package dev.ovnet.planner.spi;

import dev.ovnet.planner.net.Cidr;
import dev.ovnet.planner.net.Cidr6;
import dev.ovnet.planner.net.Ipv4;
import dev.ovnet.planner.net.Ipv6;
import java.util.Set;

/**
 * What refresh reads on a host: the underlay facts for {@code address} (on {@code iface} when configured),
 * the overlay devices ovnet has or wants there and the neighbours and fdb entries on them, every route with
 * ovnet's protocol mark or on those devices, ovnet's iptables chains, the sysctl, the given files, and the
 * forwarder when {@code forwarderDevice} is set. With {@code pool6} (a dual-stack network in the file or the state)
 * also the IPv6 side: ovnet's IPv6 routes and permanent neighbours, its ip6tables chains and IPv6 forwarding, and,
 * when {@code address6} is given, the IPv6 underlay facts for it. {@code wireguardKey}, when set, is where the host's
 * wireguard private key lies: the host's wireguard tools and the public key of that file are read too (never the
 * private key), and the peers of a wireguard device among {@code devices}.
 */
public record ReadRequest(Ipv4 address, String iface, Set<String> devices, Set<String> files, Cidr pool,
        String forwarderDevice, Cidr6 pool6, Ipv6 address6, String wireguardKey) {

    public ReadRequest {
        devices = Set.copyOf(devices);
        files = Set.copyOf(files);
    }

    /** A read of an IPv4-only network. */
    public ReadRequest(Ipv4 address, String iface, Set<String> devices, Set<String> files, Cidr pool,
            String forwarderDevice) {
        this(address, iface, devices, files, pool, forwarderDevice, null, null, null);
    }

    /** A read of a dual-stack network without wireguard. */
    public ReadRequest(Ipv4 address, String iface, Set<String> devices, Set<String> files, Cidr pool,
            String forwarderDevice, Cidr6 pool6, Ipv6 address6) {
        this(address, iface, devices, files, pool, forwarderDevice, pool6, address6, null);
    }

    public boolean ipv6() {
        return pool6 != null;
    }
}
