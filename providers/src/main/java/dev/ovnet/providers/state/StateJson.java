package dev.ovnet.providers.state;

import static dev.ovnet.providers.state.StrictJson.parsed;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import dev.ovnet.planner.config.Backend;
import dev.ovnet.planner.config.BackendType;
import dev.ovnet.planner.config.WireguardSettings;
import dev.ovnet.planner.config.Connection;
import dev.ovnet.planner.config.ContainerRuntime;
import dev.ovnet.planner.desired.HostFacts;
import dev.ovnet.planner.desired.WireguardFacts;
import dev.ovnet.planner.desired.NetworkSpec;
import dev.ovnet.planner.desired.OwnedObjects;
import dev.ovnet.planner.model.KernelObject;
import dev.ovnet.planner.net.Cidr;
import dev.ovnet.planner.net.Cidr6;
import dev.ovnet.planner.net.Ipv4;
import dev.ovnet.planner.net.Ipv6;
import dev.ovnet.planner.net.Mac;
import dev.ovnet.planner.state.HostState;
import dev.ovnet.planner.state.HostStatus;
import dev.ovnet.planner.state.State;
import java.util.Collections;
import java.util.List;

/**
 * The JSON form of {@link State}: records that mirror the file field by field and in a fixed order, so the file is
 * stable across versions of ovnet and diffs well (docs/state.md), bound by {@link StrictJson}. Enums are written as
 * their user-facing words ({@code "host-gw"}, {@code "rolled back"}). Each record checks its values in its
 * constructor by the rules a state must meet ({@link StateValues}), so nothing that ovnet would refuse to act on
 * reads. The IPv6 fields of a dual-stack network and its hosts are left out when null, so an IPv4-only state is written
 * exactly as before and a state written before they existed still reads.
 */
