package dev.ovnet.planner.config;

import java.math.BigInteger;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Typed reading of single nodes. Each method returns null after reporting a problem, so a caller can skip the
 * checks that depend on a bad value instead of piling more problems onto it. Numbers and booleans must be
 * written plainly (no quotes, decimal, {@code true}/{@code false}): YAML 1.1's octal, hexadecimal and
 * {@code yes}/{@code on} forms are refused rather than silently reinterpreted.
 */
final class Values {

    private static final Pattern DECIMAL = Pattern.compile("[-+]?(0|[1-9][0-9]*)");

    private final Problems problems;

    Values(Problems problems) {
        this.problems = problems;
    }

    Problems problems() {
        return problems;
    }

    /** Non-empty text without control characters. Plain numbers and booleans count as text, as written. */
    Located<String> text(Node node, String path, String example) {
        if (!(node instanceof ScalarNode scalar) || isNull(node)) {
            problems.at(node, path + " must be text, e.g. " + example, found(node, path, example));
            return null;
        }
        String value = scalar.getValue();
        if (value.isEmpty()) {
            problems.at(node, path + " is empty", write(path, example));
            return null;
        }
        int control = Names.firstControl(value);
        if (control >= 0) {
            problems.at(node, String.format("%s %s contains the control character U+%04X", path, Names.show(value),
                    control), "remove it; " + write(path, example));
            return null;
        }
        return new Located<>(value, node);
    }

    /** A whole number in [min, max]. */
    Located<Integer> integer(Node node, String path, long min, long max, String example) {
        Located<BigInteger> whole = whole(node, path, example);
        if (whole == null) {
            return null;
        }
        BigInteger value = whole.value();
        if (value.compareTo(BigInteger.valueOf(min)) < 0 || value.compareTo(BigInteger.valueOf(max)) > 0) {
            problems.at(node, path + " " + numberText(node) + " is out of range",
                    "write a whole number from " + min + " to " + max + ", e.g. " + example);
            return null;
        }
        return new Located<>(value.intValue(), node);
    }

    /** A whole number of any size, written plainly in decimal. */
    Located<BigInteger> whole(Node node, String path, String example) {
        if (!(node instanceof ScalarNode scalar) || !isPlain(scalar)
                || !DECIMAL.matcher(scalar.getValue()).matches()) {
            problems.at(node, path + " must be a whole number, e.g. " + example, found(node, path, example));
            return null;
        }
        String digits = scalar.getValue();
        if (digits.length() > 30) {
            // far outside every range: do not spend quadratic time converting a megabyte of digits
            BigInteger huge = BigInteger.TEN.pow(30);
            return new Located<>(digits.startsWith("-") ? huge.negate() : huge, node);
        }
        return new Located<>(new BigInteger(digits), node);
    }

    /** A number as written, shortened for a message. */
    static String numberText(Node node) {
        return Names.shorten(((ScalarNode) node).getValue(), 24);
    }

    Located<Boolean> bool(Node node, String path, String example) {
        if (node instanceof ScalarNode scalar && isPlain(scalar)) {
            String word = scalar.getValue().toLowerCase(Locale.ROOT);
            if (word.equals("true") || word.equals("false")) {
                return new Located<>(word.equals("true"), node);
            }
        }
        problems.at(node, path + " must be true or false", found(node, path, example));
        return null;
    }

    /** One of a fixed set of words, compared without case; returns the word as listed. */
    Located<String> word(Node node, String path, List<String> words) {
        Located<String> text = text(node, path, words.get(0));
        if (text == null) {
            return null;
        }
        for (String word : words) {
            if (word.equalsIgnoreCase(text.value())) {
                return new Located<>(word, node);
            }
        }
        String close = Keys.closest(text.value(), words);
        problems.at(node, path + " " + Names.show(text.value()) + " is not one of " + String.join(", ", words),
                (close != null ? "did you mean " + close + "? " : "") + "write one of " + String.join(", ", words));
        return null;
    }

    /** The items of a list, or null (reported) when the node is not a list. */
    List<Node> list(Node node, String path, String example) {
        if (node instanceof SequenceNode sequence) {
            return sequence.getValue();
        }
        problems.at(node, path + " must be a list, e.g. " + example, found(node, path, example));
        return null;
    }

    static boolean isNull(Node node) {
        return node instanceof ScalarNode && Tag.NULL.equals(node.getTag());
    }

    private static boolean isPlain(ScalarNode scalar) {
        return scalar.getScalarStyle() == DumperOptions.ScalarStyle.PLAIN;
    }

    /** The hint of a type error: what is there instead, and the line to write. */
    static String found(Node node, String path, String example) {
        return "it is " + describe(node) + " here; " + write(path, example);
    }

    /** "write vni: 1", or "write e.g. 192.0.2.0/24" for an item of a list. */
    static String write(String path, String example) {
        return path.endsWith("]") ? "write e.g. " + example : "write " + last(path) + ": " + example;
    }

    static String describe(Node node) {
        if (node instanceof MappingNode) {
            return "a mapping";
        }
        if (node instanceof SequenceNode) {
            return "a list";
        }
        if (node == null || isNull(node)) {
            return "empty";
        }
        ScalarNode scalar = (ScalarNode) node;
        String quoted = "\"" + Names.shorten(scalar.getValue(), 40) + "\"";
        return isPlain(scalar) ? Names.show(scalar.getValue()) : "the quoted text " + quoted;
    }

    /** The key a path ends with: "vni" for network.backend.vni, "endpoints" for state.endpoints[0]. */
    static String last(String path) {
        String key = path.substring(path.lastIndexOf('.') + 1);
        int bracket = key.indexOf('[');
        return bracket >= 0 ? key.substring(0, bracket) : key;
    }
}
