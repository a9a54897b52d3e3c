package dev.ovnet.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The completion script works in a real bash; the man pages cover every visible command and render. */
class CompletionAndManPageTest {

    @TempDir
    Path dir;

    /** Asks bash to complete each line (as if TAB were pressed at its end); one output line per query. */
    private String complete(Path script, String... lines) throws Exception {
        StringBuilder body = new StringBuilder("source \"$1\" 2>/dev/null\ncomplete -p ovnet\n");
        body.append("q() { COMP_LINE=\"$1\"; COMP_POINT=${#1}; read -ra COMP_WORDS <<< \"$1\";"
                + " [[ \"$1\" == *' ' ]] && COMP_WORDS+=(''); COMP_CWORD=$((${#COMP_WORDS[@]}-1)); COMPREPLY=();"
                + " _complete_ovnet ovnet \"${COMP_WORDS[COMP_CWORD]}\" \"${COMP_WORDS[COMP_CWORD-1]}\" 2>/dev/null;"
                + " echo \"${COMPREPLY[*]}\"; }\n");
        for (String line : lines) {
            body.append("q '").append(line).append("'\n");
        }
        Path test = dir.resolve("query.sh");
        Files.writeString(test, body);
        Process p = new ProcessBuilder("bash", test.toString(), script.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), out);
        return out;
    }

    @Test
    void bashCompletesCommandsSubcommandsAndFlags() throws Exception {
        Cli.Result gen = Cli.run("generate-completion");
        assertEquals(0, gen.exit(), gen::toString);
        Path script = dir.resolve("ovnet.bash");
        Files.writeString(script, gen.out());
        List<String> lines = complete(script, "ovnet pl", "ovnet plan --ta", "ovnet apply --auto", "ovnet state ",
                "ovnet force", "ovnet destroy --", "ovnet gen").lines().toList();
        assertEquals("complete -o default -F _complete_ovnet ovnet", lines.get(0));
        assertEquals("plan", lines.get(1));
        assertEquals("--target", lines.get(2));
        assertEquals("--auto-approve", lines.get(3));
        assertEquals("list show rm", lines.get(4));
        assertEquals("force-unlock", lines.get(5));
        assertTrue(List.of(lines.get(6).split(" ")).containsAll(List.of("--target", "--auto-approve", "--file",
                "--lock-timeout")), lines.get(6));
        assertEquals("", lines.get(7), "hidden commands are not offered");
    }

    @Test
    void zshUsesTheSameScriptThroughBashcompinit() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/zsh")),
                "zsh is not installed (apt-get install zsh)");
        Path script = dir.resolve("ovnet.bash");
        Files.writeString(script, Cli.run("generate-completion").out());
        // zsh's bashcompinit registers the bash function; zsh itself then filters the words by the typed prefix
        String body = """
                autoload -U +X compinit && compinit -u -d "$2/zcompdump"
                autoload -U +X bashcompinit && bashcompinit
                source "$1"
                print -r -- "comps: $_comps[ovnet]"
                setopt ksharrays
                COMP_LINE="ovnet state "; COMP_POINT=${#COMP_LINE}; COMP_WORDS=(ovnet state ""); COMP_CWORD=2
                _complete_ovnet ovnet "" state 2>/dev/null
                print -r -- "state: ${COMPREPLY[*]}"
                COMP_LINE="ovnet apply --"; COMP_POINT=${#COMP_LINE}; COMP_WORDS=(ovnet apply --); COMP_CWORD=2
                _complete_ovnet ovnet -- apply 2>/dev/null
                print -r -- "apply: ${COMPREPLY[*]}"
                """;
        Path test = dir.resolve("query.zsh");
        Files.writeString(test, body);
        Process p = new ProcessBuilder("zsh", "-f", test.toString(), script.toString(), dir.toString())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), out);
        assertTrue(out.contains("comps: _bash_complete -F _complete_ovnet"), out);
        assertTrue(out.contains("state: list show rm"), out);
        List<String> apply = List.of(out.substring(out.indexOf("apply: ") + 7).strip().split(" "));
        assertTrue(apply.containsAll(List.of("--auto-approve", "--target", "--refresh-only")), out);
    }

    @Test
    void everyVisibleCommandGetsAManPageThatRenders() throws Exception {
        Path man = dir.resolve("man1");
        Cli.Result r = Cli.run("gen-manpage", "-d", man.toString());
        assertEquals(0, r.exit(), r::toString);
        List<String> pages;
        try (Stream<Path> files = Files.list(man)) {
            pages = files.map(p -> p.getFileName().toString()).sorted().toList();
        }
        assertTrue(pages.containsAll(List.of("ovnet.1", "ovnet-plan.1", "ovnet-apply.1", "ovnet-destroy.1",
                "ovnet-state-rm.1", "ovnet-force-unlock.1", "ovnet-lab-up.1")), pages.toString());
        assertFalse(pages.contains("ovnet-generate-completion.1"), pages.toString());
        String plan = Files.readString(man.resolve("ovnet-plan.1"));
        assertTrue(plan.startsWith(".TH OVNET\\-PLAN 1 "), plan);
        assertTrue(plan.contains("\\fB\\-\\-target\\fR=\\fINAME\\fR"), plan);
        assertTrue(plan.contains(".SH EXIT STATUS\n.TP\n\\fB0\\fR\n"), plan);
        if (Files.isExecutable(Path.of("/usr/bin/groff"))) {
            Process p = new ProcessBuilder("groff", "-man", "-Tutf8", "-ww", man.resolve("ovnet-apply.1").toString())
                    .start();
            String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            String warnings = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(p.waitFor(30, TimeUnit.SECONDS));
            assertEquals("", warnings);
            String plain = text.replaceAll(".\b", "").replaceAll("\\s+", " ");
            assertTrue(plain.contains("SYNOPSIS ovnet apply [-hV] [--allow-state-outside-config-dir] [--auto-approve]"
                    + " [--full] [--no-color]"
                    + " [--no-rollback] [--refresh-only]"), plain);
            assertTrue(plain.contains("EXIT STATUS 0 every host done"), plain);
        }
    }
}
