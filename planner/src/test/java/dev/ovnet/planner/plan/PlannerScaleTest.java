package dev.ovnet.planner.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.ovnet.planner.config.BackendType;
import dev.ovnet.planner.config.NetworkConfig;
import dev.ovnet.planner.state.State;
import dev.ovnet.planner.testing.Fixtures;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * 5,000 vxlan hosts in 10.0.0.0/8 with /24 subnets: 75 million kernel objects, which a plan must count and walk
 * without holding them (the default surefire heap). Times and heap are printed, not asserted.
 */
class PlannerScaleTest {

    private static final int HOSTS = 5_000;
    private static final long OWN = 7; // sysctl, link, address, 2 iptables chains, subnet.env, docker_opts.env
    private static final long PEER = 3; // neighbour, fdb entry, route

    @Test
    void fiveThousandHostBootstrapNoOpAndRemoval() {
        NetworkConfig config = Fixtures.builder(BackendType.VXLAN).pool("10.0.0.0/8").hosts(HOSTS).build();

        long t0 = System.nanoTime();
        Plan bootstrap = Fixtures.bootstrap(config);
        Summary summary = bootstrap.summary();
        long t1 = System.nanoTime();
        assertEquals(new Summary(HOSTS * OWN + (long) HOSTS * (HOSTS - 1) * PEER, 0, 0), summary);
        assertEquals(75_020_000L, summary.add());
        long heap = usedHeapAfterGc();
        report("bootstrap plan + summary", t1 - t0, heap, summary);

        long[] count = {0};
        long t2 = System.nanoTime();
        for (HostPlan hp : bootstrap.hosts()) {
            long before = count[0];
            hp.forEachInApplyOrder(c -> count[0]++);
            assertEquals(OWN + (HOSTS - 1) * PEER, count[0] - before, hp.host());
        }
        long t3 = System.nanoTime();
        assertEquals(summary.add(), count[0]);
        report("walking all " + count[0] + " changes in apply order", t3 - t2, usedHeapAfterGc(), null);

        State applied = bootstrap.next();
        bootstrap = null;
        long t4 = System.nanoTime();
        Plan again = Fixtures.plan(config, applied);
        long t5 = System.nanoTime();
        assertFalse(again.hasChanges());
        report("plan against the applied state", t5 - t4, usedHeapAfterGc(), again.summary());

        NetworkConfig fewer = Fixtures.builder(config).remove("node-2500").build();
        long t6 = System.nanoTime();
        Plan removal = Fixtures.plan(fewer, applied);
        Summary removed = removal.summary();
        long t7 = System.nanoTime();
        // the removed host's own objects but its sysctl, its peers' entries, and its entries on every peer
        assertEquals(new Summary(0, 0, OWN - 1 + (HOSTS - 1) * PEER + (HOSTS - 1) * PEER), removed);
        report("plan removing one host", t7 - t6, usedHeapAfterGc(), removed);
    }

    private static long usedHeapAfterGc() {
        Runtime rt = Runtime.getRuntime();
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return rt.totalMemory() - rt.freeMemory();
    }

    private static void report(String what, long nanos, long heap, Summary summary) {
        long max = Runtime.getRuntime().maxMemory() >> 20;
        System.out.println(String.format(Locale.ROOT, "PlannerScaleTest: %,d hosts, %s: %,d ms, heap used %,d MiB"
                + " (max %,d MiB)%s", HOSTS, what, nanos / 1_000_000, heap >> 20, max,
                summary == null ? "" : String.format(Locale.ROOT, ", Plan: %,d to add, %,d to change, %,d to destroy",
                        summary.add(), summary.change(), summary.destroy())));
    }
}
