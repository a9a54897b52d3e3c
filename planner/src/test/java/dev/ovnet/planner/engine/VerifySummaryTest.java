package dev.ovnet.planner.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ovnet.planner.config.NetworkConfig;
import dev.ovnet.planner.plan.FakeHosts;
import dev.ovnet.planner.spi.ApplyListener;
import dev.ovnet.planner.spi.Verification;
import dev.ovnet.planner.testing.FakeNetwork;
import dev.ovnet.planner.testing.InMemoryStateStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code apply --verify} tells what it proved: hosts that probed, probes sent, peers that answered. */
class VerifySummaryTest {

    private final FakeNetwork hosts = new FakeNetwork();

    private List<Verification> applyVerified(NetworkConfig config) {
        List<Verification> told = new ArrayList<>();
        Session.Context context = new Session.Context(() -> "build-1", () -> "2026-12-07T00:00:00Z", () -> "l-1");
        try (Session session = new Session(config, "sha", new InMemoryStateStore(), hosts, 4, context)) {
            session.lock("apply", Duration.ZERO);
            session.guard(true, true);
            session.refresh();
            Session.Outcome outcome = session.apply(session.plan(true, false), new ApplyListener() {
                @Override
                public void verified(Verification verification) {
                    told.add(verification);
                }
            }, () -> false);
            assertTrue(outcome.allOk(), outcome::toString);
        }
        return told;
    }

    @Test
    void everyPeerAskedIsCountedOnceVerificationEnds() {
        List<Verification> told = applyVerified(FakeHosts.config("vxlan", "a", "b", "c"));
        // each of 3 hosts probes its 2 peers, and every one answers
        assertEquals(List.of(new Verification(3, 6, 6)), told);
        assertEquals(6, hosts.probes.size(), "every peer was asked, not only the first that answered");
    }
}
