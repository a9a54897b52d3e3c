package dev.ovnet.planner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The planner is pure: its main sources use no files, processes, sockets, clocks, sleeps or
 * randomness, so a plan depends only on its inputs. This test reads every source under planner/src/main/java,
 * blanks comments and string literals (a Javadoc may say "never calls Instant.now"), and lists each offending
 * line with the rule it breaks.
 */
class PurityTest {

    /** A forbidden usage: a name for the report and the pattern that finds it in code. */
    record Rule(String name, Pattern pattern) {
        static Rule of(String name, String regex) {
            return new Rule(name, Pattern.compile(regex));
        }
    }

    /** One offending line. */
    record Offence(String file, int line, String rule, String code) {
        @Override
        public String toString() {
            return file + ":" + line + ": " + rule + ": " + code.strip();
        }
    }

    static final List<Rule> FORBIDDEN = List.of(
            Rule.of("java.io.File* (file I/O)", "\\bjava\\s*\\.\\s*io\\s*\\.\\s*(File\\w*|\\*)"),
            Rule.of("java.nio.file (file I/O)", "\\bjava\\s*\\.\\s*nio\\s*\\.\\s*file\\b"),
            Rule.of("java.nio.channels (file and socket I/O)", "\\bjava\\s*\\.\\s*nio\\s*\\.\\s*channels\\b"),
            Rule.of("ProcessBuilder (processes)", "\\bProcessBuilder\\b"),
            Rule.of("Runtime.exec (processes)",
                    "\\bRuntime\\s*\\.\\s*(getRuntime\\s*\\(\\s*\\)\\s*\\.\\s*)?exec\\b"),
            Rule.of("java.net sockets", "\\bjava\\s*\\.\\s*net\\s*\\.\\s*(Socket|ServerSocket|DatagramSocket)\\b"
                    + "|\\bnew\\s+(Socket|ServerSocket|DatagramSocket)\\s*\\("),
            Rule.of("System.currentTimeMillis (clock)", "\\bSystem\\s*\\.\\s*currentTimeMillis\\b"),
            Rule.of("System.nanoTime (clock)", "\\bSystem\\s*\\.\\s*nanoTime\\b"),
            Rule.of("*.now() (clock)",
                    "\\b(Instant|LocalDateTime|LocalDate|LocalTime|OffsetDateTime|ZonedDateTime)\\s*\\.\\s*now\\b"),
            Rule.of("Clock.system* (clock)", "\\bClock\\s*\\.\\s*system\\w*"),
            Rule.of("UUID.randomUUID (randomness)", "\\bUUID\\s*\\.\\s*randomUUID\\b"),
            Rule.of("Math.random / SecureRandom (randomness)", "\\bMath\\s*\\.\\s*random\\b|\\bSecureRandom\\b"),
            Rule.of("Thread.sleep (time)", "\\bThread\\s*\\.\\s*sleep\\b"));

    @Test
    void plannerMainSourcesUseNoIoClocksOrRandomness() throws IOException {
        Path root = mainSources();
        List<Path> files;
        try (Stream<Path> walk = Files.walk(root)) {
            files = walk.filter(p -> p.toString().endsWith(".java")).sorted().toList();
        }
        assertTrue(files.size() >= 40, "expected the planner's sources under " + root + ", found " + files.size());
        List<Offence> offences = new ArrayList<>();
        for (Path file : files) {
            String text = Files.readString(file, StandardCharsets.UTF_8);
            offences.addAll(scan(root.relativize(file).toString(), text));
        }
        assertEquals("", offences.stream().map(Offence::toString).collect(Collectors.joining("\n")),
                offences.size() + " forbidden usage(s) in planner/src/main/java (the planner must stay pure;"
                        + " move I/O to providers and pass results in)");
    }

    @Test
    void scannerFindsAForbiddenLineAndSaysWhere() {
        String sample = """
                package dev.ovnet.planner.plan;

                import java.util.List;

                final class Sneaky {
                    long stamp() {
                        return System.currentTimeMillis();
                    }
                }
                """;
        assertEquals(List.of(new Offence("Sneaky.java", 7, "System.currentTimeMillis (clock)",
                "        return System.currentTimeMillis();")), scan("Sneaky.java", sample));
    }

