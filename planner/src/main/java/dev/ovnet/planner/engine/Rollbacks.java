package dev.ovnet.planner.engine;

import dev.ovnet.planner.model.KernelObject;
import dev.ovnet.planner.model.Sysctl;
import dev.ovnet.planner.plan.Change;
import dev.ovnet.planner.plan.Differ;
import dev.ovnet.planner.plan.HostPlan;
import dev.ovnet.planner.plan.ObjectSet;
import dev.ovnet.planner.spi.ApplyListener;
import dev.ovnet.planner.spi.ApplyResult;
import dev.ovnet.planner.spi.Host;
import dev.ovnet.planner.spi.HostException;
import dev.ovnet.planner.spi.HostFailure;
import dev.ovnet.planner.spi.HostTarget;
import dev.ovnet.planner.spi.ReadRequest;
import dev.ovnet.planner.spi.Rollback;
import java.util.ArrayList;
import java.util.List;

/** Putting a host back as it was when an apply started: the rollback that {@link Engine} runs on a failed host. */
final class Rollbacks {

    private Rollbacks() {
    }

    /**
     * Puts a host back to {@code checkpoint}: reads what it holds now, applies the difference, reads again. The
     * result keeps the changes the failed apply did and says what undid them; {@code why} is the failure shown.
     */
    static ApplyResult rollBack(Host host, HostTarget target, Engine.Transactions tx, List<KernelObject> checkpoint,
            ApplyResult failed, HostFailure why) {
        ReadRequest request = tx.reads().apply(target);
        List<Change> undone = new ArrayList<>();
        try {
            List<KernelObject> now = host.read(request).objects();
            HostPlan undo = Differ.diff(target.name(), new ObjectSet.Listed(now), new ObjectSet.Listed(checkpoint),
                    "rollback");
            String problem = null;
            if (!undo.isEmpty()) {
                ApplyResult done = host.apply(undo, ApplyListener.NONE);
                undone.addAll(done.applied());
                if (!done.ok()) {
                    problem = done.failure().detail() + (done.failure().command() == null ? ""
                            : " (" + done.failure().command() + ")");
                }
            }
            List<KernelObject> after = host.read(request).objects();
            List<KernelObject> differing = difference(after, checkpoint);
            if (problem == null && !differing.isEmpty()) {
                problem = differing.size() + (differing.size() == 1 ? " object still differs" : " objects still differ")
                        + ", e.g. " + differing.get(0).describe();
            }
            return failed.withRollback(why, new Rollback(undone, after, problem == null, problem));
        } catch (HostException e) {
            return failed.withRollback(why, new Rollback(undone, null, false, e.getMessage()));
        } catch (RuntimeException e) {
            return failed.withRollback(why, new Rollback(undone, null, false, Engine.message(e)));
        }
    }

    /** The objects on either side that the other does not hold exactly. */
    private static List<KernelObject> difference(List<KernelObject> a, List<KernelObject> b) {
        List<Change> changes = new ArrayList<>();
        Differ.diffObjects(a, b, changes);
        List<KernelObject> out = new ArrayList<>();
        for (Change c : changes) {
            out.add(c.after() != null ? c.after() : c.before());
        }
        // ip_forward is never reset by a plan, so the differ says nothing of it; compare it here
        for (KernelObject o : a) {
            if (o instanceof Sysctl && !b.contains(o)) {
                out.add(o);
            }
        }
        return out;
    }

}
