package dev.ovnet.planner.engine;

import dev.ovnet.planner.model.KernelObject;
import dev.ovnet.planner.model.WireguardKey;
import dev.ovnet.planner.model.WireguardPeer;
import dev.ovnet.planner.plan.Change;
import dev.ovnet.planner.plan.HostPlan;
import dev.ovnet.planner.plan.Plan;
import dev.ovnet.planner.spi.ApplyResult;
import java.util.ArrayList;
import java.util.List;
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

    /** One host's result over both rounds: the changes of both, the second round's failure and rollback. */
    static ApplyResult both(ApplyResult first, ApplyResult second) {
        List<Change> applied = new ArrayList<>(first.applied());
        applied.addAll(second.applied());
        return new ApplyResult(applied, second.failure(), second.rollback());
    }
}
