package dev.ovnet.planner.spi;

import dev.ovnet.planner.net.Cidr;
import dev.ovnet.planner.net.Ipv4;
import java.util.Set;

/**
 * What refresh reads on a host: the underlay facts for {@code address} (on {@code iface} when configured),
 * the overlay devices ovnet has or wants there and the neighbours and fdb entries on them, every route with
 * ovnet's protocol mark or on those devices, ovnet's iptables chains, the sysctl, the given files, and the
 * forwarder when {@code forwarderDevice} is set. {@code wireguardKey}, when set, is where the host's wireguard
 * private key lies: the host's wireguard tools and the public key of that file are read too (never the private
 * key), and the peers of a wireguard device among {@code devices}.
 */
public record ReadRequest(Ipv4 address, String iface, Set<String> devices, Set<String> files, Cidr pool,
        String forwarderDevice, String wireguardKey) {

    public ReadRequest {
        devices = Set.copyOf(devices);
        files = Set.copyOf(files);
    }

    public ReadRequest(Ipv4 address, String iface, Set<String> devices, Set<String> files, Cidr pool,
            String forwarderDevice) {
        this(address, iface, devices, files, pool, forwarderDevice, null);
    }
}
