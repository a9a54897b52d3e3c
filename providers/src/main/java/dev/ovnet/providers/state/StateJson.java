package dev.ovnet.providers.state;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.ovnet.planner.config.Backend;
import dev.ovnet.planner.config.BackendType;
import dev.ovnet.planner.config.Connection;
import dev.ovnet.planner.config.ContainerRuntime;
import dev.ovnet.planner.desired.HostFacts;
import dev.ovnet.planner.desired.NetworkSpec;
import dev.ovnet.planner.desired.OwnedObjects;
import dev.ovnet.planner.model.KernelObject;
import dev.ovnet.planner.state.HostState;
import dev.ovnet.planner.state.HostStatus;
import dev.ovnet.planner.state.State;
import java.io.IOException;
import java.util.Collections;
import java.util.List;

/**
 * The mapping between {@link State} and its JSON form, field by field and in a fixed order, so the file is
 * stable across versions of ovnet and diffs well. Documented in docs/state.md. Enums are written as their
 * user-facing words ({@code "host-gw"}, {@code "rolled back"}).
 */
final class StateJson {

    private StateJson() {
    }

    static void write(JsonGenerator out, State state) throws IOException {
        out.writeStartObject();
        out.writeNumberField("version", state.version());
        out.writeNumberField("serial", state.serial());
        out.writeStringField("lineage", state.lineage());
        out.writeFieldName("network");
        if (state.network() == null) {
            out.writeNull();
        } else {
            writeNetwork(out, state.network());
        }
        out.writeArrayFieldStart("hosts");
        for (HostState host : state.hosts()) {
            writeHost(out, host);
        }
        out.writeEndArray();
        out.writeEndObject();
    }

    private static void writeNetwork(JsonGenerator out, NetworkSpec network) throws IOException {
        out.writeStartObject();
        out.writeStringField("name", network.name());
        out.writeStringField("pool", String.valueOf(network.pool()));
        out.writeNumberField("subnetLength", network.subnetLength());
        Backend backend = network.backend();
        out.writeObjectFieldStart("backend");
        out.writeStringField("type", backend.type().word());
        out.writeNumberField("vni", backend.vni());
        out.writeNumberField("port", backend.port());
        out.writeBooleanField("directRouting", backend.directRouting());
        out.writeEndObject();
        if (network.mtu() == null) {
            out.writeNullField("mtu");
        } else {
            out.writeNumberField("mtu", network.mtu());
        }
        out.writeBooleanField("ipMasq", network.ipMasq());
        out.writeStringField("runtime", network.runtime().word());
        out.writeEndObject();
    }

    private static void writeHost(JsonGenerator out, HostState host) throws IOException {
        out.writeStartObject();
        out.writeStringField("name", host.name());
        out.writeStringField("address", String.valueOf(host.address()));
        out.writeStringField("connection", host.connection().word());
        out.writeStringField("netns", host.netns());
        out.writeStringField("root", host.root());
        out.writeStringField("lease", String.valueOf(host.lease()));
        out.writeStringField("mac", host.mac() == null ? null : host.mac().toString());
        out.writeFieldName("facts");
        writeFacts(out, host.facts());
        out.writeStringField("status", host.status().word());
        out.writeNumberField("appliedSerial", host.appliedSerial());
        out.writeStringField("appliedAt", host.appliedAt());
        out.writeFieldName("objects");
        if (host.objects() == null) {
            out.writeNull();
        } else {
            out.writeStartArray();
            for (KernelObject object : host.objects()) {
                KernelObjectJson.write(out, object);
            }
            out.writeEndArray();
        }
        out.writeEndObject();
    }

    /** A host's facts as an object, or null. */
    static void writeFacts(JsonGenerator out, HostFacts facts) throws IOException {
        if (facts == null) {
            out.writeNull();
            return;
        }
        out.writeStartObject();
        out.writeStringField("iface", facts.iface());
        out.writeNumberField("mtu", facts.mtu());
        out.writeStringField("segment", facts.segment() == null ? null : facts.segment().toString());
        out.writeBooleanField("randomFully", facts.randomFully());
        out.writeBooleanField("assumed", facts.assumed());
        if (facts.forwarderBuild() != null) {
            out.writeStringField("forwarderBuild", facts.forwarderBuild());
        }
        out.writeEndObject();
    }

