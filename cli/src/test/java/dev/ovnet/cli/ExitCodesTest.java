package dev.ovnet.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Exit codes as scripts see them: 1 for every error (bad flags included, never 2), 2 only for changes present. */
class ExitCodesTest {

    @TempDir
    Path dir;

    @Test
    void badFlagsAndArgumentsExitOneNeverTwo() throws Exception {
        Cli cli = new Cli(dir);
        String f = cli.yaml.toString();
        for (String[] args : new String[][] {
            {"plan", "--nope"}, {"apply", "--parallelism=many", "-f", f}, {"plan", "--lock-timeout", "soon"},
            {"frobnicate"}, {"state", "rm"}, {"force-unlock"}, {"destroy", "extra-arg"},
            {"plan", "--refresh-only", "--refresh=false", "-f", f}, {"plan", "--refresh-only", "-out", "x", "-f", f},
        }) {
            Cli.Result r = Cli.run(args);
            assertEquals(1, r.exit(), () -> String.join(" ", args) + "\n" + r);
            assertTrue(r.err().startsWith("Error: "), () -> String.join(" ", args) + "\n" + r);
            assertFalse(r.err().contains("Exception"), r::toString);
        }
        assertTrue(Cli.run("plan", "--nope").err().contains("Run 'ovnet plan --help' for usage."));
    }

    @Test
    void errorsOfTheWorkExitOne() throws Exception {
        Cli cli = new Cli(dir);
        Cli.Result missing = Cli.run("plan", "-f", dir.resolve("none.yaml").toString());
        assertEquals(1, missing.exit(), missing::toString);
        Cli.Result target = Cli.run("plan", "--refresh=false", "--target", "web-*", "-f", cli.yaml.toString());
        assertEquals(1, target.exit(), target::toString);
        assertTrue(target.err().contains("--target web-* matches no host (hosts: node-1, node-2, node-3)"),
                target::toString);
    }

    @Test
    void detailedExitCodeIsTwoOnlyWithChangesAndOnlyWhenAskedFor() throws Exception {
        Cli cli = new Cli(dir);
        String f = cli.yaml.toString();
        Cli.Result changes = Cli.run("plan", "--refresh=false", "--detailed-exitcode", "-f", f);
        assertEquals(2, changes.exit(), changes::toString);
        assertTrue(changes.out().contains("Plan: "), changes::toString);
        assertEquals(0, Cli.run("plan", "--refresh=false", "-f", f).exit());
        cli.applied();
        Cli.Result none = Cli.run("plan", "--refresh=false", "--detailed-exitcode", "-f", f);
        assertEquals(0, none.exit(), none::toString);
        assertTrue(none.out().contains("No changes."), none::toString);
        Cli.Result json = Cli.run("plan", "--refresh=false", "--detailed-exitcode", "--json", "--destroy", "-f", f);
        assertEquals(2, json.exit(), json::toString);
        var summary = new com.fasterxml.jackson.databind.ObjectMapper().readTree(json.out()).get("summary");
        assertEquals(0, summary.get("add").asInt(), json::toString);
        assertTrue(summary.get("destroy").asInt() > 30, json::toString);
    }

    @Test
    void helpListsTheExitCodesOfEveryCommand() {
        Cli.Result root = Cli.run("--help");
        assertEquals(0, root.exit());
        assertTrue(root.out().contains("Exit codes:"), root::toString);
        assertTrue(root.out().contains("  2   plan --detailed-exitcode"), root::toString);
        assertTrue(root.out().contains("  3   apply/destroy"), root::toString);
        assertFalse(root.out().contains("generate-completion"), "hidden commands stay hidden");
        Cli.Result plan = Cli.run("plan", "--help");
        assertEquals(0, plan.exit(), plan::toString);
        assertTrue(plan.out().contains("2   changes present (with --detailed-exitcode"), plan::toString);
        assertTrue(plan.out().replaceAll("\\s+", " ").contains("a host that could not be read"), plan::toString);
        assertTrue(plan.out().contains("-out, --out=PLANFILE"), plan::toString);
        Cli.Result apply = Cli.run("apply", "-h");
        assertTrue(apply.out().contains("[PLANFILE]") && apply.out().contains("--target=NAME"), apply::toString);
        String applyHelp = apply.out().replaceAll("\\s+", " ");
        assertTrue(applyHelp.contains("3 some hosts failed or could not be read while others"), apply::toString);
        assertTrue(applyHelp.contains("or no host finished"), apply::toString);
        assertEquals(0, Cli.run("state", "rm", "--help").exit());
        assertTrue(Cli.run("--version").out().startsWith("ovnet "));
    }
}
