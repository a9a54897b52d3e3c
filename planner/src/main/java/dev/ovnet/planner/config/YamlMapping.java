package dev.ovnet.planner.config;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;

/**
 * One mapping of ovnet.yaml, walked once: unknown, duplicate and non-text keys are reported when the block is
 * opened, so readers only ask for the keys they know. A key whose value is empty ({@code key:} or
 * {@code key: ~}) counts as not given. "Is required" problems point at the key that holds the block.
 */
final class YamlMapping {

    private final String path;
    private final Node where;
    private final Values values;
    private final Map<String, Entry> entries = new LinkedHashMap<>();
    /** Known keys that an unknown key of this block is a misspelling of: already reported, so not "required". */
    private final Set<String> misspelled = new HashSet<>();

    private record Entry(ScalarNode key, Node value) {
    }

    private YamlMapping(String path, Node where, Values values) {
        this.path = path;
        this.where = where;
        this.values = values;
    }

    /**
     * Opens a mapping; null (reported) when the node is something else.
     *
     * @param path  where the block is, for messages: "" for the top level, "network", "hosts[0] (node-1)"
     * @param where the node that problems about missing keys point at
     */
    static YamlMapping open(Node node, String path, Node where, List<String> known, String example, Values values) {
        Problems problems = values.problems();
        String name = path.isEmpty() ? "the file" : path;
        if (!(node instanceof MappingNode mapping)) {
            String shape = path.isEmpty() ? "the file must be a mapping with the keys network and hosts"
                    : path + " must be a mapping, e.g. " + example;
            problems.at(node, shape, "it is " + Values.describe(node) + " here; write e.g. " + example);
            return null;
        }
        YamlMapping block = new YamlMapping(path, where, values);
        String blockName = blockName(path);
        for (NodeTuple tuple : mapping.getValue()) {
            Node keyNode = tuple.getKeyNode();
            if (!(keyNode instanceof ScalarNode key) || Values.isNull(keyNode) || key.getValue().isEmpty()) {
                problems.at(keyNode, "keys in " + name + " must be plain words, not " + Values.describe(keyNode),
                        "the keys of " + blockName + " are " + String.join(", ", known));
                continue;
            }
            String text = key.getValue();
            if (!known.contains(text)) {
                String close = Keys.closest(text, known);
                if (close != null) {
                    block.misspelled.add(close);
                }
                problems.at(keyNode, block.child(Names.show(text)) + " is not a known key",
                        Keys.hint(text, known, blockName));
                continue;
            }
            Entry first = block.entries.get(text);
            if (first != null) {
                problems.at(keyNode, block.child(text) + " is given twice (first on line "
                        + (first.key.getStartMark().getLine() + 1) + ")",
                        "keep one " + text + ": and remove the other");
                continue;
            }
            block.entries.put(text, new Entry(key, tuple.getValueNode()));
        }
        return block;
    }

    /** "network", "a host", "hosts[].ssh": a block's name without the index and host name of the path. */
    private static String blockName(String path) {
        if (path.isEmpty()) {
            return "the top level";
        }
        String general = path.replaceAll("\\[\\d+]( \\([^)]*\\))?", "[]");
        return general.equals("hosts[]") ? "a host" : general;
    }

    String path() {
        return path;
    }

    Node where() {
        return where;
    }

    Values values() {
        return values;
    }

    /** The path of a key of this block. */
    String child(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    /** True when the key is there with a value. */
    boolean given(String key) {
        Entry entry = entries.get(key);
        return entry != null && !Values.isNull(entry.value);
    }

    Node value(String key) {
        return given(key) ? entries.get(key).value : null;
    }

    /** The key node, or null when the key is absent. */
    Node key(String key) {
        Entry entry = entries.get(key);
        return entry == null ? null : entry.key;
    }

    /**
     * Reports a missing or empty required key; true when it is given. A key missing because it was misspelled is
     * not reported again: the unknown key's problem already says what to write.
     */
    boolean require(String key, String example) {
        if (given(key)) {
            return true;
        }
        Entry entry = entries.get(key);
        if (entry == null && misspelled.contains(key)) {
            return false;
        }
        if (entry != null) {
            values.problems().at(entry.value.getStartMark(), child(key) + " has no value",
                    "write " + key + ": " + example);
        } else {
            values.problems().at(where, child(key) + " is required", "add " + key + ": " + example);
        }
        return false;
    }

    Located<String> text(String key, String example) {
        return given(key) ? values.text(value(key), child(key), example) : null;
    }

    Located<Integer> integer(String key, long min, long max, String example) {
        return given(key) ? values.integer(value(key), child(key), min, max, example) : null;
    }

    Located<Boolean> bool(String key, String example) {
        return given(key) ? values.bool(value(key), child(key), example) : null;
    }

    Located<String> word(String key, List<String> words) {
        return given(key) ? values.word(value(key), child(key), words) : null;
    }

    List<Node> list(String key, String example) {
        return given(key) ? values.list(value(key), child(key), example) : null;
    }

    /** A nested mapping; null when absent or (reported) not a mapping. */
    YamlMapping block(String key, List<String> known, String example) {
        return given(key) ? open(value(key), child(key), key(key), known, example, values) : null;
    }
}
