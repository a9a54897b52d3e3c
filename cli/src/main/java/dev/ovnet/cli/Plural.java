package dev.ovnet.cli;

import java.util.Locale;

/** Counts in words that read right: "1 host", "2 hosts", "1,024 changes". */
final class Plural {

    private Plural() {
    }

    /** {@code n} and the noun, with an s unless {@code n} is 1; thousands grouped. */
    static String of(long n, String noun) {
        return String.format(Locale.ROOT, "%,d", n) + " " + noun + (n == 1 ? "" : "s");
    }
}
