package dev.ovnet.planner.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ovnet.planner.config.NetworkConfig;
import dev.ovnet.planner.plan.FakeHosts;
import dev.ovnet.planner.plan.HostPlan;
import dev.ovnet.planner.plan.HostProblem;
import dev.ovnet.planner.plan.Plan;
import dev.ovnet.planner.spi.ApplyListener;
import dev.ovnet.planner.spi.StateLockedException;
import dev.ovnet.planner.state.HostStatus;
import dev.ovnet.planner.state.State;
import dev.ovnet.planner.testing.FakeNetwork;
import dev.ovnet.planner.testing.InMemoryStateStore;
import dev.ovnet.planner.model.Sysctl;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The operations without a terminal: a session over hosts and a state in memory runs plan, apply, rollback, verify
 * and targeted runs the way the commands do, and records what each host really holds.
 */
class SessionTest {

    private static final Session.Context CONTEXT = new Session.Context(() -> "build-1",
            () -> "2026-12-07T00:00:00Z", () -> "lineage-1");

    private final FakeNetwork hosts = new FakeNetwork();
    private final InMemoryStateStore store = new InMemoryStateStore();

    private Session open(NetworkConfig config) {
        Session session = new Session(config, "sha", store, hosts, 4, CONTEXT);
        session.lock("apply", Duration.ZERO);
        return session;
    }

    /** One apply as {@code ovnet apply --auto-approve} runs it: refresh, plan, apply. */
    private Session.Outcome apply(NetworkConfig config, boolean rollback, boolean verify, List<String> targets) {
        try (Session session = open(config)) {
            session.guard(rollback, verify);
            session.target(targets);
            session.refresh();
            Plan plan = session.plan(true, false);
            return session.apply(plan, ApplyListener.NONE, () -> false);
        }
    }

    private Plan plan(NetworkConfig config) {
        try (Session session = open(config)) {
            session.refresh();
            return session.plan(true, false);
        }
    }

    @Test
    void aFirstApplyMakesEveryHostAndTheNextPlanHasNothingToDo() {
        NetworkConfig config = FakeHosts.config("vxlan", "a", "b", "c");
        assertTrue(Session.hasWork(plan(config)));
        Session.Outcome outcome = apply(config, true, false, List.of());
        assertTrue(outcome.allOk(), outcome::toString);
        assertEquals(3, outcome.done());
        State recorded = store.read().orElseThrow();
        assertEquals("lineage-1", recorded.lineage());
        assertTrue(recorded.hosts().stream().allMatch(h -> h.status() == HostStatus.APPLIED));
        assertEquals("2026-12-07T00:00:00Z", recorded.host("a").orElseThrow().appliedAt());
        assertFalse(store.locked(), "closing the session releases the lock");

        Plan again = plan(config);
        assertFalse(again.hasChanges(), again::toString);
        assertEquals(List.of(), again.problems());
    }

    @Test
    void aHostThatFailsIsRolledBackWhileTheOthersAreDone() {
        NetworkConfig config = FakeHosts.config("vxlan", "a", "b", "c");
        hosts.failAfter.put("b", 3);
        Session.Outcome outcome = apply(config, true, false, List.of());
        assertFalse(outcome.allOk());
        assertTrue(outcome.results().get("b").rolledBack(), outcome::toString);
        assertEquals(2, outcome.done());
        assertEquals(HostStatus.ROLLED_BACK, store.read().orElseThrow().host("b").orElseThrow().status());

        hosts.failAfter.clear();
        assertTrue(apply(config, true, false, List.of()).allOk());
        assertFalse(plan(config).hasChanges(), "the next apply finished b");
    }

    @Test
    void verifyRollsBackAHostNoneOfWhosePeersAnswers() {
        NetworkConfig config = FakeHosts.config("host-gw", "a", "b", "c");
        hosts.silent.add("c");
        Session.Outcome outcome = apply(config, true, true, List.of());
        assertTrue(outcome.results().get("c").rolledBack(), outcome::toString);
        assertTrue(outcome.results().get("a").ok() && outcome.results().get("b").ok(), outcome::toString);
    }

    @Test
    void aHostThatCannotBeReadIsAProblemOfThePlanAndIsLeftAlone() {
        NetworkConfig config = FakeHosts.config("vxlan", "a", "b", "c");
        assertTrue(apply(config, true, false, List.of()).allOk());
        hosts.unreachable.add("c");

        Plan plan = plan(config);
        assertEquals(Set.of("c"), plan.unread());
        HostProblem problem = plan.problems().get(0);
        assertEquals(HostProblem.Kind.UNREAD, problem.kind());
        assertEquals("connection refused", problem.detail());
        assertTrue(problem.hint().contains("ovnet state rm c"), problem::toString);
        assertFalse(Session.hasWork(plan), "nothing to do on the hosts that were read");

        hosts.objects.remove("a"); // a lost everything: work on a, none on c
        Session.Outcome outcome = apply(config, true, false, List.of());
        assertTrue(outcome.results().get("a").ok());
        assertTrue(outcome.results().get("c").failure().unreachable());
        assertEquals(2, outcome.done(), "a and b are done, c is not");
    }

