package dev.ovnet.cli;

import dev.ovnet.cli.render.Style;
import dev.ovnet.planner.engine.Session;
import dev.ovnet.planner.plan.Plan;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code ovnet apply}: plan, confirm, make it so, record what was done; or apply a saved plan as it is. */
@Command(name = "apply", description = {"Make every host match the configuration.",
        "With PLANFILE (from 'ovnet plan -out PLANFILE'): apply exactly that plan, without a prompt; refused when"
                + " the configuration or the state changed since it was saved."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:every host done (or nothing to do), and every host was read",
            "1:error before any host was touched (file, state, lock, stale plan, a preflight problem), cancelled at"
                    + " the prompt, or no host finished (every host with work failed or could not be read)",
            "3:some hosts failed or could not be read while others completed; the state says what each has"})
final class ApplyCommand implements Callable<Integer> {

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
    Options.AgentTimeout agents;

    @Mixin
    Options.Planning planning;

    @Mixin
    TargetOption target;

    @Option(names = "--auto-approve", description = "Apply without asking for confirmation.")
    boolean autoApprove;

    @Option(names = "--refresh-only",
            description = "Record in the state what is really on the hosts, without changing any host.")
    boolean refreshOnly;

    @Option(names = "--no-rollback", description = "When a host fails part-way, leave it as it is (the state lists"
            + " what it holds) instead of putting it back as it was before this apply.")
    boolean noRollback;

    @Option(names = "--verify", description = "After applying, have every changed host ping up to 3 peers across the"
            + " overlay; a host none of whose peers answers is rolled back (unless --no-rollback).")
    boolean verify;

    @Option(names = "--rotate-key", paramLabel = "HOST", description = "wireguard: give HOST a new private key"
            + " (made on the host) and its peers the new public key, in this apply. Repeatable.")
    List<String> rotateKeys = new ArrayList<>();

    @Parameters(arity = "0..1", paramLabel = "PLANFILE", description = "A plan saved with 'ovnet plan -out'.")
    Path planFile;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (planFile != null) {
            return applySaved(out, err);
        }
        if (refreshOnly && !target.patterns.isEmpty()) {
            throw new ParameterException(spec.commandLine(), "--refresh-only cannot be combined with --target");
        }
        LoadedConfig loaded = LoadedConfig.load(file);
        try (Session session = OvnetCommand.wiring(spec).session(loaded, parallelism)) {
            Reports.lock(session, "apply", lock.lockTimeout, err);
            session.guard(!noRollback, verify);
            if (refreshOnly) {
                return ApplyFlow.refreshOnly(session, autoApprove, new Style(output.color()), out, err);
            }
            session.target(target.patterns);
            session.rotateKeys(rotateKeys);
            return ApplyFlow.run(session, false, planning.refresh, autoApprove, planning.full, new Style(output.color()),
                    out, err, OvnetCommand.wiring(spec).handover(loaded, agents.agentTimeout, out));
        }
    }

    private int applySaved(PrintWriter out, PrintWriter err) {
        var parsed = spec.commandLine().getParseResult();
        for (String option : List.of("--file", "--target", "--refresh", "--refresh-only", "--rotate-key")) {
            if (parsed.hasMatchedOption(option)) {
                throw new ParameterException(spec.commandLine(), option + " cannot be used with a saved plan: the"
                        + " plan file says which configuration, hosts and readings it was made from");
            }
        }
        SavedPlan saved = PlanFiles.read(planFile);
        String remake = PlanFiles.remake(planFile, saved.configPath(), null);
        SavedPlanCheck.producer(saved, PlanKey.from(OvnetCommand.env(spec)), new Style(output.color()), remake, err);
        SavedPlanCheck.version(saved, VersionProvider.version(), remake);
        SavedPlanCheck.config(saved);
        LoadedConfig loaded = LoadedConfig.load(saved.configPath(), file.stateAnywhere);
        SavedPlanCheck.configSha(saved, loaded.sha256());
        try (Session session = OvnetCommand.wiring(spec).session(loaded, parallelism)) {
            Reports.lock(session, "apply", lock.lockTimeout, err);
            session.guard(!noRollback && !saved.destroy(), verify && !saved.destroy());
            remake = PlanFiles.remake(planFile, saved.configPath(), session.store());
            SavedPlanCheck.state(saved, session.stateExisted(), session.state(), remake);
            SavedPlanCheck.readings(saved, loaded.config(), session.state());
            session.replay(saved.readings(), saved.targetHosts(), saved.lineage());
            Plan plan = session.plan(saved.refreshed(), saved.destroy());
            SavedPlanCheck.samePlan(saved, plan, remake);
            out.println("Applying the saved plan " + planFile + " (" + (saved.destroy() ? "destroy, " : "")
                    + "made " + saved.created() + " against state serial " + saved.serial() + ").");
            out.println();
            return ApplyFlow.applySaved(session, plan, saved.destroy(), new Style(output.color()), out, err,
                    OvnetCommand.wiring(spec).handover(loaded, agents.agentTimeout, out));
        }
    }
}
