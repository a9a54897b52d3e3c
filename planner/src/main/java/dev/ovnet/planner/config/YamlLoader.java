package dev.ovnet.planner.config;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.composer.Composer;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.events.AliasEvent;
import org.yaml.snakeyaml.events.CollectionEndEvent;
import org.yaml.snakeyaml.events.CollectionStartEvent;
import org.yaml.snakeyaml.events.Event;
import org.yaml.snakeyaml.events.NodeEvent;
import org.yaml.snakeyaml.events.ScalarEvent;
import org.yaml.snakeyaml.events.StreamEndEvent;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.parser.ParserImpl;
import org.yaml.snakeyaml.reader.ReaderException;
import org.yaml.snakeyaml.reader.StreamReader;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * Text to a SnakeYAML node graph, keeping every node's mark. A first pass over the parser's events refuses
 * anchors, aliases and explicit tags before anything is composed, so an alias bomb ("billion laughs") is never
 * expanded and a tag never selects a Java type; the composer then runs with small limits anyway. Every SnakeYAML
 * error becomes a {@link Problem} at its mark.
 */
final class YamlLoader {

    /** Far above any real ovnet.yaml (a thousand hosts is ~150 KiB), small enough to parse in milliseconds. */
    static final int CODE_POINT_LIMIT = 1 << 20;
    /** ovnet.yaml is four levels deep (hosts, entry, ssh, key); a little slack for wrong shapes. */
    static final int NESTING_LIMIT = 16;

    private YamlLoader() {
    }

    /** The root node, or null when there is none; every reason for null is a problem. */
    static Node load(String text, Problems problems) {
        if (text.length() > CODE_POINT_LIMIT && text.codePointCount(0, text.length()) > CODE_POINT_LIMIT) {
            tooLong(problems);
            return null;
        }
        LoaderOptions options = options();
        try {
            if (refuseAnchorsAndTags(text, options, problems)) {
                return null;
            }
            Composer composer = new Composer(new ParserImpl(new StreamReader(text), options), new Resolver(), options);
            Node root = composer.getSingleNode();
            if (root == null) {
                problems.at(1, 1, "the file is empty",
                        "write at least a network: block with a pool and a hosts: list (see ovnet.yaml in the docs)");
            }
            return root;
        } catch (MarkedYAMLException e) {
            syntax(e, problems);
        } catch (ReaderException e) {
            int[] place = place(text, e.getPosition());
            problems.at(place[0], place[1], String.format("the file contains the character U+%04X, which YAML does"
                    + " not allow", e.getCodePoint()),
                    "remove it: ovnet.yaml is plain text without control characters");
        } catch (YAMLException e) {
            limit(e, problems);
        }
        return null;
    }

    static LoaderOptions options() {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        options.setMaxAliasesForCollections(5);
        options.setAllowRecursiveKeys(false);
        options.setNestingDepthLimit(NESTING_LIMIT);
        options.setCodePointLimit(CODE_POINT_LIMIT);
        options.setProcessComments(false);
        options.setMergeOnCompose(false);
        return options;
    }

    /**
     * True when an anchor, alias, tag or too deep a nesting was found (and reported); the file is not composed
     * then. Stopping at the nesting limit here also spares the scanner's quadratic work on "[[[[...".
     */
    private static boolean refuseAnchorsAndTags(String text, LoaderOptions options, Problems problems) {
        ParserImpl parser = new ParserImpl(new StreamReader(text), options);
        boolean refused = false;
        int depth = 0;
        while (true) {
            Event event = parser.getEvent();
            if (event instanceof StreamEndEvent) {
                return refused;
            }
            if (event instanceof CollectionStartEvent && ++depth > NESTING_LIMIT) {
                problems.at(event.getStartMark(), "the file is nested more than " + NESTING_LIMIT + " levels deep",
                        "ovnet.yaml needs four levels at most (hosts, a host, its ssh block, a key)");
                return true;
            }
            if (event instanceof CollectionEndEvent) {
                depth--;
            }
            if (event instanceof AliasEvent || event instanceof NodeEvent node && node.getAnchor() != null) {
                problems.at(event.getStartMark(), "anchors and aliases are not supported in ovnet.yaml; write the"
                        + " value out", "replace each *name with a copy of the value and remove the &name");
                return true;
            }
            String tag = tagOf(event);
            if (tag != null) {
                problems.at(event.getStartMark(), "YAML tags such as " + Names.clean(shortTag(tag), 40)
                        + " are not supported in ovnet.yaml", "remove the tag; quote the value if it must be text");
                refused = true;
            }
        }
    }

