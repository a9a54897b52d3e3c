package dev.ovnet.providers.state;

import static dev.ovnet.providers.state.StrictJson.parsed;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.annotation.Nulls;
import dev.ovnet.planner.model.Address;
import dev.ovnet.planner.model.FdbEntry;
import dev.ovnet.planner.model.FileObject;
import dev.ovnet.planner.model.Forwarder;
import dev.ovnet.planner.model.IptablesChain;
import dev.ovnet.planner.model.KernelObject;
import dev.ovnet.planner.model.Link;
import dev.ovnet.planner.model.Neighbour;
import dev.ovnet.planner.model.Route;
import dev.ovnet.planner.model.Sysctl;
import dev.ovnet.planner.model.WireguardKey;
import dev.ovnet.planner.model.WireguardPeer;
import dev.ovnet.planner.net.Cidr;
import dev.ovnet.planner.net.IpAddress;
import dev.ovnet.planner.net.IpNetwork;
import dev.ovnet.planner.net.Ipv4;
import dev.ovnet.planner.net.Mac;
import java.util.List;

/**
 * The JSON form of each kernel object: an object whose {@code "kind"} names the type (the same word as its
 * {@link dev.ovnet.planner.model.ObjectKey} kind) followed by the record's fields under their own names. Two
 * exceptions keep the form readable: a link's own kind (vxlan, tun) is written as {@code "type"}, as iproute2
 * says it, and a file's mode as an octal string ({@code "0644"}). Addresses, networks and MACs are strings, of
 * either family where the object exists in both (routes, neighbours, fdb entries, addresses, a vxlan link's local).
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "kind")
@JsonSubTypes({
    @JsonSubTypes.Type(value = KernelObjectJson.LinkJson.class, name = "link"),
    @JsonSubTypes.Type(value = KernelObjectJson.AddressJson.class, name = "address"),
    @JsonSubTypes.Type(value = KernelObjectJson.RouteJson.class, name = "route"),
    @JsonSubTypes.Type(value = KernelObjectJson.NeighbourJson.class, name = "neighbour"),
    @JsonSubTypes.Type(value = KernelObjectJson.FdbJson.class, name = "fdb"),
    @JsonSubTypes.Type(value = KernelObjectJson.SysctlJson.class, name = "sysctl"),
    @JsonSubTypes.Type(value = KernelObjectJson.IptablesJson.class, name = "iptables"),
    @JsonSubTypes.Type(value = KernelObjectJson.FileJson.class, name = "file"),
    @JsonSubTypes.Type(value = KernelObjectJson.ForwarderJson.class, name = "forwarder"),
    @JsonSubTypes.Type(value = KernelObjectJson.WireguardKeyJson.class, name = "wgkey"),
    @JsonSubTypes.Type(value = KernelObjectJson.WireguardPeerJson.class, name = "wgpeer")})
sealed interface KernelObjectJson extends StrictJson.Checked {

    KernelObject toModel();

    @Override
    default void check() {
    }

    static List<KernelObjectJson> of(List<KernelObject> objects) {
        return objects.stream().map(KernelObjectJson::of).toList();
    }

    static List<KernelObject> toModel(List<KernelObjectJson> objects) {
        return objects.stream().map(KernelObjectJson::toModel).toList();
    }

    static KernelObjectJson of(KernelObject object) {
        if (object instanceof Link o) {
            return new LinkJson(o.name(), o.kind(), o.vni(), o.local(), o.dev(), o.port(), o.mtu(), o.mac());
        } else if (object instanceof Address o) {
            return new AddressJson(o.dev(), o.cidr());
        } else if (object instanceof Route o) {
            return new RouteJson(o.dst(), o.via(), o.dev(), o.onlink());
        } else if (object instanceof Neighbour o) {
            return new NeighbourJson(o.ip(), o.mac(), o.dev());
        } else if (object instanceof FdbEntry o) {
            return new FdbJson(o.mac(), o.dev(), o.dst());
        } else if (object instanceof Sysctl o) {
            return new SysctlJson(o.name(), o.value());
        } else if (object instanceof IptablesChain o) {
            return new IptablesJson(o.table(), o.chain(), o.hook(), o.jumpRule(), o.rules(), o.ipv6() ? true : null);
        } else if (object instanceof FileObject o) {
            return new FileJson(o.path(), o.content(), String.format("%04o", o.mode()));
        } else if (object instanceof Forwarder o) {
            return new ForwarderJson(o.dev(), o.bind(), o.port(), o.pool(), o.subnet(), o.peerFile(), o.peers(),
                    o.build());
        } else if (object instanceof WireguardKey o) {
            return new WireguardKeyJson(o.path(), o.publicKey(), o.rotate());
        } else if (object instanceof WireguardPeer o) {
            return new WireguardPeerJson(o.dev(), o.publicKey(), o.endpoint(), o.port(), o.allowedIps(), o.psk(),
                    o.keepalive());
        }
        throw new IllegalArgumentException("no JSON form for " + object);
    }

    private static void device(String dev) {
        parsed("dev", dev, StateValues::device);
    }

    record LinkJson(String name, String type, @JsonSetter(nulls = Nulls.SET) Integer vni,
            @JsonSetter(nulls = Nulls.SET) IpAddress local, @JsonSetter(nulls = Nulls.SET) String dev,
            @JsonSetter(nulls = Nulls.SET) Integer port, int mtu, @JsonSetter(nulls = Nulls.SET) Mac mac)
            implements KernelObjectJson {

        @Override
        public void check() {
            parsed("name", name, StateValues::device);
            device(dev);
        }

        @Override
        public KernelObject toModel() {
            return new Link(name, type, vni, local, dev, port, mtu, mac);
        }
    }

    record AddressJson(String dev, IpNetwork cidr) implements KernelObjectJson {

        @Override
        public void check() {
            device(dev);
        }

        @Override
        public KernelObject toModel() {
            return new Address(dev, cidr);
        }
    }

    record RouteJson(IpNetwork dst, @JsonSetter(nulls = Nulls.SET) IpAddress via, String dev, boolean onlink)
            implements KernelObjectJson {

        @Override
        public void check() {
            device(dev);
        }

        @Override
        public KernelObject toModel() {
            return new Route(dst, via, dev, onlink);
        }
    }

    record NeighbourJson(IpAddress ip, Mac mac, String dev) implements KernelObjectJson {

        @Override
        public void check() {
            device(dev);
        }

        @Override
        public KernelObject toModel() {
            return new Neighbour(ip, mac, dev);
        }
    }

    record FdbJson(Mac mac, String dev, IpAddress dst) implements KernelObjectJson {

        @Override
        public void check() {
            device(dev);
        }

        @Override
        public KernelObject toModel() {
            return new FdbEntry(mac, dev, dst);
        }
    }

    record SysctlJson(String name, String value) implements KernelObjectJson {

        @Override
        public KernelObject toModel() {
            return new Sysctl(name, value);
        }
    }

    /** {@code ipv6} is written only for an ip6tables chain (as true), so IPv4 chains keep their form. */
    record IptablesJson(String table, String chain, String hook, String jumpRule, List<String> rules,
            @JsonInclude(JsonInclude.Include.NON_NULL) Boolean ipv6) implements KernelObjectJson {

        @Override
        public KernelObject toModel() {
            return new IptablesChain(table, chain, hook, jumpRule, rules, Boolean.TRUE.equals(ipv6));
        }
    }

    record FileJson(String path, String content, String mode) implements KernelObjectJson {

        @Override
        public void check() {
            parsed("path", path, StateValues::absolutePath);
            parsed("mode", mode, FileJson::octalMode);
        }

        @Override
        public KernelObject toModel() {
            return new FileObject(path, content, octalMode(mode));
        }

        private static int octalMode(String text) {
            if (!text.matches("0[0-7]{3,4}")) {
                throw new IllegalArgumentException("must be an octal file mode such as \"0644\", found \"" + text
                        + "\"");
            }
            return Integer.parseInt(text, 8);
        }
    }

    record ForwarderJson(String dev, Ipv4 bind, int port, Cidr pool, Cidr subnet, String peerFile, int peers,
            @JsonInclude(JsonInclude.Include.NON_NULL) String build)
            implements KernelObjectJson {

        @Override
        public void check() {
            device(dev);
            parsed("peerFile", peerFile, StateValues::absolutePath);
        }

        @Override
        public KernelObject toModel() {
            return new Forwarder(dev, bind, port, pool, subnet, peerFile, peers, build);
        }
    }

    /** Where a host's private key lies and its public key: never the private key itself. */
    record WireguardKeyJson(String path, @JsonSetter(nulls = Nulls.SET) String publicKey, boolean rotate)
            implements KernelObjectJson {

        @Override
        public void check() {
            parsed("path", path, StateValues::absolutePath);
            parsed("publicKey", publicKey, StateValues::wireguardKey);
        }

        @Override
        public KernelObject toModel() {
            return new WireguardKey(path, publicKey, rotate);
        }
    }

    /** A wireguard peer; {@code psk} says only whether a pre-shared key is set. */
    record WireguardPeerJson(String dev, @JsonSetter(nulls = Nulls.SET) String publicKey,
            @JsonSetter(nulls = Nulls.SET) IpAddress endpoint, int port,
            @JsonSetter(nulls = Nulls.SET) IpNetwork allowedIps,
            boolean psk, int keepalive) implements KernelObjectJson {

        @Override
        public void check() {
            device(dev);
            parsed("publicKey", publicKey, StateValues::wireguardKey);
        }

        @Override
        public KernelObject toModel() {
            return new WireguardPeer(dev, publicKey, endpoint, port, allowedIps, psk, keepalive);
        }
    }
}
