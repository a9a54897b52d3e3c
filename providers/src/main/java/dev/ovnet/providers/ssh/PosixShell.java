package dev.ovnet.providers.ssh;

import java.util.List;
import java.util.StringJoiner;

/**
 * Turns an argument vector into one command line for a POSIX shell. An SSH server never receives an argv: it
 * hands the line to the user's login shell ({@code sh -c LINE}), so every element is put inside single quotes,
 * where a POSIX shell interprets nothing, and each embedded single quote becomes {@code '\''} (close the quote,
 * an escaped quote, reopen). The remote login shell must be a POSIX shell (sh, dash, bash, ksh, zsh); csh and
 * fish quote differently.
 */
public final class PosixShell {

    private PosixShell() {
    }

    /** One word, quoted so that the shell passes it on verbatim. */
    public static String quote(String word) {
        if (word.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("a command argument cannot contain a NUL character");
        }
        return "'" + word.replace("'", "'\\''") + "'";
    }

    /** The command line that makes a POSIX shell run exactly {@code argv}: every element quoted. */
    public static String commandLine(List<String> argv) {
        if (argv.isEmpty()) {
            throw new IllegalArgumentException("empty command");
        }
        StringJoiner line = new StringJoiner(" ");
        for (String word : argv) {
            line.add(quote(word));
        }
        return line.toString();
    }
}
