package dev.ovnet.cli;

import dev.ovnet.cli.render.HumanPlan;
import dev.ovnet.cli.render.JsonPlan;
import dev.ovnet.cli.render.Style;
import dev.ovnet.planner.engine.Session;
import dev.ovnet.planner.plan.HostProblem;
import dev.ovnet.planner.plan.Plan;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code ovnet plan}: what apply would change on every host. */
@Command(name = "plan", description = "Show what apply would change on every host, and what drifted.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:no changes (or changes, without --detailed-exitcode), and every host was read",
            "1:error: a bad file or flag, a state or lock problem, a host that could not be read (the plan of the"
                    + " others is still shown), or a preflight problem on a host; -out saves nothing then",
            "2:changes present (with --detailed-exitcode; with --refresh-only: drift present)"})
final class PlanCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    Options.ConfigFile file;

    @Mixin
    Options.Output output;

    @Mixin
    Options.Lock lock;

    @Mixin
    Options.HostAccess parallelism;

    @Mixin
    Options.Planning planning;

    @Option(names = "--json", description = "Print the plan as JSON (docs/json.md).")
    boolean json;

    @Option(names = "--detailed-exitcode", description = "Exit 2 when there are changes, 0 when none, 1 on error.")
    boolean detailedExitCode;

    @Option(names = "--refresh-only",
            description = "Show only drift: what changed on the hosts outside ovnet (with --detailed-exitcode, 2 = drift).")
    boolean refreshOnly;

    @Option(names = {"-out", "--out"}, paramLabel = "PLANFILE",
            description = "Also save the plan to PLANFILE (mode 0600); 'ovnet apply PLANFILE' then applies exactly it.")
    Path planFile;

    @Option(names = "--destroy", description = "Plan what 'ovnet destroy' would do (to save it with -out).")
    boolean destroy;

    @Mixin
    TargetOption target;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        checkOptions();
        Optional<PlanKey> key = planFile == null ? Optional.empty()
                : PlanKey.from(OvnetCommand.env(spec));
        LoadedConfig loaded = LoadedConfig.load(file);
        try (Session session = OvnetCommand.wiring(spec).session(loaded, parallelism)) {
            if (planFile != null) {
                PlanFiles.refuseOverwrite(planFile, loaded.path(), session.store());
            }
            Reports.lock(session, "plan", lock.lockTimeout, err);
            session.target(target.patterns);
            if (planning.refresh) {
                session.refresh();
            }
            Plan plan = session.plan(planning.refresh, destroy);
            Style style = new Style(output.color());
            if (refreshOnly) {
                return refreshOnly(plan, style, out, err);
            }
            if (json) {
                JsonPlan.write(plan, out, VersionProvider.version());
            } else {
                new HumanPlan(out, style, planning.full).render(plan);
            }
            if (!plan.problems().isEmpty()) {
                out.flush();
                Reports.problems(plan.problems(), style, err);
                err.println(style.error() + "this plan cannot be trusted as it is: " + problemsLine(plan)
                        + (planFile == null ? "." : "; it was not saved."));
                return ExitCodes.ERROR;
            }
            if (planFile != null) {
                save(loaded, session, plan, key, json ? err : out);
            } else if (!json && plan.hasChanges() && !"true".equalsIgnoreCase(System.getenv("CI"))) {
                out.println();
                out.println("Note: You didn't use the -out option to save this plan, so ovnet can't guarantee to take"
                        + " exactly these actions if you run \"ovnet apply\" now.");
            }
            return detailedExitCode && plan.hasChanges() ? ExitCodes.CHANGES_PRESENT : ExitCodes.OK;
        }
    }

    private void checkOptions() {
        if (refreshOnly && !planning.refresh) {
            throw new ParameterException(spec.commandLine(),
                    "--refresh-only reads the hosts: it cannot be combined with --refresh=false");
        }
        if (refreshOnly && (planFile != null || destroy || !target.patterns.isEmpty())) {
            throw new ParameterException(spec.commandLine(), "--refresh-only cannot be combined with -out, --destroy"
                    + " or --target; record drift with 'ovnet apply --refresh-only'");
        }
    }

    private void save(LoadedConfig loaded, Session session, Plan plan, Optional<PlanKey> key,
            PrintWriter to) {
        String version = VersionProvider.version();
        SavedPlan saved = new SavedPlan(SavedPlan.FORMAT_VERSION, version,
                Instant.now().truncatedTo(ChronoUnit.SECONDS).toString(), loaded.path().toAbsolutePath().normalize(),
                loaded.sha256(), session.stateExisted(), session.state().lineage(), session.state().serial(),
                SavedPlan.lines(session.state()), destroy, planning.refresh, plan.complete(), target.patterns, session.limitedTo(),
                SavedPlanCheck.sha256(plan, version), session.refreshed().readings(), null);
        PlanFiles.write(planFile, key.map(saved::signedWith).orElse(saved));
        to.println();
        to.println("Saved the plan to: " + planFile);
        to.println();
        to.println("To perform exactly these actions, run: ovnet apply " + Shell.quote(planFile.toString()));
    }

    /** What the problems are, in a few words: "2 hosts could not be read (a, b)", "1 preflight problem". */
    static String problemsLine(Plan plan) {
        List<String> parts = new ArrayList<>();
        if (!plan.unread().isEmpty()) {
            parts.add(Plural.of(plan.unread().size(), "host") + " could not be read ("
                    + String.join(", ", plan.unread()) + ")");
        }
        int clashes = plan.problems(HostProblem.Kind.CLASH).size();
        if (clashes > 0) {
            parts.add(Plural.of(clashes, "preflight problem") + " on the hosts");
        }
        return String.join(" and ", parts);
    }

    /** The drift check: only drift is shown; a host that could not be read makes it an error, never "no drift". */
    private int refreshOnly(Plan full, Style style, PrintWriter out, PrintWriter err) {
        List<HostProblem> unread = full.problems(HostProblem.Kind.UNREAD);
        Plan driftOnly = new Plan(full.lineage(), full.basedOnSerial(), full.configHash(), true, full.complete(),
                List.of(), full.drift(), List.of(), full.next(), Map.of(), unread);
        if (json) {
            JsonPlan.write(driftOnly, out, VersionProvider.version());
        } else if (full.hasDrift()) {
            new HumanPlan(out, style, planning.full).drift(full, true);
            if (unread.isEmpty()) {
                String f = " -f " + Shell.quote(file.file.toString());
                out.println();
                out.println("To repair this drift, run 'ovnet apply" + f + "': it puts back what the configuration"
                        + " says. To keep the hosts as they are, change " + file.file + " to describe them instead;"
                        + " 'ovnet apply --refresh-only" + f + "' records what is there in the state without"
                        + " changing any host.");
            }
        } else if (unread.isEmpty()) {
            out.println("No changes. No objects have changed outside of ovnet.");
        } else {
            out.println("No objects have changed outside of ovnet on the hosts that were read.");
        }
        if (!unread.isEmpty()) {
            out.flush();
            Reports.problems(unread, style, err);
            err.println(style.error() + "the drift check is incomplete: " + problemsLine(driftOnly) + ".");
            return ExitCodes.ERROR;
        }
        return detailedExitCode && full.hasDrift() ? ExitCodes.CHANGES_PRESENT : ExitCodes.OK;
    }
}