record StateJson(int version, long serial, String lineage, @JsonSetter(nulls = Nulls.SET) NetworkJson network,
        List<HostJson> hosts) implements StrictJson.Checked {

    /** What an unknown field is not part of. */
    static final String FORMAT = "state format version 1";

    @Override
    public void check() {
        if (serial < 0) {
            throw new StrictJson.Refusal("serial", "must not be negative, found " + serial);
        }
        parsed("lineage", lineage, StateValues::lineage);
    }

    static StateJson of(State state) {
        return new StateJson(state.version(), state.serial(), state.lineage(),
                state.network() == null ? null : NetworkJson.of(state.network()),
                state.hosts().stream().map(HostJson::of).toList());
    }

    State toState() {
        return new State(version, serial, lineage, network == null ? null : network.toSpec(),
                hosts.stream().map(HostJson::toHost).toList());
    }

    record NetworkJson(String name, @JsonInclude(JsonInclude.Include.NON_NULL) Cidr pool, int subnetLength, BackendJson backend,
            @JsonSetter(nulls = Nulls.SET) Integer mtu, boolean ipMasq, String runtime,
            @JsonInclude(JsonInclude.Include.NON_NULL) Cidr6 pool6,
            @JsonInclude(JsonInclude.Include.NON_NULL) Integer subnetLength6)
            implements StrictJson.Checked {

        @Override
        public void check() {
            parsed("name", name, StateValues::networkName);
            parsed("runtime", runtime, StateJson::runtimeOf);
            if (pool == null && pool6 == null) {
                throw new StrictJson.Refusal("pool", "is missing: a network records pool, pool6 or both");
            }
            if ((pool6 == null) != (subnetLength6 == null)) {
                throw new StrictJson.Refusal(pool6 == null ? "pool6" : "subnetLength6",
                        "is missing: a dual-stack network records both pool6 and subnetLength6");
            }
            if (subnetLength6 != null && (subnetLength6 < pool6.prefix() || subnetLength6 > 128)) {
                throw new StrictJson.Refusal("subnetLength6", "must be from " + pool6.prefix() + " to 128, found "
                        + subnetLength6);
            }
        }

        static NetworkJson of(NetworkSpec n) {
            Backend b = n.backend();
            return new NetworkJson(n.name(), n.pool(), n.subnetLength(),
                    new BackendJson(b.type().word(), b.vni(), b.port(), b.directRouting(),
                            b.wireguard() == null ? null : WireguardJson.of(b.wireguard())), n.mtu(), n.ipMasq(),
                    n.runtime().word(), n.pool6(), n.subnetLength6());
        }

        NetworkSpec toSpec() {
            Backend b = new Backend(backendType(backend.type), backend.vni, backend.port, backend.directRouting,
                    backend.wireguard == null ? null : backend.wireguard.toSettings());
            return new NetworkSpec(name, pool, subnetLength, b, mtu, ipMasq, runtimeOf(runtime), pool6, subnetLength6);
        }
    }

    record BackendJson(String type, int vni, int port, boolean directRouting,
            @JsonInclude(JsonInclude.Include.NON_NULL) WireguardJson wireguard) implements StrictJson.Checked {

        @Override
        public void check() {
            BackendType kind = parsed("type", type, StateJson::backendType);
            if ((kind == BackendType.WIREGUARD) != (wireguard != null)) {
                throw new StrictJson.Refusal("wireguard", kind == BackendType.WIREGUARD
                        ? "a wireguard backend needs its settings (port6, persistentKeepalive, pskFile)"
                        : "only a wireguard backend has wireguard settings");
            }
        }
    }

    /** The wireguard backend's settings: where the pre-shared key is read, never the key. */
    record WireguardJson(int port6, int persistentKeepalive, @JsonSetter(nulls = Nulls.SET) String pskFile)
            implements StrictJson.Checked {

        @Override
        public void check() {
            if (port6 < 1 || port6 > 65_535 || persistentKeepalive < 0 || persistentKeepalive > 65_535) {
                throw new StrictJson.Refusal("port6", "port6 must be a port (1-65535) and persistentKeepalive"
                        + " 0-65535, found " + port6 + " and " + persistentKeepalive);
            }
        }

        static WireguardJson of(WireguardSettings w) {
            return new WireguardJson(w.port6(), w.persistentKeepalive(), w.pskFile());
        }

        WireguardSettings toSettings() {
            return new WireguardSettings(port6, persistentKeepalive, pskFile);
        }
    }

    record HostJson(String name, @JsonInclude(JsonInclude.Include.NON_NULL) Ipv4 address, String connection,
            @JsonSetter(nulls = Nulls.SET) String netns, @JsonSetter(nulls = Nulls.SET) String root,
            @JsonInclude(JsonInclude.Include.NON_NULL) Cidr lease, @JsonSetter(nulls = Nulls.SET) Mac mac,
            @JsonSetter(nulls = Nulls.SET) FactsJson facts, String status, long appliedSerial,
            @JsonSetter(nulls = Nulls.SET) String appliedAt,
            @JsonSetter(nulls = Nulls.SET) List<KernelObjectJson> objects,
            @JsonInclude(JsonInclude.Include.NON_NULL) Ipv6 address6,
            @JsonInclude(JsonInclude.Include.NON_NULL) Cidr6 lease6,
            @JsonInclude(JsonInclude.Include.NON_NULL) Mac mac6) implements StrictJson.Checked {

        @Override
        public void check() {
            parsed("name", name, StateValues::hostName);
            parsed("connection", connection, StateJson::connectionOf);
            parsed("netns", netns, StateValues::hostName);
            parsed("root", root, StateValues::absolutePath);
            parsed("status", status, HostStatus::fromWord);
            if (lease == null && lease6 == null) {
                throw new StrictJson.Refusal("lease", "is missing: a host records lease, lease6 or both");
            }
            if ((address == null) != (lease == null)) {
                throw new StrictJson.Refusal(address == null ? "address" : "lease",
                        "is missing: a host with an IPv4 lease records both address and lease");
            }
            if ((address6 == null) != (lease6 == null)) {
                throw new StrictJson.Refusal(address6 == null ? "address6" : "lease6",
                        "is missing: a dual-stack host records both address6 and lease6");
            }
            if (appliedSerial < 0) {
                throw new StrictJson.Refusal("appliedSerial", "must not be negative, found " + appliedSerial);
            }
            if (objects != null) {
                // destroy and replace act on these: each must be one ovnet could have made under this host's root
                OwnedObjects.firstForeign(name, KernelObjectJson.toModel(objects), Collections.singletonList(root))
                        .ifPresent(f -> {
                            throw new StrictJson.Refusal("objects[" + f.index() + "]", f.message());
                        });
            }
        }

        static HostJson of(HostState h) {
            return new HostJson(h.name(), h.address(), h.connection().word(), h.netns(), h.root(), h.lease(),
                    h.mac(), FactsJson.of(h.facts()), h.status().word(), h.appliedSerial(), h.appliedAt(),
                    h.objects() == null ? null : KernelObjectJson.of(h.objects()), h.address6(), h.lease6(), h.mac6());
        }

        HostState toHost() {
            return new HostState(name, address, connectionOf(connection), netns, root, lease, mac,
                    facts == null ? null : facts.toFacts(), HostStatus.fromWord(status), appliedSerial, appliedAt,
                    objects == null ? null : KernelObjectJson.toModel(objects), address6, lease6, mac6);
        }
    }

    /** A host's facts, as the state and a saved plan's readings hold them. */
    record FactsJson(@JsonSetter(nulls = Nulls.SET) String iface, int mtu, @JsonSetter(nulls = Nulls.SET) Cidr segment,
            boolean randomFully, boolean assumed,
            @JsonInclude(JsonInclude.Include.NON_NULL) String forwarderBuild,
            @JsonInclude(JsonInclude.Include.NON_NULL) Cidr6 segment6,
            @JsonInclude(JsonInclude.Include.NON_NULL) WireguardFactsJson wireguard)
            implements StrictJson.Checked {

        @Override
        public void check() {
            parsed("iface", iface, StateValues::device);
        }

        static FactsJson of(HostFacts f) {
            return f == null ? null
                    : new FactsJson(f.iface(), f.mtu(), f.segment(), f.randomFully(), f.assumed(), f.forwarderBuild(),
                            f.segment6(), WireguardFactsJson.of(f.wireguard()));
        }

        HostFacts toFacts() {
            return new HostFacts(iface, mtu, segment, randomFully, assumed, forwarderBuild, segment6,
                    wireguard == null ? null : wireguard.toFacts());
        }
    }

    /** What a host offers wireguard and its public key (the private key never leaves the host). */
    record WireguardFactsJson(boolean tools, boolean module, boolean userspace,
            @JsonSetter(nulls = Nulls.SET) String publicKey) implements StrictJson.Checked {

        @Override
        public void check() {
            parsed("publicKey", publicKey, StateValues::wireguardKey);
        }

        static WireguardFactsJson of(WireguardFacts f) {
            return f == null ? null : new WireguardFactsJson(f.tools(), f.module(), f.userspace(), f.publicKey());
        }

        WireguardFacts toFacts() {
            return new WireguardFacts(tools, module, userspace, publicKey);
        }
    }

    private static BackendType backendType(String word) {
        return BackendType.fromWord(word).filter(t -> t.word().equals(word)).orElseThrow(
                () -> new IllegalArgumentException("\"" + word + "\" is not one of vxlan, host-gw, udp, wireguard"));
    }

    private static ContainerRuntime runtimeOf(String word) {
        for (ContainerRuntime runtime : ContainerRuntime.values()) {
            if (runtime.word().equals(word)) {
                return runtime;
            }
        }
        throw new IllegalArgumentException("\"" + word + "\" is not one of docker, cni, none");
    }

    private static Connection connectionOf(String word) {
        for (Connection connection : Connection.values()) {
            if (connection.word().equals(word)) {
                return connection;
            }
        }
        throw new IllegalArgumentException("\"" + word + "\" is not one of ssh, local, netns");
    }
}
