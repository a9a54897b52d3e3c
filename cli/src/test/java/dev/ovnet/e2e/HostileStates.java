package dev.ovnet.e2e;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Damaged state files made from a real one (written by a real apply): cut short at random points, garbage bytes,
 * a version from the future, valid JSON of the wrong shape, hostile values. Each sits beside the valid lab file
 * and the real state as its backup, so ovnet's message can (and must) point at that backup.
 */
final class HostileStates {

    private HostileStates() {
    }

    static List<HostileCase> all(byte[] yaml, byte[] real, int extra, long seed) {
        List<HostileCase> out = new ArrayList<>();
        Random random = new Random(seed);
        String text = new String(real, StandardCharsets.UTF_8);
        int lastBrace = text.lastIndexOf('}');
        add(out, yaml, real, "empty", new byte[0]);
        add(out, yaml, real, "one-byte", Arrays.copyOf(real, 1));
        // any cut before the closing brace leaves the JSON unfinished
        for (int i = 0; i < 16 + extra; i++) {
            int cut = 2 + random.nextInt(lastBrace - 2);
            add(out, yaml, real, "truncated-at-" + cut, Arrays.copyOf(real, cut));
        }
        for (int i = 0; i < 4 + extra / 4; i++) {
            byte[] junk = new byte[1 + random.nextInt(8192)];
            random.nextBytes(junk);
            add(out, yaml, real, "garbage-" + i, junk);
        }
        for (int i = 0; i < 4 + extra / 4; i++) {
            byte[] flipped = real.clone();
            int at = random.nextInt(lastBrace);
            flipped[at] = (byte) (0x80 | random.nextInt(0x80));
            add(out, yaml, real, "high-byte-at-" + at, flipped);
        }
        String v = "\"version\": 1";
        String[] versions = {"\"version\": 2", "\"version\": 999", "\"version\": \"1\"", "\"version\": -1",
            "\"version\": 0", "\"version\": null", "\"version\": 1.5", "\"version\": 99999999999999999999999", ""};
        for (String version : versions) {
            String changed = version.isEmpty() ? text.replace(v + ",", "") : text.replace(v, version);
            add(out, yaml, real, "version-" + version.replace("\"version\": ", "").replace("\"", "q"), changed);
        }
        String[] shapes = {"[]", "null", "{}", "\"state\"", "42", "true", "{\"version\": 1}"};
        for (String shape : shapes) {
            add(out, yaml, real, "shape-" + shape.replaceAll("\\W", "_"), shape);
        }
        String[][] fields = {
            {"\"serial\": ", "\"x\"", "-1", "1e400", "[]"},
            {"\"lineage\": ", "42", "null", "\"" + "l".repeat(100_000) + "\""},
            {"\"hosts\": ", "{}", "42", "[42]", "[null]"},
            {"\"lease\": ", "\"garbage\"", "\"10.100.0.0/99\"", "42", "null"},
            {"\"mac\": ", "\"zz:zz\"", "42"},
            {"\"status\": ", "\"exploded\"", "42"},
            {"\"connection\": ", "\"telnet\"", "\"$(touch " + HostileConfigs.PWNED + ")\""},
            {"\"netns\": ", "\"../../etc\"", "\"$(touch " + HostileConfigs.PWNED + ")\"", "\";rm -rf /\""},
            {"\"name\": ", "\"$(touch " + HostileConfigs.PWNED + ")\"", "\"../../etc\"", "42"},
            {"\"root\": ", "\"../../etc\"", "\"relative\""},
            {"\"address\": ", "\"999.1.1.1\"", "[]"},
            {"\"pool\": ", "\"10.100.0.0\"", "{}"},
            {"\"objects\": ", "42", "[{\"kind\": \"bomb\"}]", "[{\"kind\": \"route\"}]"},
        };
        for (String[] row : fields) {
            int at = text.indexOf(row[0]);
            if (at < 0) {
                throw new IllegalArgumentException("not in the state: " + row[0]);
            }
            int end = valueEnd(text, at + row[0].length());
            for (int i = 1; i < row.length; i++) {
                String changed = text.substring(0, at + row[0].length()) + row[i] + text.substring(end);
                add(out, yaml, real, "field-" + row[0].replaceAll("\\W", "") + "-" + i, changed);
            }
        }
        add(out, yaml, real, "duplicate-key", text.replace(v, v + ", " + v));
        add(out, yaml, real, "trailing-garbage", text + "}{");
        add(out, yaml, real, "two-states", text + text);
        add(out, yaml, real, "deep-nesting", "[".repeat(100_000));
        add(out, yaml, real, "deep-objects", "{\"a\":".repeat(50_000));
        add(out, yaml, real, "nul-bytes", new byte[4096]);
        return out;
    }

    /** Where the JSON value starting at {@code from} ends: at the next comma or newline outside a string. */
    private static int valueEnd(String text, int from) {
        int depth = 0;
        boolean string = false;
        for (int i = from; i < text.length(); i++) {
            char c = text.charAt(i);
            if (string) {
                if (c == '\\') {
                    i++;
                } else if (c == '"') {
                    string = false;
                }
            } else if (c == '"') {
                string = true;
            } else if (c == '[' || c == '{') {
                depth++;
            } else if (c == ']' || c == '}') {
                if (depth == 0) {
                    return i;
                }
                depth--;
            } else if ((c == ',' || c == '\n') && depth == 0) {
                return i;
            }
        }
        return text.length();
    }

    private static void add(List<HostileCase> out, byte[] yaml, byte[] real, String name, String state) {
        add(out, yaml, real, name, state.getBytes(StandardCharsets.UTF_8));
    }

    private static void add(List<HostileCase> out, byte[] yaml, byte[] real, String name, byte[] state) {
        out.add(new HostileCase(String.format("s%03d-%s", out.size(), name), yaml, state, real));
    }
}
