package dev.ovnet.planner.model;

import dev.ovnet.planner.net.IpAddress;
import dev.ovnet.planner.net.Mac;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * An overlay device: kind {@code vxlan} (id, local, dev, dstport, nolearning, MAC), {@code tun} (flannel0), or
 * {@code wireguard} / {@code wireguard-go} (flannel-wg, or flannel-wg-v6 on a dual-stack network, with its listen
 * port in {@code port}, by the kernel module or in userspace). A vxlan device whose local address is IPv6 is the IPv6
 * one of a dual-stack network ({@code flannel-v6.<vni>}).
 * Fields that do not apply to the kind are null. MTU and up-state are changed in place; anything else means
 * the device is recreated, as flannel does for an incompatible vxlan device.
 */
public record Link(String name, String kind, Integer vni, IpAddress local, String dev, Integer port, int mtu, Mac mac)
        implements KernelObject {

    public static final String VXLAN = "vxlan";
    public static final String TUN = "tun";
    /** A wireguard device made by the kernel module. */
    public static final String WIREGUARD = "wireguard";
    /** A wireguard device provided in userspace by wireguard-go (the kernel sees a TUN device). */
    public static final String WIREGUARD_GO = "wireguard-go";

    public static Link vxlan(String name, int vni, IpAddress local, String dev, int port, int mtu, Mac mac) {
        return new Link(name, VXLAN, vni, local, dev, port, mtu, mac);
    }

    public static Link tun(String name, int mtu) {
        return new Link(name, TUN, null, null, null, null, mtu, null);
    }

    /** A wireguard device listening on {@code port}, by the kernel module or (userspace) by wireguard-go. */
    public static Link wireguard(String name, boolean userspace, int port, int mtu) {
        return new Link(name, userspace ? WIREGUARD_GO : WIREGUARD, null, null, null, port, mtu, null);
    }

    public boolean isWireguard() {
        return WIREGUARD.equals(kind) || WIREGUARD_GO.equals(kind);
    }

    @Override
    public Phase phase() {
        return Phase.LINK;
    }

    @Override
    public ObjectKey key() {
        return new ObjectKey(Phase.LINK, "link", name);
    }

    @Override
    public String describe() {
        if (VXLAN.equals(kind)) {
            return "link " + name + " type vxlan id " + vni + " local " + local + " dev " + dev + " dstport " + port
                    + " nolearning mtu " + mtu + " address " + mac;
        }
        if (isWireguard()) {
            return "link " + name + " type " + kind + " listen-port " + port + " mtu " + mtu;
        }
        return "link " + name + " type " + kind + " mtu " + mtu;
    }

    @Override
    public Optional<String> replaceReason(KernelObject before) {
        Link old = (Link) before;
        List<String> reasons = new ArrayList<>();
        if (!Objects.equals(kind, old.kind)) {
            reasons.add("type " + old.kind + " -> " + kind);
        }
        if (!Objects.equals(vni, old.vni)) {
            reasons.add("id " + old.vni + " -> " + vni);
        }
        if (!Objects.equals(local, old.local)) {
            reasons.add("local " + old.local + " -> " + local);
        }
        if (!Objects.equals(dev, old.dev)) {
            reasons.add("dev " + old.dev + " -> " + dev);
        }
        if (!Objects.equals(port, old.port)) {
            reasons.add((isWireguard() ? "listen-port " : "dstport ") + old.port + " -> " + port);
        }
        if (!Objects.equals(mac, old.mac)) {
            reasons.add("address " + old.mac + " -> " + mac);
        }
        return reasons.isEmpty() ? Optional.empty() : Optional.of(String.join(", ", reasons));
    }
}
