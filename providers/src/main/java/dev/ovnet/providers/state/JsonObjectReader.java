package dev.ovnet.providers.state;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ovnet.planner.net.Cidr;
import dev.ovnet.planner.net.Ipv4;
import dev.ovnet.planner.net.Mac;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * Reads the fields of one JSON object strictly and says where a problem is ({@code hosts[3].facts.mtu}), so a
 * hand-edited or damaged state names the exact field instead of showing a Jackson stack trace. Every field
 * must be read: {@link #done()} rejects fields this format does not know (a typo would otherwise be lost on
 * the next write).
 */
final class JsonObjectReader {

    private final JsonNode node;
    private final String path;
    private final Set<String> seen = new HashSet<>();

    JsonObjectReader(JsonNode node, String path) {
        if (node == null || !node.isObject()) {
            throw new BadJson(path, "must be a JSON object, found " + describe(node));
        }
        this.node = node;
        this.path = path;
    }

    String path() {
        return path;
    }

    private JsonNode field(String name, boolean nullable) {
        seen.add(name);
        if (!node.has(name)) {
            throw new BadJson(at(name), "missing");
        }
        JsonNode value = node.get(name);
        if (value.isNull() && !nullable) {
            throw new BadJson(at(name), "must not be null");
        }
        return value.isNull() ? null : value;
    }

    String at(String name) {
        return path.isEmpty() ? name : path + "." + name;
    }

    String string(String name) {
        return text(field(name, false), at(name));
    }

    String nullableString(String name) {
        JsonNode value = field(name, true);
        return value == null ? null : text(value, at(name));
    }

    /** A string that may be absent (a key added after the format's first version) or null. */
    String optionalString(String name) {
        return node.has(name) ? nullableString(name) : null;
    }

    private static String text(JsonNode value, String where) {
        if (!value.isTextual()) {
            throw new BadJson(where, "must be a string, found " + describe(value));
        }
        return value.textValue();
    }

    long longValue(String name) {
        JsonNode value = field(name, false);
        if (!value.isIntegralNumber() || !value.canConvertToLong()) {
            throw new BadJson(at(name), "must be a whole number, found " + describe(value));
        }
        return value.longValue();
    }

    int intValue(String name) {
        JsonNode value = field(name, false);
        return toInt(value, at(name));
    }

    Integer nullableInt(String name) {
        JsonNode value = field(name, true);
        return value == null ? null : toInt(value, at(name));
    }

    private static int toInt(JsonNode value, String where) {
        if (!value.isIntegralNumber() || !value.canConvertToInt()) {
            throw new BadJson(where, "must be a whole number, found " + describe(value));
        }
        return value.intValue();
    }

    boolean bool(String name) {
        JsonNode value = field(name, false);
        if (!value.isBoolean()) {
            throw new BadJson(at(name), "must be true or false, found " + describe(value));
        }
        return value.booleanValue();
    }

    /** A nested object, or null when the field is null and {@code nullable}. */
    JsonObjectReader object(String name, boolean nullable) {
        JsonNode value = field(name, nullable);
        return value == null ? null : new JsonObjectReader(value, at(name));
    }

    /** A list of values, each converted by {@code element} with its own path; null when the field is null. */
    <T> List<T> list(String name, boolean nullable, Function<JsonElement, T> element) {
        JsonNode value = field(name, nullable);
        if (value == null) {
            return null;
        }
        if (!value.isArray()) {
            throw new BadJson(at(name), "must be a list, found " + describe(value));
        }
        List<T> out = new ArrayList<>(value.size());
        for (int i = 0; i < value.size(); i++) {
            out.add(element.apply(new JsonElement(value.get(i), at(name) + "[" + i + "]")));
        }
        return out;
    }

    /** A string field converted by {@code parser}; its IllegalArgumentException becomes a located error. */
    <T> T parsed(String name, boolean nullable, Function<String, T> parser) {
        String text = nullable ? nullableString(name) : string(name);
        if (text == null) {
            return null;
        }
        try {
            return parser.apply(text);
        } catch (IllegalArgumentException e) {
            throw new BadJson(at(name), e.getMessage());
        }
    }

    Cidr cidr(String name, boolean nullable) {
        return parsed(name, nullable, Cidr::parse);
    }

    Ipv4 ipv4(String name, boolean nullable) {
        return parsed(name, nullable, Ipv4::parse);
    }

    Mac mac(String name, boolean nullable) {
        return parsed(name, nullable, Mac::parse);
    }

    /** Rejects fields that were never read. */
    void done() {
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!seen.contains(name)) {
                throw new BadJson(at(name), "unknown field (not part of state format version 1)");
            }
        }
    }

    static String describe(JsonNode value) {
        if (value == null || value.isMissingNode()) {
            return "nothing";
        }
        if (value.isNull()) {
            return "null";
        }
        if (value.isObject()) {
            return "an object";
        }
        if (value.isArray()) {
            return "a list";
        }
        String text = value.toString();
        return text.length() > 40 ? text.substring(0, 40) + "..." : text;
    }

    /** One element of a list, with its path. */
    record JsonElement(JsonNode node, String path) {

        JsonObjectReader object() {
            return new JsonObjectReader(node, path);
        }

        String string() {
            return text(node, path);
        }
    }

    /** A field that is missing, mistyped or malformed; {@code path} says where. */
    static final class BadJson extends RuntimeException {

        private final String where;

        BadJson(String where, String problem) {
            super(where + ": " + problem);
            this.where = where;
        }

        String where() {
            return where;
        }
    }
}
