package dev.ovnet.providers.ssh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every quoted argument reaches a real {@code sh -c} verbatim: the same path an sshd command line takes. */
class PosixShellTest {

    static final List<String> TORTURE = List.of(
            "", " ", "plain", "two words", "it's", "''", "'", "\"double\"", "$(id)", "`id`", "${HOME}", "$HOME",
            "a;b", "a && b", "a | b", "a > /tmp/x", "line1\nline2", "\ttab", "trailing\n", "*", "?", "~", "~root",
            "!", "!!", "back\\slash", "\\'", "'\\''", "-n", "--", "-e", "%s", "#comment", "x=y", "{a,b}",
            "[abc]", "é ü ✓", "\u001b[31mred", "a'b'c'd", "'$(echo hi)'");

    @Test
    void everyArgumentArrivesVerbatimThroughARealShell() throws Exception {
        List<String> argv = new ArrayList<>(List.of("printf", "%s\\0"));
        argv.addAll(TORTURE);
        String line = PosixShell.commandLine(argv);
        Process sh = new ProcessBuilder("sh", "-c", line).redirectErrorStream(true).start();
        byte[] out = sh.getInputStream().readAllBytes();
        assertEquals(0, sh.waitFor());
        assertEquals(TORTURE, splitNul(out));
    }

    @Test
    void bashAgreesWithDash() throws Exception {
        List<String> argv = new ArrayList<>(List.of("printf", "%s\\0"));
        argv.addAll(TORTURE);
        Process bash = new ProcessBuilder("bash", "-c", PosixShell.commandLine(argv)).start();
        byte[] out = bash.getInputStream().readAllBytes();
        assertEquals(0, bash.waitFor());
        assertEquals(TORTURE, splitNul(out));
    }

    @Test
    void quotesEveryWordAndEscapesSingleQuotes() {
        assertEquals("'ip' '-batch' '-'", PosixShell.commandLine(List.of("ip", "-batch", "-")));
        assertEquals("'it'\\''s'", PosixShell.quote("it's"));
        assertEquals("''", PosixShell.quote(""));
    }

    @Test
    void refusesWhatNoArgvCanHold() {
        assertThrows(IllegalArgumentException.class, () -> PosixShell.quote("a\0b"));
        assertThrows(IllegalArgumentException.class, () -> PosixShell.commandLine(List.of()));
    }

    static List<String> splitNul(byte[] out) throws IOException {
        String text = new String(out, StandardCharsets.UTF_8);
        if (!text.endsWith("\0")) {
            throw new IOException("output not NUL-terminated: " + text);
        }
        return Arrays.asList(text.substring(0, text.length() - 1).split("\0", -1));
    }
}