    @Test
    void aTargetedApplyReadsAndChangesOnlyItsTargets() {
        NetworkConfig three = FakeHosts.config("vxlan", "a", "b", "c");
        assertTrue(apply(three, true, true, List.of()).allOk());
        hosts.reads.clear();
        NetworkConfig four = FakeHosts.config("vxlan", "a", "b", "c", "d");
        Session.Outcome outcome = apply(four, true, true, List.of("d"));
        assertEquals(List.of("d", "d"), hosts.reads, "d is read for the plan and for its checkpoint, no other host");
        assertTrue(outcome.allOk(), outcome::toString);
        // the others got their peer entries for d without being read
        assertTrue(outcome.results().keySet().containsAll(Set.of("a", "b", "c", "d")), outcome::toString);
        hosts.reads.clear();
        Plan full = plan(four);
        assertFalse(full.hasChanges(), full::toString);
        assertEquals(4, hosts.reads.size());
    }

    @Test
    void anApplyGuardedFromItsRefreshReadsNoHostAgainYetRollsBackAFailedOne() {
        NetworkConfig config = FakeHosts.config("vxlan", "a", "b", "c");
        hosts.failAfter.put("b", 3);
        try (Session session = open(config)) {
            session.guardFromRefresh();
            session.refresh();
            Plan plan = session.plan(true, false);
            hosts.reads.clear();
            Session.Outcome outcome = session.apply(plan, ApplyListener.NONE, () -> false);
            assertTrue(outcome.results().get("b").rolledBack(), outcome::toString);
            assertTrue(outcome.results().get("a").ok() && outcome.results().get("c").ok(), outcome::toString);
            assertEquals(List.of("b", "b"), hosts.reads, "no checkpoint read: only b's rollback reads (before, after)");
        }
        assertEquals(List.of(new Sysctl("net.ipv4.ip_forward", "0")), hosts.objects.get("b"),
                "b holds what the refresh read before the apply");
    }

    @Test
    void keptConnectionsConnectOnceForManySessionsAndAgainAfterTheHostWasUnreachable() {
        NetworkConfig config = FakeHosts.config("vxlan", "a", "b");
        List<String> connects = new ArrayList<>();
        try (KeptConnections kept = new KeptConnections(target -> {
            connects.add(target.name());
            return hosts.connect(target);
        })) {
            for (int round = 0; round < 3; round++) {
                try (Session session = new Session(config, "sha", store, kept, 1, CONTEXT)) {
                    session.lock("apply", Duration.ZERO);
                    session.refresh();
                    session.apply(session.plan(true, false), ApplyListener.NONE, () -> false);
                }
            }
            assertEquals(List.of("a", "b"), connects, "one connection per host for three sessions");
            hosts.unreachable.add("b");
            try (Session session = new Session(config, "sha", store, kept, 1, CONTEXT)) {
                session.readState();
                session.refresh();
                assertEquals(Set.of("b"), session.plan(true, false).unread());
            }
            hosts.unreachable.clear();
            try (Session session = new Session(config, "sha", store, kept, 1, CONTEXT)) {
                session.readState();
                session.refresh();
                assertEquals(Set.of(), session.plan(true, false).unread());
            }
            assertEquals(List.of("a", "b", "b"), connects, "b was connected again after it failed");
        }
    }

    @Test
    void twoSessionsNeverHoldTheLockAtOnce() {
        NetworkConfig config = FakeHosts.config("vxlan", "a");
        try (Session first = open(config)) {
            assertThrows(StateLockedException.class, () -> open(config));
            assertTrue(first.targets().containsKey("a"));
        }
        try (Session again = open(config)) {
            assertTrue(again.plan(false, false).hosts().stream().anyMatch(h -> !h.isEmpty()));
        }
    }

    @Test
    void aDestroyEmptiesEveryHostAndTheState() {
        NetworkConfig config = FakeHosts.config("udp", "a", "b");
        assertTrue(apply(config, true, false, List.of()).allOk());
        try (Session session = open(config)) {
            session.refresh();
            Plan destroy = session.plan(true, true);
            assertTrue(destroy.hosts().stream().noneMatch(HostPlan::isEmpty));
            assertTrue(session.apply(destroy, ApplyListener.NONE, () -> false).allOk());
        }
        assertEquals(List.of(), store.read().orElseThrow().hosts());
        assertTrue(hosts.objects.values().stream().allMatch(objects -> objects.stream()
                .allMatch(o -> o.key().kind().equals("sysctl"))), hosts.objects::toString);
    }
}
