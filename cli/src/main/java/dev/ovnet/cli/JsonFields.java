package dev.ovnet.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * Strict access to the fields of one JSON object of a saved plan: every field is required and typed, fields nobody
 * read are refused ({@link #done()}), and every problem is an IllegalArgumentException that names the field
 * ({@code state.hosts[2].lease: must be a string}).
 */
final class JsonFields {

    private final JsonNode node;
    private final String path;
    private final Set<String> seen = new HashSet<>();

    JsonFields(JsonNode node, String path) {
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException((path.isEmpty() ? "the file" : path) + ": must be an object");
        }
        this.node = node;
        this.path = path;
    }

    private String at(String name) {
        return path.isEmpty() ? name : path + "." + name;
    }

    JsonNode node(String name) {
        seen.add(name);
        JsonNode v = node.get(name);
        if (v == null || v.isNull()) {
            throw new IllegalArgumentException(at(name) + ": missing");
        }
        return v;
    }

    String text(String name) {
        JsonNode v = node(name);
        if (!v.isTextual()) {
            throw new IllegalArgumentException(at(name) + ": must be a string");
        }
        return v.textValue();
    }

    long number(String name) {
        JsonNode v = node(name);
        if (!v.isIntegralNumber() || !v.canConvertToLong()) {
            throw new IllegalArgumentException(at(name) + ": must be a whole number");
        }
        return v.longValue();
    }

    int integer(String name) {
        long v = number(name);
        if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(at(name) + ": out of range");
        }
        return (int) v;
    }

    boolean bool(String name) {
        JsonNode v = node(name);
        if (!v.isBoolean()) {
            throw new IllegalArgumentException(at(name) + ": must be true or false");
        }
        return v.booleanValue();
    }

    JsonFields object(String name) {
        return new JsonFields(node(name), at(name));
    }

    List<JsonFields> objects(String name) {
        JsonNode v = node(name);
        if (!v.isArray()) {
            throw new IllegalArgumentException(at(name) + ": must be a list");
        }
        List<JsonFields> out = new ArrayList<>();
        for (int i = 0; i < v.size(); i++) {
            out.add(new JsonFields(v.get(i), at(name) + "[" + i + "]"));
        }
        return out;
    }

    List<String> texts(String name) {
        JsonNode v = node(name);
        if (!v.isArray()) {
            throw new IllegalArgumentException(at(name) + ": must be a list");
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < v.size(); i++) {
            if (!v.get(i).isTextual()) {
                throw new IllegalArgumentException(at(name) + "[" + i + "]: must be a string");
            }
            out.add(v.get(i).textValue());
        }
        return out;
    }

    void done() {
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!seen.contains(name)) {
                throw new IllegalArgumentException(at(name) + ": unknown field");
            }
        }
    }
}
