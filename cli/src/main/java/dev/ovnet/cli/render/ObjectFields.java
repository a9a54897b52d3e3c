package dev.ovnet.cli.render;

import dev.ovnet.planner.model.KernelObject;
import dev.ovnet.planner.model.WireguardPeer;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A kernel object as named fields, in declaration order, with plain values (strings, numbers, booleans, lists):
 * the one view both the JSON and the human renderings use.
 */
public final class ObjectFields {

    private ObjectFields() {
    }

    public static Map<String, Object> of(KernelObject object) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("kind", object.key().kind());
        out.put("id", object.key().id());
        for (RecordComponent c : object.getClass().getRecordComponents()) {
            out.put(c.getName(), plain(value(c, object)));
        }
        return out;
    }

    private static Object value(RecordComponent c, Object record) {
        try {
            return c.getAccessor().invoke(record);
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Object plain(Object v) {
        if (v == null || v instanceof Number || v instanceof Boolean || v instanceof String) {
            return v;
        }
        if (v instanceof List<?> list) {
            return list.stream().map(ObjectFields::plain).toList();
        }
        return v.toString();
    }

    /**
     * {@code field: old -> new} for each field that differs (file contents are left to a line diff); a wireguard
     * public key that this apply makes on its host reads "(known after apply)".
     */
    public static List<String> differences(KernelObject before, KernelObject after) {
        Map<String, Object> a = of(before);
        Map<String, Object> b = of(after);
        return b.keySet().stream()
                .filter(k -> !k.equals("content") && !Objects.equals(a.get(k), b.get(k)))
                .map(k -> k + ": " + a.get(k) + " -> " + (b.get(k) == null && k.equals("publicKey")
                        ? WireguardPeer.UNKNOWN_KEY : b.get(k)))
                .toList();
    }
}
