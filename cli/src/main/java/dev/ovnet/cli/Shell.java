package dev.ovnet.cli;

/** Words printed for a person to paste into a shell. */
final class Shell {

    private Shell() {
    }

    /** {@code word} as one shell word: as it is when it is plain, else in single quotes. */
    static String quote(String word) {
        if (!word.isEmpty() && word.matches("[A-Za-z0-9_./:=@%+,-]+")) {
            return word;
        }
        return "'" + word.replace("'", "'\\''") + "'";
    }
}
