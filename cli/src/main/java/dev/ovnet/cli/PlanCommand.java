package dev.ovnet.cli;

import dev.ovnet.cli.render.HumanPlan;
import dev.ovnet.cli.render.JsonPlan;
import dev.ovnet.cli.render.Style;
import dev.ovnet.planner.plan.Plan;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
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

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try (Workflow wf = Workflow.open(file, parallelism)) {
            if (refreshOnly && !planning.refresh) {
                throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                        "--refresh-only reads the hosts: it cannot be combined with --refresh=false");
            }
            wf.lockAndRead("plan", lock.lockTimeout, err);
            if (planning.refresh) {
                wf.refresh();
                Reports.unreadHosts(wf.refresh, err);
            }
            Plan plan = wf.plan(planning.refresh, false);
            if (refreshOnly) {
                return refreshOnly(plan, out);
            }
            if (json) {
                JsonPlan.write(plan, out, VersionProvider.version());
            } else {
                new HumanPlan(out, new Style(output.color()), planning.full).render(plan);
            }
            return detailedExitCode && plan.hasChanges() ? ExitCodes.CHANGES_PRESENT : ExitCodes.OK;
        }
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
