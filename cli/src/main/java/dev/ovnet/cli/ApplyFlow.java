package dev.ovnet.cli;

import dev.ovnet.cli.render.HumanPlan;
import dev.ovnet.cli.render.Style;
import dev.ovnet.planner.engine.Session;
import dev.ovnet.planner.plan.HostProblem;
import dev.ovnet.planner.plan.Plan;
import dev.ovnet.planner.spi.ApplyResult;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * What apply and destroy show and ask around the session's work: the plan, the problems, the prompt, the progress,
 * the recap and the closing line, and the exit code that sums it up.
 */
final class ApplyFlow {

    private ApplyFlow() {
    }

    /** {@code apply --refresh-only}: show the drift, confirm, record it; no host is changed. */
    static int refreshOnly(Session session, boolean autoApprove, Style style, PrintWriter out, PrintWriter err) {
        session.refresh();
        Plan plan = session.plan(true, false);
        if (!plan.unread().isEmpty()) {
            // a host not read has no known truth to record; recording the others alone would hide it
            new HumanPlan(out, style, false).drift(plan, true);
            out.flush();
            Reports.problems(plan.problems(HostProblem.Kind.UNREAD), style, err);
            err.println(style.error() + PlanCommand.problemsLine(plan) + "; the state is unchanged.");
            return ExitCodes.ERROR;
        }
        if (!plan.hasDrift()) {
            out.println("No changes. No objects have changed outside of ovnet; the state is unchanged.");
            return ExitCodes.OK;
        }
        new HumanPlan(out, style, false).drift(plan, true);
        if (!autoApprove) {
            Confirm.ask("apply", "Would you like to update the ovnet state to reflect these detected changes?",
                    "ovnet will write these changes to the state without changing any host.", out);
        }
        List<String> hosts = session.recordDrift(plan);
        out.println(style.green("Apply complete! Resources: 0 added, 0 changed, 0 destroyed.") + " The state now records"
                + " what is really on " + String.join(", ", hosts) + ".");
        return ExitCodes.OK;
    }

    static int run(Session session, boolean destroy, boolean refresh, boolean autoApprove, boolean full, Style style,
            PrintWriter out, PrintWriter err, AgentHandover agents) {
        String command = destroy ? "destroy" : "apply";
        if (refresh) {
            session.refresh();
        }
        Plan plan = session.plan(refresh, destroy);
        new HumanPlan(out, style, full).render(plan);
        if (!plan.problems(HostProblem.Kind.CLASH).isEmpty()) {
            out.flush();
            Reports.problems(plan.problems(), style, err);
            err.println(style.error() + "the preflight checks found " + PlanCommand.problemsLine(plan)
                    + "; nothing was changed on any host.");
            return ExitCodes.ERROR;
        }
        Set<String> unread = plan.unread();
        if (!Session.hasWork(plan)) {
            if (!plan.hasChanges()) {
                List<String> recorded = session.recordUnchanged(plan);
                if (!recorded.isEmpty()) {
                    out.println("The state now records " + String.join(", ", recorded) + " as "
                            + (destroy ? "holding nothing" : "matching the configuration") + " (serial "
                            + session.state().serial() + ").");
                }
            }
            if (unread.isEmpty()) {
                return ExitCodes.OK;
            }
            out.flush();
            Reports.problems(plan.problems(), style, err);
            boolean someRead = !session.refreshed().readings().isEmpty();
            err.println(style.error() + PlanCommand.problemsLine(plan) + ": nothing was changed on "
                    + (someRead ? "them; the hosts that were read need no change." : "any host."));
            return someRead ? ExitCodes.PARTIAL : ExitCodes.ERROR;
        }
        if (!unread.isEmpty()) {
            out.println();
            out.println(style.warning() + PlanCommand.problemsLine(plan) + ": their changes above are"
                    + " planned from the state and will not be made; the other hosts' changes will.");
        }
        out.println();
        if (!autoApprove) {
            if (destroy && !plan.complete()) {
                Confirm.ask(command, "Do you really want to destroy the targeted hosts' resources?",
                        "ovnet will remove everything it made on " + String.join(", ", session.limitedTo())
                                + ", and their peer entries on the other hosts. There is no undo.", out);
            } else if (destroy) {
                Confirm.ask(command, "Do you really want to destroy all resources?",
                        "ovnet will remove everything it made on every host. There is no undo.", out);
            } else {
                Confirm.ask(command, "Do you want to perform these actions?",
                        "ovnet will perform the actions described above.", out);
            }
        }
        return execute(session, plan, destroy, style, out, err, agents);
    }

