package dev.ovnet.planner.spi;

import dev.ovnet.planner.plan.HostPlan;
import dev.ovnet.planner.plan.HostReading;

/**
 * One host, reached one way (local, a network namespace, SSH). Reading and applying use a bounded number of
 * processes per call (batches), never one per object.
 */
public interface Host extends AutoCloseable {

    String name();

    /** What is really there: the underlay facts and ovnet's objects. */
    HostReading read(ReadRequest request);

    /**
     * Applies the plan's changes in apply order; stops at the first failure and says exactly what was done.
     * Never throws for a failed change: the failure is in the result.
     */
    ApplyResult apply(HostPlan plan, ApplyListener listener);

    /** Sends one probe ({@code --verify}); true when the target answered within about a second. */
    boolean probe(Probe probe);

    @Override
    void close();
}
