package dev.ovnet.providers.state;

import com.fasterxml.jackson.core.JsonGenerator;
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
import java.io.IOException;
import java.util.List;
import java.util.Objects;

/**
 * The JSON form of each kernel object: an object whose {@code "kind"} names the type (the same word as its
 * {@link dev.ovnet.planner.model.ObjectKey} kind) followed by the record's fields under their own names. Two
 * exceptions keep the form readable: a link's own kind (vxlan, tun) is written as {@code "type"}, as iproute2
 * says it, and a file's mode as an octal string ({@code "0644"}). Addresses, networks and MACs are strings.
 */
final class KernelObjectJson {

    private KernelObjectJson() {
    }

    static void write(JsonGenerator out, KernelObject object) throws IOException {
        out.writeStartObject();
        if (object instanceof Link o) {
            out.writeStringField("kind", "link");
            out.writeStringField("name", o.name());
            out.writeStringField("type", o.kind());
            writeInteger(out, "vni", o.vni());
            writeString(out, "local", o.local());
            out.writeStringField("dev", o.dev());
            writeInteger(out, "port", o.port());
            out.writeNumberField("mtu", o.mtu());
            writeString(out, "mac", o.mac());
        } else if (object instanceof Address o) {
            out.writeStringField("kind", "address");
            out.writeStringField("dev", o.dev());
            writeString(out, "cidr", o.cidr());
        } else if (object instanceof Route o) {
            out.writeStringField("kind", "route");
            writeString(out, "dst", o.dst());
            writeString(out, "via", o.via());
            out.writeStringField("dev", o.dev());
            out.writeBooleanField("onlink", o.onlink());
        } else if (object instanceof Neighbour o) {
            out.writeStringField("kind", "neighbour");
            writeString(out, "ip", o.ip());
            writeString(out, "mac", o.mac());
            out.writeStringField("dev", o.dev());
        } else if (object instanceof FdbEntry o) {
            out.writeStringField("kind", "fdb");
            writeString(out, "mac", o.mac());
            out.writeStringField("dev", o.dev());
            writeString(out, "dst", o.dst());
        } else if (object instanceof Sysctl o) {
            out.writeStringField("kind", "sysctl");
            out.writeStringField("name", o.name());
            out.writeStringField("value", o.value());
        } else if (object instanceof IptablesChain o) {
            out.writeStringField("kind", "iptables");
            out.writeStringField("table", o.table());
            out.writeStringField("chain", o.chain());
            out.writeStringField("hook", o.hook());
            out.writeStringField("jumpRule", o.jumpRule());
            out.writeArrayFieldStart("rules");
            for (String rule : o.rules()) {
                out.writeString(rule);
            }
            out.writeEndArray();
        } else if (object instanceof FileObject o) {
            out.writeStringField("kind", "file");
            out.writeStringField("path", o.path());
            out.writeStringField("content", o.content());
            out.writeStringField("mode", String.format("%04o", o.mode()));
        } else if (object instanceof Forwarder o) {
            out.writeStringField("kind", "forwarder");
            out.writeStringField("dev", o.dev());
            writeString(out, "bind", o.bind());
            out.writeNumberField("port", o.port());
            writeString(out, "pool", o.pool());
            writeString(out, "subnet", o.subnet());
            out.writeStringField("peerFile", o.peerFile());
            out.writeNumberField("peers", o.peers());
            if (o.build() != null) {
                out.writeStringField("build", o.build());
            }
        } else {
            throw new IllegalArgumentException("no JSON form for " + object);
        }
        out.writeEndObject();
    }

    private static void writeString(JsonGenerator out, String name, Object value) throws IOException {
        out.writeStringField(name, value == null ? null : value.toString());
    }

    private static void writeInteger(JsonGenerator out, String name, Integer value) throws IOException {
        if (value == null) {
            out.writeNullField(name);
        } else {
            out.writeNumberField(name, value);
        }
    }

    private static String dev(JsonObjectReader in) {
        return in.parsed("dev", false, StateValues::device);
    }

    static KernelObject read(JsonObjectReader in) {
        String kind = in.string("kind");
        KernelObject object = switch (kind) {
            case "link" -> new Link(in.parsed("name", false, StateValues::device), in.string("type"), in.nullableInt("vni"),
                    in.ipv4("local", true), in.parsed("dev", true, StateValues::device), in.nullableInt("port"), in.intValue("mtu"),
                    in.mac("mac", true));
            case "address" -> new Address(dev(in), in.cidr("cidr", false));
            case "route" -> new Route(in.cidr("dst", false), in.ipv4("via", true), dev(in),
                    in.bool("onlink"));
            case "neighbour" -> new Neighbour(in.ipv4("ip", false), in.mac("mac", false), dev(in));
            case "fdb" -> new FdbEntry(in.mac("mac", false), dev(in), in.ipv4("dst", false));
            case "sysctl" -> new Sysctl(in.string("name"), in.string("value"));
            case "iptables" -> new IptablesChain(in.string("table"), in.string("chain"), in.string("hook"),
                    in.string("jumpRule"), rules(in));
            case "file" -> new FileObject(in.parsed("path", false, StateValues::absolutePath), in.string("content"),
                    in.parsed("mode", false, KernelObjectJson::octalMode));
            case "forwarder" -> new Forwarder(dev(in), in.ipv4("bind", false), in.intValue("port"),
                    in.cidr("pool", false), in.cidr("subnet", false), in.parsed("peerFile", false, StateValues::absolutePath), in.intValue("peers"),
                    in.optionalString("build"));
            default -> throw new JsonObjectReader.BadJson(in.at("kind"), "\"" + kind
                    + "\" is not one of link, address, route, neighbour, fdb, sysctl, iptables, file, forwarder");
        };
        in.done();
        return object;
    }

    private static List<String> rules(JsonObjectReader in) {
        return Objects.requireNonNull(in.list("rules", false, JsonObjectReader.JsonElement::string));
    }

    private static int octalMode(String text) {
        if (!text.matches("0[0-7]{3,4}")) {
            throw new IllegalArgumentException("must be an octal file mode such as \"0644\", found \"" + text + "\"");
        }
        return Integer.parseInt(text, 8);
    }
}
