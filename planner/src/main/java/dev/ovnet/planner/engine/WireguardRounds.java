package dev.ovnet.planner.engine;

import dev.ovnet.planner.model.KernelObject;
import dev.ovnet.planner.model.WireguardKey;
import dev.ovnet.planner.model.WireguardPeer;
import dev.ovnet.planner.plan.Change;
import dev.ovnet.planner.plan.HostPlan;
import dev.ovnet.planner.plan.HostProblem;
import dev.ovnet.planner.plan.Plan;
import dev.ovnet.planner.spi.ApplyResult;
import dev.ovnet.planner.spi.HostFailure;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Why a wireguard apply runs in two rounds. A host's private key is made on that host, so its public key is
 * known only once the first round has made it; every peer entry pointing at that host is then planned as
 * "known after apply", and the second round, planned from a fresh read, gives those peers their keys.
 */
final class WireguardRounds {

    private WireguardRounds() {
    }

    /** Whether the plan makes a key or configures a peer whose key it cannot know yet. */
    static boolean learnsKeys(Plan plan) {
        AtomicBoolean learns = new AtomicBoolean();
        for (HostPlan hp : plan.hosts()) {
            hp.forEachChange(c -> {
                KernelObject after = c.after();
                if (after instanceof WireguardKey k && k.publicKey() == null
                        || after instanceof WireguardPeer p && p.publicKey() == null) {
                    learns.set(true);
                }
            });
        }
        return learns.get();
    }

    /**
     * The first round's outcome when the second cannot run (a host could not be read again, or a check failed):
     * each host with a problem failed, naming the problem, so the apply does not report success while peers still
     * wait for their keys; the next apply finishes the work.
     */
    static Session.Outcome stopped(Session.Outcome first, List<HostProblem> problems) {
        Map<String, ApplyResult> results = new TreeMap<>(first.results());
        for (HostProblem p : problems) {
            ApplyResult done = results.get(p.host());
            HostFailure failure = new HostFailure(p.host(), null, p.host() + ": the peers' new wireguard keys were"
                    + " not applied: " + p.detail() + "; run the apply again once that is fixed",
                    p.kind() == HostProblem.Kind.UNREAD);
            results.put(p.host(), new ApplyResult(done == null ? List.of() : done.applied(), failure));
        }
        long done = results.values().stream().filter(ApplyResult::ok).count();
        return new Session.Outcome(results, Math.min(first.done(), done));
    }

    /** One host's result over both rounds: the changes of both, the second round's failure and rollback. */
    static ApplyResult both(ApplyResult first, ApplyResult second) {
        List<Change> applied = new ArrayList<>(first.applied());
        applied.addAll(second.applied());
        return new ApplyResult(applied, second.failure(), second.rollback());
    }
}
