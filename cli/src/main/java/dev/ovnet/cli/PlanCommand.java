package dev.ovnet.cli;

import dev.ovnet.cli.render.HumanPlan;
import dev.ovnet.cli.render.JsonPlan;
import dev.ovnet.cli.render.Style;
import dev.ovnet.planner.plan.Plan;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
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
        exitCodeList = {"0:no changes (or changes, without --detailed-exitcode)", "1:error",
            "2:changes present (with --detailed-exitcode)"})
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
    Options.Parallelism parallelism;

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
        java.util.Optional<PlanKey> key = planFile == null ? java.util.Optional.empty()
                : PlanKey.from(OvnetCommand.env(spec));
        try (Workflow wf = Workflow.open(file, parallelism)) {
            wf.lockAndRead("plan", lock.lockTimeout, err);
            wf.target(target.patterns);
            if (planning.refresh) {
                wf.refresh();
                Reports.unreadHosts(wf.refresh, err);
            }
            Plan plan = wf.plan(planning.refresh, destroy);
            if (refreshOnly) {
                return refreshOnly(plan, out);
            }
            if (json) {
                JsonPlan.write(plan, out, VersionProvider.version());
            } else {
                new HumanPlan(out, new Style(output.color()), planning.full).render(plan);
            }
            if (planFile != null) {
                save(wf, plan, key, json ? err : out);
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

    private void save(Workflow wf, Plan plan, java.util.Optional<PlanKey> key, PrintWriter to) {
        String version = VersionProvider.version();
        SavedPlan saved = new SavedPlan(SavedPlan.FORMAT_VERSION, version,
                Instant.now().truncatedTo(ChronoUnit.SECONDS).toString(), wf.loaded.path().toAbsolutePath().normalize(),
                wf.loaded.sha256(), wf.stateExisted, wf.state.lineage(), wf.state.serial(), SavedPlan.lines(wf.state),
                destroy, planning.refresh, plan.complete(), target.patterns, wf.limitedTo(),
                SavedPlanCheck.sha256(plan, version), wf.refresh.readings(), null);
        PlanFiles.write(planFile, key.map(saved::signedWith).orElse(saved));
        to.println();
        to.println("Saved the plan to: " + planFile);
        to.println();
        to.println("To perform exactly these actions, run: ovnet apply " + Shell.quote(planFile.toString()));
    }

    private int refreshOnly(Plan full, PrintWriter out) {
        Plan driftOnly = new Plan(full.lineage(), full.basedOnSerial(), full.configHash(), true, full.complete(),
                java.util.List.of(), full.drift(), java.util.List.of(), full.next(), java.util.Map.of());
        if (json) {
            JsonPlan.write(driftOnly, out, VersionProvider.version());
        } else if (full.hasDrift()) {
            new HumanPlan(out, new Style(output.color()), planning.full).drift(full, true);
        } else {
            out.println("No changes. No objects have changed outside of ovnet.");
        }
        return detailedExitCode && full.hasDrift() ? ExitCodes.CHANGES_PRESENT : ExitCodes.OK;
    }
}
