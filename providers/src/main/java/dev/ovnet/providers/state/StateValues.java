package dev.ovnet.providers.state;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ovnet.planner.config.Names;
import dev.ovnet.planner.model.WireguardKey;
import java.util.Iterator;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The rules a state's values must meet before ovnet acts on them. A state is ovnet's own file, but it can be
 * damaged or edited by hand, and its names and paths end up in namespace names, file operations, iproute2 batch
 * lines and iptables-restore input: so they get the same rules the configuration file gets (host and network
 * names, absolute normalised roots and paths, interface names), and no string outside a file's content may
 * hold a control character that could split a batch line.
 */
final class StateValues {

    private static final Pattern HOST = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,62}");
    private static final Pattern NETWORK = Pattern.compile("[a-z0-9][a-z0-9_.-]{0,62}");
    private static final Pattern LINEAGE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}");

    private StateValues() {
    }

    /** Rejects a control or invisible formatting character in any string but a file's {@code content}. */
    static void checkText(JsonNode node, String path) {
        if (node.isTextual()) {
            String text = node.textValue();
            for (int i = 0; i < text.length(); ) {
                int cp = text.codePointAt(i);
                int type = Character.getType(cp);
                if (type == Character.CONTROL || type == Character.FORMAT || type == Character.SURROGATE) {
                    throw new StrictJson.BadJson(path, String.format("holds the character U+%04X, which no"
                            + " value written by ovnet holds", cp));
                }
                i += Character.charCount(cp);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                checkText(node.get(i), path + "[" + i + "]");
            }
        } else if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                if (!e.getKey().equals("content")) {
                    checkText(e.getValue(), path.isEmpty() ? e.getKey() : path + "." + e.getKey());
                }
            }
        }
    }

    static String hostName(String text) {
        return matching(text, HOST, "is not a host name (1 to 63 letters, digits, '_', '.' or '-')");
    }

    static String networkName(String text) {
        return matching(text, NETWORK, "is not a network name (1 to 63 lower-case letters, digits, '_', '.' or '-')");
    }

    /** An interface name by the configuration file's rule ({@link Names#ifaceProblem}). */
    static String device(String text) {
        if (Names.ifaceProblem(text) != null) {
            throw new IllegalArgumentException(show(text) + " is not an interface name (" + Names.IFACE_RULE + ")");
        }
        return text;
    }

    static String wireguardKey(String text) {
        if (!WireguardKey.BASE64_KEY.matcher(text).matches()) {
            throw new IllegalArgumentException(show(text) + " is not a wireguard public key (44 characters of"
                    + " base64, as 'wg pubkey' prints it)");
        }
        return text;
    }

    static String lineage(String text) {
        return matching(text, LINEAGE, "is not a lineage (a UUID written by ovnet)");
    }

    /** An absolute path without "." or ".." segments, as ovnet writes roots and file paths. */
    static String absolutePath(String text) {
        if (!text.startsWith("/") || text.length() > 4096) {
            throw new IllegalArgumentException(show(text) + " is not an absolute path");
        }
        for (String segment : text.split("/")) {
            if (segment.equals(".") || segment.equals("..")) {
                throw new IllegalArgumentException(show(text) + " has a \"" + segment + "\" segment");
            }
        }
        return text;
    }

    private static String matching(String text, Pattern pattern, String problem) {
        if (!pattern.matcher(text).matches()) {
            throw new IllegalArgumentException(show(text) + " " + problem);
        }
        return text;
    }

    private static String show(String text) {
        return "\"" + (text.length() > 40 ? text.substring(0, 40) + "..." : text) + "\"";
    }
}
