package dev.ovnet.providers.ssh;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Locale;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The host field of a known_hosts line matched exactly as OpenSSH matches it ({@code match_pattern_list} and
 * {@code match_maybe_hashed}), so that ovnet trusts a key for a host exactly when {@code ssh} and
 * {@code ssh-keygen -F} would. A field that starts with {@code |} is one hashed name
 * ({@code |1|salt|HMAC-SHA1(salt, name)}). Otherwise it is a comma-separated list of patterns with {@code *} and
 * {@code ?} (everything else, {@code [} included, is literal), compared without regard to case; a pattern that
 * starts with {@code !} negates. A name matches when it matches at least one positive pattern and no negated one:
 * {@code 192.0.2.*,!192.0.2.66} is every 192.0.2.x but .66, and a list of negated patterns alone ({@code !x})
 * matches nothing. (Not the planner's {@code Glob}: there {@code [} opens a set of characters, here it is as
 * literal as in {@code [address]:port}.)
 */
final class KnownHostPatterns {

    private static final String HASHED = "|1|";
    /** OpenSSH copies each pattern into a 1024-byte buffer and gives up on longer ones. */
    private static final int MAX_PATTERN = 1023;
    private static final int SHA1_BYTES = 20;

    private KnownHostPatterns() {
    }

    /**
     * Whether the known_hosts host field {@code hosts} names {@code name} ({@code address} or
     * {@code [address]:port}, lower case, as {@link KnownHostsVerifier#lookupName} makes it).
     */
    static boolean matches(String hosts, String name) {
        if (hosts.startsWith("|")) {
            return hashedMatches(hosts, name);
        }
        boolean positive = false;
        for (String pattern : hosts.split(",", -1)) {
            boolean negated = pattern.startsWith("!");
            String glob = (negated ? pattern.substring(1) : pattern).toLowerCase(Locale.ROOT);
            if (glob.length() > MAX_PATTERN) {
                return false;
            }
            if (globMatches(name, 0, glob, 0)) {
                if (negated) {
                    return false;
                }
                positive = true;
            }
        }
        return positive;
    }

    private static boolean hashedMatches(String hosts, String name) {
        if (!hosts.startsWith(HASHED)) {
            return false; // another hash scheme: OpenSSH knows none
        }
        int bar = hosts.indexOf('|', HASHED.length());
        if (bar < 0) {
            return false;
        }
        try {
            byte[] salt = Base64.getDecoder().decode(hosts.substring(HASHED.length(), bar));
            byte[] hash = Base64.getDecoder().decode(hosts.substring(bar + 1));
            if (salt.length != SHA1_BYTES) {
                return false; // OpenSSH refuses a salt of another length
            }
            Mac hmac = Mac.getInstance("HmacSHA1");
            hmac.init(new SecretKeySpec(salt, "HmacSHA1"));
            return MessageDigest.isEqual(hash, hmac.doFinal(name.getBytes(StandardCharsets.UTF_8)));
        } catch (IllegalArgumentException | GeneralSecurityException e) {
            return false; // not base64: a damaged entry names no host
        }
    }

    /** OpenSSH's {@code match_pattern}: the whole name against a glob of {@code *} and {@code ?}. */
    private static boolean globMatches(String name, int n, String glob, int g) {
        while (g < glob.length()) {
            char c = glob.charAt(g);
            if (c == '*') {
                while (g < glob.length() && glob.charAt(g) == '*') {
                    g++;
                }
                if (g == glob.length()) {
                    return true;
                }
                for (int from = n; from < name.length(); from++) {
                    if (globMatches(name, from, glob, g)) {
                        return true;
                    }
                }
                return false;
            }
            if (n == name.length() || (c != '?' && c != name.charAt(n))) {
                return false;
            }
            n++;
            g++;
        }
        return n == name.length();
    }
}