    private static void limit(YAMLException e, Problems problems) {
        String text = String.valueOf(e.getMessage());
        if (text.contains("exceeds the limit")) {
            tooLong(problems);
        } else if (text.contains("Nesting Depth")) {
            problems.at(0, 0, "the file is nested more than " + NESTING_LIMIT + " levels deep",
                    "ovnet.yaml needs four levels at most (hosts, a host, its ssh block, a key)");
        } else {
            problems.at(0, 0, "the file cannot be read as YAML: " + Names.clean(text, 120),
                    "check the file against the layout of ovnet.yaml in the docs");
        }
    }

    private static void tooLong(Problems problems) {
        problems.at(0, 0, "the file is longer than " + CODE_POINT_LIMIT + " characters",
                "an ovnet.yaml is a few kilobytes; check that this is the right file");
    }

    private static String tagOf(Event event) {
        if (event instanceof ScalarEvent scalar) {
            return scalar.getTag();
        }
        if (event instanceof CollectionStartEvent collection) {
            return collection.getTag();
        }
        return null;
    }

    private static String shortTag(String tag) {
        String standard = "tag:yaml.org,2002:";
        return tag.startsWith(standard) ? "!!" + tag.substring(standard.length()) : tag;
    }

    private static void syntax(MarkedYAMLException e, Problems problems) {
        Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
        String problem = e.getProblem() == null ? "malformed YAML" : e.getProblem().strip();
        String context = e.getContext() == null ? "" : e.getContext().strip();
        Mark contextMark = e.getContextMark();
        if (context.contains("single document")) {
            problems.at(mark, "YAML syntax error: a second document starts here",
                    "remove this '---' and what follows it: ovnet.yaml holds exactly one document");
            return;
        }
        if (problem.contains("(TAB)")) {
            problems.at(mark, "YAML syntax error: a tab is used for indentation",
                    "indent with spaces: YAML does not allow tabs there");
            return;
        }
        if (problem.contains("<block end>") || problem.contains("<block mapping start>")) {
            indentation(mark, contextMark, problems);
            return;
        }
        if (problem.contains("mapping values are not allowed")) {
            problems.at(mark, "YAML syntax error: a key cannot start here: the line is indented deeper than the keys"
                    + " of its block, or a value holds ': ' without quotes", syntaxHint(problem, context));
            return;
        }
        StringBuilder message = new StringBuilder("YAML syntax error: ").append(Names.clean(problem, 120));
        if (!context.isEmpty() && contextMark != null && (mark == null || contextMark.getLine() != mark.getLine())) {
            message.append(" (").append(Names.clean(context, 80)).append(" that starts on line ")
                    .append(contextMark.getLine() + 1).append(')');
        }
        problems.at(mark, message.toString(), syntaxHint(problem, context));
    }

    /**
     * SnakeYAML's words for a line indented unlike its block ("expected &lt;block end&gt;, but found
     * '&lt;block mapping start&gt;'") said as a person would: which line, and how it should line up.
     */
    private static void indentation(Mark mark, Mark block, Problems problems) {
        String where = block != null && mark != null && block.getLine() < mark.getLine()
                ? " with the keys of the block that starts on line " + (block.getLine() + 1) : "";
        problems.at(mark, "YAML syntax error: this line's indentation does not line up" + where,
                "indent every key of one block by the same number of spaces; to nest a key under another, write"
                        + " the outer key with a ':' at the end of its line and indent the inner keys further");
    }

    private static String syntaxHint(String problem, String context) {
        if (context.contains("quoted scalar")) {
            return "close the quote that starts on the line named above";
        }
        if (problem.contains("mapping values are not allowed")) {
            return "quote a value that contains ': ', or align the keys of one mapping at the same indentation";
        }
        if (problem.contains("could not find expected ':'")) {
            return "write each key as 'key: value', with a space after the ':'";
        }
        return "check the indentation and the quoting around here";
    }

    /** 1-based line and column of a code-point index into the text. */
    static int[] place(String text, int codePointIndex) {
        int line = 1;
        int column = 1;
        int seen = 0;
        for (int i = 0; i < text.length() && seen < codePointIndex; seen++) {
            int cp = text.codePointAt(i);
            i += Character.charCount(cp);
            if (cp == '\n') {
                line++;
                column = 1;
            } else {
                column++;
            }
        }
        return new int[] {line, column};
    }
}
