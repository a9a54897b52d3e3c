package dev.ovnet.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ovnet.planner.model.KernelObject;
import dev.ovnet.planner.model.Sysctl;
import dev.ovnet.planner.spi.ApplyListener;
import dev.ovnet.planner.spi.ApplyResult;
import dev.ovnet.planner.spi.Verification;
import dev.ovnet.planner.state.State;
import dev.ovnet.planner.testing.FakeNetwork;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Words a newcomer meets in the first hour: flags refused with the fix, counts that read right, a destroy that says so. */
class FirstHourTest {

    @TempDir
    Path dir;

    @Test
    void aParallelismBelowOneIsRefusedWithTheFix() throws Exception {
        Cli cli = new Cli(dir);
        for (String n : List.of("0", "-3")) {
            Cli.Result r = Cli.run("plan", "--refresh=false", "--parallelism", n, "-f", cli.yaml.toString());
            assertEquals(1, r.exit(), r::toString);
            assertTrue(r.err().contains("--parallelism must be at least 1 (the hosts worked on at once), not " + n
                    + "; e.g. --parallelism 10"), r::toString);
            assertFalse(Files.exists(dir.resolve("state.json")), "nothing was done");
        }
        assertEquals(0, Cli.run("plan", "--refresh=false", "--parallelism", "1", "-f", cli.yaml.toString()).exit());
    }

    @Test
    void progressCountsOneChangeAsOne() {
        StringWriter text = new StringWriter();
        Progress progress = new Progress(new PrintWriter(text, true), "applying");
        progress.hostStarted("node-1", 1);
        progress.hostFinished("node-1", new ApplyResult(List.of(), null));
        progress.hostStarted("node-2", 1234);
        assertEquals("node-1: applying 1 change...\nnode-1: done, 0 changes\nnode-2: applying 1,234 changes...\n",
                text.toString().replace(System.lineSeparator(), "\n"));
    }

    @Test
    void aDestroyWithNothingLeftSaysSoInsteadOfMatchingTheConfiguration() throws Exception {
        Cli cli = new Cli(dir);
        Cli.Result destroy = Cli.run("destroy", "--refresh=false", "--auto-approve", "-f", cli.yaml.toString());
        assertEquals(0, destroy.exit(), destroy::toString);
        assertTrue(destroy.out().contains("No changes. Nothing of ovnet's is left to remove."), destroy::toString);
        assertFalse(destroy.out().contains("matches the configuration"), destroy::toString);
        Cli.Result plan = Cli.run("plan", "--refresh=false", "--destroy", "-f", cli.yaml.toString());
        assertTrue(plan.out().contains("Nothing of ovnet's is left to remove."), plan::toString);
    }

    @Test
    void withoutATerminalTheHintIsTheCommandAsTypedWithAutoApprove() throws Exception {
        Cli cli = new Cli(dir);
        Cli.Result r = Cli.run("apply", "--refresh=false", "-f", cli.yaml.toString());
        assertEquals(1, r.exit(), r::toString);
        assertTrue(r.err().contains("there is no terminal to ask on"), r::toString);
        assertTrue(r.err().contains("then run: ovnet apply --refresh=false -f " + cli.yaml + " --auto-approve"),
                r::toString);
    }

    @Test
    void aFileWithoutMinusFIsNamedWithTheCommandThatWorks() throws Exception {
        Cli cli = new Cli(dir);
        Cli.Result r = Cli.run("plan", cli.yaml.toString());
        assertEquals(1, r.exit(), r::toString);
        assertTrue(r.err().contains(cli.yaml + " was given without -f: the configuration file goes after -f"),
                r::toString);
        assertTrue(r.err().contains("run: ovnet plan -f " + cli.yaml), r::toString);
        assertFalse(r.err().contains("Unmatched argument"), r::toString);
    }