    /** The facts object {@code name} of {@code in}, or null when it is null and {@code nullable}. */
    static HostFacts readFacts(JsonObjectReader in, String name, boolean nullable) {
        JsonObjectReader f = in.object(name, nullable);
        if (f == null) {
            return null;
        }
        HostFacts facts = new HostFacts(f.parsed("iface", true, StateValues::device), f.intValue("mtu"),
                f.cidr("segment", true),
                f.bool("randomFully"), f.bool("assumed"), f.optionalString("forwarderBuild"));
        f.done();
        return facts;
    }

    static State read(JsonObjectReader in) {
        int version = in.intValue("version");
        long serial = in.longValue("serial");
        if (serial < 0) {
            throw new JsonObjectReader.BadJson("serial", "must not be negative, found " + serial);
        }
        String lineage = in.parsed("lineage", false, StateValues::lineage);
        JsonObjectReader network = in.object("network", true);
        NetworkSpec spec = network == null ? null : readNetwork(network);
        List<HostState> hosts = in.list("hosts", false, e -> readHost(e.object()));
        in.done();
        return new State(version, serial, lineage, spec, hosts);
    }

    private static NetworkSpec readNetwork(JsonObjectReader in) {
        String name = in.parsed("name", false, StateValues::networkName);
        var pool = in.cidr("pool", false);
        int subnetLength = in.intValue("subnetLength");
        JsonObjectReader b = in.object("backend", false);
        BackendType type = b.parsed("type", false, StateJson::backendType);
        Backend backend = new Backend(type, b.intValue("vni"), b.intValue("port"), b.bool("directRouting"));
        b.done();
        Integer mtu = in.nullableInt("mtu");
        boolean ipMasq = in.bool("ipMasq");
        ContainerRuntime runtime = in.parsed("runtime", false, StateJson::runtime);
        in.done();
        return new NetworkSpec(name, pool, subnetLength, backend, mtu, ipMasq, runtime);
    }

    private static HostState readHost(JsonObjectReader in) {
        String name = in.parsed("name", false, StateValues::hostName);
        var address = in.ipv4("address", false);
        Connection connection = in.parsed("connection", false, StateJson::connection);
        String netns = in.parsed("netns", true, StateValues::hostName);
        String root = in.parsed("root", true, StateValues::absolutePath);
        var lease = in.cidr("lease", false);
        var mac = in.mac("mac", true);
        HostFacts facts = readFacts(in, "facts", true);
        HostStatus status = in.parsed("status", false, HostStatus::fromWord);
        long appliedSerial = in.longValue("appliedSerial");
        if (appliedSerial < 0) {
            throw new JsonObjectReader.BadJson(in.at("appliedSerial"), "must not be negative, found " + appliedSerial);
        }
        String appliedAt = in.nullableString("appliedAt");
        List<KernelObject> objects = in.list("objects", true, e -> KernelObjectJson.read(e.object()));
        if (objects != null) {
            // destroy and replace act on these: each must be one ovnet could have made under this host's root
            OwnedObjects.firstForeign(name, objects, Collections.singletonList(root)).ifPresent(f -> {
                throw new JsonObjectReader.BadJson(in.at("objects") + "[" + f.index() + "]", f.message());
            });
        }
        in.done();
        return new HostState(name, address, connection, netns, root, lease, mac, facts, status, appliedSerial,
                appliedAt, objects);
    }

    private static BackendType backendType(String word) {
        return BackendType.fromWord(word).filter(t -> t.word().equals(word)).orElseThrow(
                () -> new IllegalArgumentException("\"" + word + "\" is not one of vxlan, host-gw, udp"));
    }

    private static ContainerRuntime runtime(String word) {
        for (ContainerRuntime runtime : ContainerRuntime.values()) {
            if (runtime.word().equals(word)) {
                return runtime;
            }
        }
        throw new IllegalArgumentException("\"" + word + "\" is not one of docker, cni, none");
    }

    private static Connection connection(String word) {
        for (Connection connection : Connection.values()) {
            if (connection.word().equals(word)) {
                return connection;
            }
        }
        throw new IllegalArgumentException("\"" + word + "\" is not one of ssh, local, netns");
    }
}
