package dev.ovnet.planner.config;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The rules for names and paths that end up in file paths, namespace names, etcd keys and command lines, and
 * the one way values are quoted in messages (short, control characters escaped, so a hostile value cannot
 * forge lines of output). Public for the one rule that names read from hosts and from the state must meet as
 * well: {@link #ifaceProblem}.
 */
public final class Names {

    /** Host and netns names: part of file paths and namespace names, so no slash, space or shell character. */
    static final Pattern HOST = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,62}");
    /** The network name names the state and the etcd prefix: lower case only. */
    static final Pattern NETWORK = Pattern.compile("[a-z0-9][a-z0-9_.-]{0,62}");
    static final Pattern ENV_VAR = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,127}");
    static final Pattern USER = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]{0,31}");
    /** What to write instead of an interface name that {@link #ifaceProblem} refuses. */
    public static final String IFACE_RULE = "up to 15 letters, digits, '_', '.' or '-'";
    static final String HOST_RULE = "use 1 to 63 letters, digits, '_', '.' or '-', starting with a letter or digit";
    /** Linux IFNAMSIZ is 16 including the terminating NUL. */
    static final int IFACE_MAX = 15;
    static final Pattern IFACE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]*");

    private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9_.:/@~+,=-]{1,64}");

    private Names() {
    }

    /**
     * Why the text is not an interface name ovnet accepts, or null. Linux allows almost any byte (dev_valid_name);
     * ovnet takes the names distributions actually give (eth0, ens33, enp0s3, br-lan, eth0.100), because the name
     * ends up in iproute2 batch lines, file contents and the state; so a name read from a host or from the state
     * meets this same rule.
     */
    public static String ifaceProblem(String name) {
        if (name.length() > IFACE_MAX) {
            return "is longer than " + IFACE_MAX + " characters";
        }
        if (name.equals(".") || name.equals("..") || !IFACE.matcher(name).matches()) {
            return "is not a valid interface name";
        }
        return null;
    }

    /** The absolute path with "." segments, repeated and trailing slashes removed; null if it has "..". */
    static String normalisedPath(String path) {
        List<String> segments = new ArrayList<>();
        for (String segment : path.split("/")) {
            if (segment.equals("..")) {
                return null;
            }
            if (!segment.isEmpty() && !segment.equals(".")) {
                segments.add(segment);
            }
        }
        return "/" + String.join("/", segments);
    }

    /**
     * The first control character, invisible formatting character (bidi overrides, zero-width spaces), line or
     * paragraph separator or lone surrogate, or -1: none of them belongs in a name or a path, and each can make
     * a value look like something else on a terminal.
     */
    static int firstControl(String text) {
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            int type = Character.getType(cp);
            if (type == Character.CONTROL || type == Character.FORMAT || type == Character.LINE_SEPARATOR
                    || type == Character.PARAGRAPH_SEPARATOR || type == Character.SURROGATE) {
                return cp;
            }
            i += Character.charCount(cp);
        }
        return -1;
    }

    /** A value for a message: as written when it is plain, otherwise quoted with control characters escaped. */
    public static String show(String value) {
        return PLAIN.matcher(value).matches() ? value : "\"" + shorten(value, 40) + "\"";
    }

    /** At most {@code max} characters, control characters, quotes and backslashes escaped: for quoting. */
    static String shorten(String text, int max) {
        return escape(text, max, true);
    }

    /** At most {@code max} characters, control characters escaped: for text that is not quoted. */
    static String clean(String text, int max) {
        return escape(text, max, false);
    }

    private static String escape(String text, int max, boolean quoting) {
        StringBuilder out = new StringBuilder();
        int count = 0;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            i += Character.charCount(cp);
            if (count++ == max) {
                out.append("...");
                break;
            }
            if (quoting && (cp == '"' || cp == '\\')) {
                out.append('\\').appendCodePoint(cp);
            } else if (cp == '\n') {
                out.append("\\n");
            } else if (cp == '\t') {
                out.append("\\t");
            } else if (firstControl(new String(Character.toChars(cp))) >= 0) {
                out.append(String.format("\\u%04X", cp));
            } else {
                out.appendCodePoint(cp);
            }
        }
        return out.toString();
    }
}