    @Test
    void aStalePlanHintNeverSuggestsWritingOverTheConfigurationOrTheState() throws Exception {
        Cli cli = new Cli(dir);
        cli.applied();
        Path state = dir.resolve("state.json");
        for (Path notAPlan : List.of(cli.yaml, state)) {
            Cli.Result r = Cli.run("apply", notAPlan.toString());
            assertEquals(1, r.exit(), r::toString);
            assertFalse(r.err().contains("-out " + notAPlan), r::toString);
            assertTrue(r.err().contains("-out "), r::toString);
        }
        assertTrue(Cli.run("apply", cli.yaml.toString()).err().contains("to apply it run 'ovnet apply -f " + cli.yaml
                + "'; to save a plan of it: ovnet plan -f " + cli.yaml + " -out ovnet.plan"));

        Path plan = dir.resolve("p.plan");
        assertEquals(0, Cli.run("plan", "--refresh=false", "-f", cli.yaml.toString(), "-out", plan.toString()).exit());
        cli.store().write(StateCommand.without(cli.store().read().orElseThrow(), java.util.Set.of("node-3")));
        Cli.Result stale = Cli.run("apply", plan.toString());
        assertEquals(1, stale.exit(), stale::toString);
        assertTrue(stale.err().contains("Saved plan is stale"), stale::toString);
        assertTrue(stale.err().contains("make a new plan and review it: ovnet plan -f " + cli.yaml + " -out " + plan),
                stale::toString);
        String text = Files.readString(plan);
        Files.writeString(plan, text.replaceFirst("\"ovnet_version\" : \"[^\"]*\"", "\"ovnet_version\" : \"0.0.1\""));
        Cli.Result other = Cli.run("apply", plan.toString());
        assertTrue(other.err().contains("make the plan again with this ovnet: ovnet plan -f " + cli.yaml + " -out "
                + plan), other::toString);
    }

    @Test
    void terraformsSingleDashSpellingsAreAccepted() throws Exception {
        Cli cli = new Cli(dir);
        Path plan = dir.resolve("p.plan");
        Cli.Result r = Cli.run("plan", "-refresh=false", "-detailed-exitcode", "-lock-timeout=30s", "-target=node-1",
                "-parallelism=2", "-no-color", "-f", cli.yaml.toString(), "-out=" + plan);
        assertEquals(2, r.exit(), r::toString);
        assertTrue(r.out().contains("# node-1"), r::toString);
        assertFalse(r.out().contains("# node-2"), r::toString);
        assertTrue(Files.exists(plan), "-out=FILE saved the plan");
        Cli.Result destroy = Cli.run("destroy", "-auto-approve", "-refresh=false", "-f", cli.yaml.toString());
        assertEquals(0, destroy.exit(), destroy::toString);

        Cli.Result vars = Cli.run("plan", "-var-file=prod.tfvars", "-f", cli.yaml.toString());
        assertEquals(1, vars.exit(), vars::toString);
        assertTrue(vars.err().contains("Error: -var-file is Terraform's: ovnet has no variables, every value is in the"
                + " configuration file"), vars::toString);
    }

    @Test
    void anUnreadableHostIsNamedWithItsCauseAndACommandThatFixesIt() throws Exception {
        Cli cli = new Cli(dir);
        cli.applied();
        Path stale = Path.of("/run/netns/oux-stale-" + ProcessHandle.current().pid());
        boolean canMakeStale = Files.isWritable(Path.of("/run/netns"));
        if (canMakeStale) {
            // a namespace file that holds no namespace, as a crash leaves it
            Files.writeString(cli.yaml, Files.readString(cli.yaml).replace("ovnet-unit-none-2",
                    stale.getFileName().toString()));
            Files.createFile(stale);
        }
        try {
            Cli.Result r = Cli.run("plan", "-f", cli.yaml.toString());
            assertEquals(1, r.exit(), r::toString);
            assertTrue(r.err().contains("Error: could not read node-1: network namespace ovnet-unit-none-1 does not"
                    + " exist (no /run/netns/ovnet-unit-none-1)"), r::toString);
            assertTrue(r.err().contains("if its namespace ovnet-unit-none-1 is missing, create it: ovnet lab up -f "
                    + cli.yaml), r::toString);
            assertTrue(r.err().contains("if node-1 is gone for good, forget it: ovnet state rm node-1 -f " + cli.yaml),
                    r::toString);
            assertTrue(r.err().contains("3 hosts could not be read"), r::toString);
            assertFalse(r.err().contains("command: ip"), r::toString);
            if (canMakeStale) {
                assertTrue(r.err().contains("could not read node-2: network namespace " + stale.getFileName()
                        + " does not exist: " + stale + " is left behind but holds no namespace (a lab taken down part-way, or a"
                        + " crash); remove it first with 'ip netns del " + stale.getFileName() + "'"), r::toString);
            }
        } finally {
            Files.deleteIfExists(stale);
        }
    }