    @Test
    void scannerFindsEveryRule() {
        List<String> lines = List.of(
                "import java.io.File;",
                "import java.io.FileInputStream;",
                "import java.io.*;",
                "import java.nio.file.Files;",
                "import java.nio.channels.FileChannel;",
                "var p = new ProcessBuilder(\"ip\");",
                "Runtime.getRuntime().exec(argv);",
                "import java.net.Socket;",
                "var s = new DatagramSocket(8285);",
                "long t = System.currentTimeMillis();",
                "long n = System . nanoTime();",
                "var i = Instant.now();",
                "var d = LocalDateTime.now(zone);",
                "var c = Clock.systemUTC();",
                "var u = UUID.randomUUID();",
                "double r = Math.random();",
                "Thread.sleep(100);");
        for (String line : lines) {
            List<Offence> found = scan("X.java", "class X {\n" + line + "\n}\n");
            assertEquals(1, found.size(), line);
            assertEquals(2, found.get(0).line(), line);
        }
        List<String> rulesHit = lines.stream().map(l -> scan("X.java", l).get(0).rule()).distinct().toList();
        assertEquals(FORBIDDEN.size(), rulesHit.size(), "every rule has a sample: " + rulesHit);
    }

    @Test
    void scannerIgnoresCommentsStringsAndLookalikes() {
        String sample = """
                /** Never calls Instant.now() or System.currentTimeMillis(): the caller passes "now" in. */
                final class Clean {
                    // Thread.sleep(10) would make plans slow
                    /* java.nio.file.Files is for providers */
                    String hint = "use java.nio.file in providers; Runtime.exec is not for us";
                    String text = \"""
                        UUID.randomUUID()
                        \""";
                    char quote = '"';
                    String afterQuote = "ProcessBuilder";
                    long nowish(Snapshot s) { return s.nanoTimeTaken() + myInstant.nowhere(); }
                    FileObject file;
                }
                """;
        assertEquals(List.of(), scan("Clean.java", sample));
    }

    /** The offending lines of one source file. */
    static List<Offence> scan(String file, String source) {
        String code = blankCommentsAndLiterals(source);
        String[] codeLines = code.split("\n", -1);
        String[] sourceLines = source.split("\n", -1);
        List<Offence> out = new ArrayList<>();
        for (int i = 0; i < codeLines.length; i++) {
            for (Rule rule : FORBIDDEN) {
                Matcher m = rule.pattern().matcher(codeLines[i]);
                if (m.find()) {
                    out.add(new Offence(file, i + 1, rule.name(), sourceLines[i]));
                }
            }
        }
        return out;
    }

    /** Replaces comments, string, text-block and char literals by spaces, keeping every newline. */
    static String blankCommentsAndLiterals(String s) {
        StringBuilder out = new StringBuilder(s.length());
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (s.startsWith("//", i)) {
                while (i < s.length() && s.charAt(i) != '\n') {
                    out.append(' ');
                    i++;
                }
            } else if (s.startsWith("/*", i)) {
                int end = s.indexOf("*/", i + 2);
                end = end < 0 ? s.length() : end + 2;
                blank(s, i, end, out);
                i = end;
            } else if (s.startsWith("\"\"\"", i)) {
                int end = s.indexOf("\"\"\"", i + 3);
                while (end > 0 && s.charAt(end - 1) == '\\') {
                    end = s.indexOf("\"\"\"", end + 1);
                }
                end = end < 0 ? s.length() : end + 3;
                blank(s, i, end, out);
                i = end;
            } else if (c == '"' || c == '\'') {
                int j = i + 1;
                while (j < s.length() && s.charAt(j) != c && s.charAt(j) != '\n') {
                    j += s.charAt(j) == '\\' ? 2 : 1;
                }
                int end = Math.min(j + 1, s.length());
                blank(s, i, end, out);
                i = end;
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }

    private static void blank(String s, int from, int to, StringBuilder out) {
        for (int k = from; k < to; k++) {
            out.append(s.charAt(k) == '\n' ? '\n' : ' ');
        }
    }

    private static Path mainSources() {
        for (String candidate : List.of("src/main/java", "planner/src/main/java")) {
            Path p = Path.of(candidate).toAbsolutePath();
            if (Files.isDirectory(p.resolve("dev/ovnet/planner"))) {
                return p;
            }
        }
        throw new AssertionError("planner/src/main/java not found from " + Path.of("").toAbsolutePath());
    }
}
