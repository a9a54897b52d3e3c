package dev.ovnet.planner.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The keys each block of ovnet.yaml knows, and the "did you mean" search for an unknown one: a known key of
 * the same block within edit distance 2 (ignoring case) or one the unknown key abbreviates (subnetLen), closest
 * first; failing that, the block where the key belongs; failing that, the list of keys the block knows.
 */
final class Keys {

    static final List<String> TOP = List.of("network", "state", "ssh", "hosts", "lab");
    static final List<String> NETWORK = List.of("name", "pool", "subnetLength", "subnetMin", "subnetMax", "backend",
            "mtu", "ipMasq", "runtime", "pool6", "subnetLength6", "subnetMin6", "subnetMax6");
    static final List<String> BACKEND = List.of("type", "vni", "port", "directRouting", "port6",
            "persistentKeepalive", "pskFile");
    static final List<String> STATE = List.of("backend", "path", "endpoints", "prefix", "caFile", "certFile",
            "keyFile", "username", "password", "passwordEnv");
    static final List<String> SSH = List.of("user", "port", "identityFile", "knownHostsFile", "sudo");
    static final List<String> HOST = List.of("name", "address", "iface", "connection", "netns", "root", "subnet",
            "ssh", "address6", "subnet6");
    static final List<String> LAB = List.of("segments", "containers", "segments6");

    private static final Map<String, List<String>> BLOCKS = Map.of(
            "the top level", TOP, "network", NETWORK, "network.backend", BACKEND, "state", STATE, "ssh", SSH,
            "a host entry", HOST, "lab", LAB);

    private Keys() {
    }

    /** The hint for an unknown key among {@code known}; {@code block} names the block for the key list. */
    static String hint(String unknown, List<String> known, String block) {
        String close = closest(unknown, known);
        if (close != null) {
            return "did you mean " + close + "?";
        }
        List<String> places = new ArrayList<>();
        BLOCKS.forEach((name, keys) -> {
            if (keys != known && keys.contains(unknown)) {
                places.add(name);
            }
        });
        places.sort(null);
        String list = String.join(", ", known);
        if (!places.isEmpty()) {
            return unknown + " belongs in " + String.join(" or ", places) + "; the keys here are " + list;
        }
        return "the keys of " + block + " are " + list;
    }

    /** The known word closest to the given one, or null if none is close. */
    static String closest(String word, List<String> known) {
        String lower = word.toLowerCase(Locale.ROOT);
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : known) {
            String other = candidate.toLowerCase(Locale.ROOT);
            int distance = distance(lower, other, 3);
            boolean abbreviation = lower.length() >= 3 && other.startsWith(lower)
                    || other.length() >= 3 && lower.startsWith(other);
            if (distance <= 2 || abbreviation) {
                // rank in halves: a typo of one letter beats an abbreviation, which beats two typos
                int rank = distance <= 1 ? 2 * distance : abbreviation ? 3 : 4;
                if (rank < bestDistance) {
                    best = candidate;
                    bestDistance = rank;
                }
            }
        }
        return best;
    }

    /** Levenshtein distance, giving up (returning {@code limit}) once it exceeds {@code limit - 1}. */
    static int distance(String a, String b, int limit) {
        if (Math.abs(a.length() - b.length()) >= limit || a.length() > 64 || b.length() > 64) {
            return limit;
        }
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return Math.min(previous[b.length()], limit);
    }
}