    @Test
    void aVerifiedApplySaysWhatItProved() {
        StringWriter text = new StringWriter();
        VerifyTimer timer = new VerifyTimer(new Progress(new PrintWriter(text, true), "applying"));
        assertEquals(null, timer.summary(), "no summary without --verify");
        timer.hostProgress("node-1", 0, 0, "verifying");
        timer.verified(new Verification(3, 6, 6));
        assertTrue(timer.summary().matches("Verified: 3 hosts probed 6 peers across the overlay, 6 answered"
                + " \\((\\d+ ms|\\d+\\.\\d s)\\)\\."), timer::summary);
        VerifyTimer one = new VerifyTimer(ApplyListener.NONE);
        one.verified(new Verification(1, 1, 1));
        assertEquals("Verified: 1 host probed 1 peer across the overlay, 1 answered (0 ms).", one.summary());
    }

    @Test
    void showLinesUpItsColumnsAndSaysSoWhenNothingIsRecorded() throws Exception {
        Cli cli = new Cli(dir);
        State applied = cli.applied();
        Cli.Result show = Cli.run("show", "-f", cli.yaml.toString());
        assertEquals(0, show.exit(), show::toString);
        List<String> lines = show.out().lines().dropWhile(l -> !l.startsWith("HOST")).toList();
        String header = lines.get(0);
        int objectsEnd = header.indexOf("OBJECTS") + "OBJECTS".length();
        int appliedAt = header.indexOf("LAST APPLIED");
        assertEquals(4, lines.size(), show::toString);
        for (String row : lines.subList(1, lines.size())) {
            assertTrue(Character.isDigit(row.charAt(objectsEnd - 1)) && row.charAt(objectsEnd) == ' ',
                    "the count ends under OBJECTS:\n" + header + "\n" + row);
            assertTrue(row.startsWith("2026-01-01T00:00:00Z (serial 1)", appliedAt),
                    "LAST APPLIED starts under its heading:\n" + header + "\n" + row);
        }

        cli.store().write(StateCommand.without(applied, java.util.Set.of("node-1", "node-2", "node-3")));
        Cli.Result empty = Cli.run("show", "-f", cli.yaml.toString());
        assertEquals(0, empty.exit(), empty::toString);
        assertFalse(empty.out().contains("HOST"), empty::toString);
        assertTrue(empty.out().contains("No hosts are recorded: nothing of ovnet's is on any host (as after a"
                + " destroy). Run 'ovnet apply -f " + cli.yaml + "' to build the network."), empty::toString);
    }

    @Test
    void countsReadRightInEveryMessage() {
        assertEquals("1 host", Plural.of(1, "host"));
        assertEquals("12 changes", Plural.of(12, "change"));
        assertEquals("0 namespaces", Plural.of(0, "namespace"));
    }

    @Test
    void aDriftCheckSaysWhatToDoNext() throws Exception {
        Cli cli = new Cli(dir);
        FakeNetwork hosts = new FakeNetwork();
        Cli.Result apply = Cli.runOver(hosts, "apply", "--auto-approve", "-f", cli.yaml.toString());
        assertEquals(0, apply.exit(), apply::toString);
        Cli.Result none = Cli.runOver(hosts, "plan", "--refresh-only", "-f", cli.yaml.toString());
        assertTrue(none.out().contains("No changes.") && !none.out().contains("To repair"), none::toString);
        List<KernelObject> held = new java.util.ArrayList<>(hosts.objects.get("node-1"));
        held.removeIf(o -> o instanceof Sysctl);
        held.add(new Sysctl("net.ipv4.ip_forward", "0"));
        hosts.objects.put("node-1", held);

        Cli.Result drift = Cli.runOver(hosts, "plan", "--refresh-only", "--detailed-exitcode", "-f",
                cli.yaml.toString());
        assertEquals(2, drift.exit(), drift::toString);
        assertTrue(drift.out().contains("To repair this drift, run 'ovnet apply -f " + cli.yaml + "': it puts back"
                + " what the configuration says. To keep the hosts as they are, change " + cli.yaml + " to describe"
                + " them instead; 'ovnet apply --refresh-only -f " + cli.yaml + "' records what is there in the state"
                + " without changing any host."), drift::toString);
    }

