package dev.ovnet.planner.plan;

/**
 * Shell-style patterns for host names, as {@code --target 'node-*'} takes them: {@code *} any run of characters,
 * {@code ?} one character, {@code [abc]}, {@code [a-z]} and {@code [!a-z]} one character of (or not of) a set.
 * Everything else, and a {@code [} without its {@code ]}, matches itself. Host names have no {@code /}, so
 * there is no path rule.
 */
public final class Glob {

    private Glob() {
    }

    public static boolean matches(String pattern, String name) {
        return match(pattern, 0, name, 0);
    }

    private static boolean match(String p, int pi, String s, int si) {
        while (pi < p.length()) {
            char c = p.charAt(pi);
            if (c == '*') {
                while (pi < p.length() && p.charAt(pi) == '*') {
                    pi++;
                }
                if (pi == p.length()) {
                    return true;
                }
                for (int k = si; k <= s.length(); k++) {
                    if (match(p, pi, s, k)) {
                        return true;
                    }
                }
                return false;
            }
            if (si >= s.length()) {
                return false;
            }
            if (c == '?') {
                pi++;
                si++;
                continue;
            }
            int end = c == '[' ? classEnd(p, pi) : -1;
            if (end > 0) {
                if (!inClass(p, pi + 1, end, s.charAt(si))) {
                    return false;
                }
                pi = end + 1;
                si++;
                continue;
            }
            if (c != s.charAt(si)) {
                return false;
            }
            pi++;
            si++;
        }
        return si == s.length();
    }

    /** The index of the {@code ]} closing the class that opens at {@code open}, or -1. */
    private static int classEnd(String p, int open) {
        int i = open + 1;
        if (i < p.length() && p.charAt(i) == '!') {
            i++;
        }
        if (i < p.length() && p.charAt(i) == ']') {
            i++; // a leading ] is a member
        }
        while (i < p.length() && p.charAt(i) != ']') {
            i++;
        }
        return i < p.length() ? i : -1;
    }

    private static boolean inClass(String p, int from, int end, char ch) {
        boolean negate = p.charAt(from) == '!';
        int i = negate ? from + 1 : from;
        boolean found = false;
        while (i < end) {
            char lo = p.charAt(i);
            if (i + 2 < end && p.charAt(i + 1) == '-') {
                if (ch >= lo && ch <= p.charAt(i + 2)) {
                    found = true;
                }
                i += 3;
            } else {
                if (ch == lo) {
                    found = true;
                }
                i++;
            }
        }
        return found != negate;
    }
}