    /** {@code apply PLANFILE}: the plan was reviewed when it was saved, so no prompt. */
    static int applySaved(Session session, Plan plan, boolean destroy, Style style, PrintWriter out, PrintWriter err,
            AgentHandover agents) {
        if (!plan.hasChanges()) {
            out.println(style.green("No changes.") + " The saved plan has nothing to do.");
            return ExitCodes.OK;
        }
        return execute(session, plan, destroy, style, out, err, agents);
    }

    /**
     * Applies, records, waits for the agent hosts' reports, prints the recap and the summary; 0 when every host
     * finished, 3 when some did, else 1.
     */
    static int execute(Session session, Plan plan, boolean destroy, Style style, PrintWriter out, PrintWriter err,
            AgentHandover agents) {
        String verb = destroy ? "destroying" : "applying";
        try (Interruption interruption = Interruption.install(err)) {
            Session.Outcome applied;
            TerminalProgress live = style.color() ? TerminalProgress.open(verb) : null;
            VerifyTimer verify;
            if (live != null) {
                out.flush();
                try (live) {
                    verify = new VerifyTimer(live);
                    applied = session.apply(plan, verify, interruption::requested);
                }
            } else {
                verify = new VerifyTimer(new Progress(out, verb));
                applied = session.apply(plan, verify, interruption::requested);
            }
            Session.Outcome outcome = agents.settle(session, plan, applied);
            int code = report(plan, outcome, destroy, interruption.requested(), verify.summary(), style, out, err);
            if (interruption.requested()) {
                long skipped = plan.hosts().stream()
                        .filter(h -> !h.isEmpty() && !outcome.results().containsKey(h.host())).count();
                err.println(style.red("Interrupted:") + " the host changes in flight finished and the state records"
                        + " them; " + Plural.of(skipped, "host") + (skipped == 1 ? " was" : " were")
                        + " not started. Run 'ovnet " + (destroy ? "destroy" : "apply")
                        + "' again to finish.");
                code = ExitCodes.ERROR;
            }
            out.flush();
            err.flush();
            return code;
        }
    }

    /**
     * The recap, what --verify proved (when it ran and every host passed), then the closing line; the exit code:
     * 0 when every host is done, 3 when some are done (applied,
     * or read and needing nothing) while others failed or could not be read, 1 when none is. An interrupted apply
     * says so instead of "complete".
     */
    private static int report(Plan plan, Session.Outcome outcome, boolean destroy, boolean interrupted,
            String verified, Style style, PrintWriter out, PrintWriter err) {
        Map<String, ApplyResult> results = outcome.results();
        TreeSet<String> hosts = new TreeSet<>();
        plan.hosts().forEach(hp -> hosts.add(hp.host()));
        Reports.recap(hosts, Session.withWork(plan), results, out);
        Reports.Totals t = Reports.Totals.of(results);
        if (!plan.complete()) {
            HumanPlan.incompleteApply(out, style);
        }
        if (outcome.allOk() && interrupted) {
            return ExitCodes.ERROR;
        }
        if (outcome.allOk() && verified != null) {
            out.println(verified);
        }
        if (outcome.allOk()) {
            out.println(style.green(destroy
                    ? "Destroy complete! Resources: " + t.destroyed() + " destroyed."
                    : "Apply complete! Resources: " + t.added() + " added, " + t.changed() + " changed, "
                            + t.destroyed() + " destroyed."));
            return ExitCodes.OK;
        }
        Reports.failures(results, style, err);
        long failed = outcome.failed();
        long rolledBack = outcome.rolledBack();
        long done = outcome.done();
        err.println(style.red((destroy ? "Destroy" : "Apply") + (done == 0 ? " failed: no host finished; " : " incomplete: ")
                + failed + " of " + Plural.of(done + failed, "host") + " did not finish" + (rolledBack == 0 ? "."
                : ", " + rolledBack + " of them rolled back.")) + " Done: " + t.added() + " added, " + t.changed()
                + " changed, " + t.destroyed() + " destroyed" + (rolledBack == 0 ? ""
                : " (the rolled-back hosts' changes undone)")
                + ". The state records what each host really has; run 'ovnet plan' to see what is left.");
        return done == 0 ? ExitCodes.ERROR : ExitCodes.PARTIAL;
    }
}