    @Test
    void aJsonPlanOfNothingRecordedIsTheSameEveryTime() throws Exception {
        Cli cli = new Cli(dir);
        Cli.Result first = Cli.run("plan", "--refresh=false", "--json", "-f", cli.yaml.toString());
        Cli.Result second = Cli.run("plan", "--refresh=false", "--json", "-f", cli.yaml.toString());
        assertEquals(0, first.exit(), first::toString);
        assertTrue(first.out().contains("\"lineage\""), first::toString);
        assertEquals(first.out(), second.out(), "same file, no state: the same plan, lineage included");
        Files.writeString(cli.yaml, Files.readString(cli.yaml).replace("path: state.json", "path: other.json"));
        Cli.Result other = Cli.run("plan", "--refresh=false", "--json", "-f", cli.yaml.toString());
        assertFalse(lineage(other.out()).equals(lineage(first.out())), "another state gets another lineage");
    }

    private static String lineage(String json) {
        return json.replaceAll("(?s).*\"lineage\"\\s*:\\s*\"([^\"]*)\".*", "$1");
    }

    @Test
    void renamingTheNetworkWarnsThatEveryVtepMacChangesAndWhy() throws Exception {
        Cli cli = new Cli(dir);
        cli.applied();
        Files.writeString(cli.yaml, Files.readString(cli.yaml).replace("name: unit", "name: renamed"));
        Cli.Result plan = Cli.run("plan", "--refresh=false", "-f", cli.yaml.toString());
        assertEquals(0, plan.exit(), plan::toString);
        assertTrue(plan.all().contains("the network name changes from unit to renamed: every VTEP MAC is derived from"
                + " the network name, so every host's vxlan device gets a new MAC and is replaced"), plan::toString);
        assertTrue(plan.all().contains("(keep name: unit to avoid it)"), plan::toString);
    }

    @Test
    void errorsAndWarningsStandOutOnATerminalAndArePlainOtherwise() throws Exception {
        Cli cli = new Cli(dir);
        String missing = dir.resolve("missing.yaml").toString();
        String red = "\u001b[1;31mError:\u001b[0m ";
        Cli.Result coloured = Cli.onTerminal(Map.of(), "validate", "-f", missing);
        assertEquals(1, coloured.exit(), coloured::toString);
        assertTrue(coloured.err().startsWith(red), coloured::toString);
        assertTrue(Cli.onTerminal(Map.of(), "plan", "--parallelism", "0", "-f", missing).err().startsWith(red),
                "a refused flag is an error too");
        for (Cli.Result plain : List.of(Cli.onTerminal(Map.of(), "plan", "--no-color", "-f", missing),
                Cli.onTerminal(Map.of("NO_COLOR", "1"), "plan", "-f", missing),
                Cli.run("plan", "-f", missing))) {
            assertTrue(plain.err().startsWith("Error: ") && !plain.err().contains("\u001b"), plain::toString);
        }

        cli.applied();
        Files.writeString(cli.yaml, Files.readString(cli.yaml).replace("name: unit", "name: renamed"));
        Cli.Result warned = Cli.onTerminal(Map.of(), "plan", "--refresh=false", "-f", cli.yaml.toString());
        assertTrue(warned.out().contains("\u001b[1;33mWarning:\u001b[0m the network name changes"), warned::toString);
        Cli.Result plainWarning = Cli.onTerminal(Map.of(), "plan", "--refresh=false", "-no-color", "-f",
                cli.yaml.toString());
        assertTrue(plainWarning.out().contains("Warning: the network name changes")
                && !plainWarning.out().contains("\u001b"), plainWarning::toString);
    }

    @Test
    void eachCommandsHelpListsOnlyItsOwnExitCodes() {
        for (String command : List.of("validate", "show", "state list", "state rm", "lab up", "lab check", "lab down",
                "lab status", "import", "force-unlock", "state", "lab")) {
            List<String> args = new java.util.ArrayList<>(List.of(command.split(" ")));
            args.add("--help");
            Cli.Result help = Cli.run(args.toArray(String[]::new));
            assertEquals(0, help.exit(), help::toString);
            String codes = help.out().substring(help.out().indexOf("Exit codes:"));
            assertTrue(codes.contains("  0 ") && codes.contains("  1 "), command + ":\n" + codes);
            assertFalse(codes.contains("  2 ") || codes.contains("  3 ") || codes.contains("plan:")
                    || codes.contains("apply/destroy"), command + " lists codes of other commands:\n" + codes);
        }
        String plan = Cli.run("plan", "--help").out();
        assertTrue(plan.contains("  2 ") && !plan.contains("  3 "), plan);
        String apply = Cli.run("apply", "--help").out();
        assertTrue(apply.contains("  3 ") && !apply.contains("  2 "), apply);
        assertTrue(Cli.run("validate", "--help").out().contains("the file is valid"));
        String all = Cli.run("--help").out();
        assertTrue(all.contains("  2 ") && all.contains("  3 "), "ovnet --help keeps the whole table");
    }

    @Test
    void stateShowListsWhatTheStateRecordsForOneHost() throws Exception {
        Cli cli = new Cli(dir);
        cli.applied();
        Cli.Result human = Cli.run("state", "show", "node-2", "-f", cli.yaml.toString());
        assertEquals(0, human.exit(), human::toString);
        assertTrue(human.out().startsWith("# node-2 (status applied; last applied 2026-01-01T00:00:00Z at serial 1)"),
                human::toString);
        assertTrue(human.out().contains("    link flannel.1 type vxlan id 1 local 192.0.2.12"), human::toString);
        assertTrue(human.out().contains("dst 192.0.2.11 self permanent"), "peer entries are listed" + human);
        long listed = human.out().lines().filter(l -> l.startsWith("    ") && !l.contains("address 192.0.2.12 via")
                && !l.contains("lease ")).count();
        assertTrue(human.out().contains(Plural.of(listed, "object") + " recorded for node-2."), human::toString);

        Cli.Result json = Cli.run("state", "show", "node-2", "--json", "-f", cli.yaml.toString());
        assertEquals(0, json.exit(), json::toString);
        var node = new com.fasterxml.jackson.databind.ObjectMapper().readTree(json.out());
        assertEquals("node-2", node.get("name").asText());
        assertEquals(listed, node.get("objects").size(), json::toString);
        assertTrue(json.out().contains("\"kind\" : \"vxlan\""), json::toString);

        Cli.Result unknown = Cli.run("state", "show", "node-9", "-f", cli.yaml.toString());
        assertEquals(1, unknown.exit(), unknown::toString);
        assertTrue(unknown.err().contains("node-9 is not in the state") && unknown.err().contains("node-1, node-2,"
                + " node-3"), unknown::toString);
    }

    @Test
    void initWritesACommentedStarterThatValidatesAndNeverOverwrites() throws Exception {
        Path file = dir.resolve("ovnet.yaml");
        Cli.Result init = Cli.run("init", "-f", file.toString());
        assertEquals(0, init.exit(), init::toString);
        String written = Files.readString(file);
        assertTrue(written.startsWith("# ovnet.yaml:") && written.contains("# subnetLength: 24"), written);
        Cli.Result valid = Cli.run("validate", "-f", file.toString());
        assertEquals(0, valid.exit(), valid::toString);

        Files.writeString(file, "network: {pool: 10.1.0.0/16}\n");
        Cli.Result again = Cli.run("init", "-f", file.toString());
        assertEquals(1, again.exit(), again::toString);
        assertTrue(again.err().contains(file + " exists already, and ovnet init never overwrites a file"),
                again::toString);
        assertEquals("network: {pool: 10.1.0.0/16}\n", Files.readString(file), "the file is as it was");
    }

    @Test
    void everyCommandIsDocumentedAndHasAManPage() throws Exception {
        List<String> headings = Files.readAllLines(Path.of("../docs/operations.md")).stream()
                .filter(l -> l.startsWith("### `ovnet ")).toList();
        Path man = dir.resolve("man1");
        assertEquals(0, Cli.run("gen-manpage", "-d", man.toString()).exit());
        List<String> commands = new java.util.ArrayList<>();
        collect(Main.commandLine(), commands);
        assertTrue(commands.containsAll(List.of("init", "import", "lab status", "state show")), commands::toString);
        for (String command : commands) {
            String[] words = command.split(" ");
            assertTrue(headings.stream().anyMatch(h -> h.startsWith("### `ovnet " + words[0] + (words.length == 1
                    ? "" : " ")) && (words.length == 1 || h.contains(words[1]))),
                    "docs/operations.md has no section for ovnet " + command + ": " + headings);
            if (!command.equals("forward")) {
                assertTrue(Files.exists(man.resolve("ovnet-" + command.replace(' ', '-') + ".1")),
                        "no man page for ovnet " + command);
            }
        }
    }

    /** The visible commands under {@code parent}, as typed after "ovnet ". */
    private static void collect(picocli.CommandLine parent, List<String> into) {
        for (picocli.CommandLine sub : parent.getSubcommands().values()) {
            if (!sub.getCommandSpec().usageMessage().hidden()) {
                into.add(sub.getCommandSpec().qualifiedName(" ").replaceFirst("^\\S+ ", ""));
                collect(sub, into);
            }
        }
    }
}
