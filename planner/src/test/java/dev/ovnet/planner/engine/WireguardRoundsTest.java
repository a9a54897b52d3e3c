package dev.ovnet.planner.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ovnet.planner.config.BackendType;
import dev.ovnet.planner.config.NetworkConfig;
import dev.ovnet.planner.desired.WireguardFacts;
import dev.ovnet.planner.model.WireguardKey;
import dev.ovnet.planner.model.WireguardPeer;
import dev.ovnet.planner.plan.Action;
import dev.ovnet.planner.plan.Change;
import dev.ovnet.planner.plan.HostPlan;
import dev.ovnet.planner.plan.HostProblem;
import dev.ovnet.planner.plan.Plan;
import dev.ovnet.planner.plan.Planner;
import dev.ovnet.planner.spi.ApplyResult;
import dev.ovnet.planner.spi.HostFailure;
import dev.ovnet.planner.state.HostState;
import dev.ovnet.planner.state.State;
import dev.ovnet.planner.testing.Fixtures;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * When a wireguard apply needs its second round: a key is made on a host (a new host, {@code --rotate-key}), so
 * the peers that point at it can only get their key from a fresh read after the first round. And what becomes of
 * the keys on destroy: kept, unless {@code --remove-keys}.
 */
class WireguardRoundsTest {

    private static final List<String> KEYS = List.of("YOWtWrIm0pSyI1S1cBrLBLV3XpEJrc1b1ATbOFpfkSs=",
            "aAbnPZFpGtNtqV4hUtzDJQpJxnMTrpAgVa7c9iU8nl8=", "JmgYpx4YczbbPfMq2XWpsd6HRRYnVxUWS0EJ6uHMT2I=");

    @Test
    void aFirstApplyMakesKeysSoItNeedsASecondRound() {
        Plan plan = Fixtures.bootstrap(Fixtures.network(BackendType.WIREGUARD, 3));
        assertTrue(WireguardRounds.learnsKeys(plan));
        assertFalse(WireguardRounds.learnsKeys(Fixtures.bootstrap(Fixtures.network(BackendType.VXLAN, 3))));
    }

    @Test
    void aNetworkWhoseKeysAreKnownNeedsNoSecondRound() {
        NetworkConfig config = Fixtures.network(BackendType.WIREGUARD, 3);
        State keyed = keyed(config);
        Plan plan = Fixtures.plan(config, keyed);
        assertFalse(plan.hasChanges(), () -> plan.hosts().toString());
        assertFalse(WireguardRounds.learnsKeys(plan));
    }

    @Test
    void rotatingOneKeyReplacesItOnItsHostAndLeavesItsPeersForTheSecondRound() {
        NetworkConfig config = Fixtures.network(BackendType.WIREGUARD, 3);
        Plan plan = Planner.plan(config, new Planner.Inputs(keyed(config), Map.of(), false, "h", false, null,
                Set.of("node-2"), false));
        assertTrue(WireguardRounds.learnsKeys(plan));
        List<Change> node2 = changes(plan, "node-2");
        assertEquals(1, node2.size(), node2::toString);
        assertEquals(Action.REPLACE, node2.get(0).action());
        assertEquals(new WireguardKey("/etc/ovnet/wireguard.key", null, true), node2.get(0).after());
        for (String other : List.of("node-1", "node-3")) {
            List<Change> changes = changes(plan, other);
            assertEquals(1, changes.size(), changes::toString);
            WireguardPeer before = (WireguardPeer) changes.get(0).before();
            WireguardPeer after = (WireguardPeer) changes.get(0).after();
            assertEquals(KEYS.get(1), before.publicKey());
            assertEquals(null, after.publicKey(), "node-2's new key is known after apply");
        }
    }

    @Test
    void destroyKeepsTheKeysUnlessAskedToRemoveThem() {
        NetworkConfig config = Fixtures.network(BackendType.WIREGUARD, 3);
        for (boolean remove : List.of(false, true)) {
            Plan plan = Planner.plan(config, new Planner.Inputs(keyed(config), Map.of(), false, "h", true, null,
                    Set.of(), remove));
            for (String host : List.of("node-1", "node-2", "node-3")) {
                List<Change> keys = changes(plan, host).stream().filter(c -> c.before() instanceof WireguardKey)
                        .toList();
                assertEquals(remove ? 1 : 0, keys.size(), host + " --remove-keys " + remove + ": " + keys);
                assertTrue(keys.stream().allMatch(c -> c.action() == Action.DELETE));
            }
        }
    }

    @Test
    void aSecondRoundThatCannotRunFailsTheHostItCouldNotReadNamingWhy() {
        Session.Outcome first = new Session.Outcome(Map.of("node-1", new ApplyResult(List.of(), null),
                "node-2", new ApplyResult(List.of(), null)), 2);
        Session.Outcome stopped = WireguardRounds.stopped(first, List.of(new HostProblem("node-2",
                HostProblem.Kind.UNREAD, "connection refused", "make node-2 reachable")));
        assertFalse(stopped.allOk());
        assertTrue(stopped.results().get("node-1").ok());
        HostFailure failure = stopped.results().get("node-2").failure();
        assertTrue(failure.detail().contains("new wireguard keys were not applied: connection refused"),
                failure::toString);
        assertTrue(failure.unreachable());
    }

    /** The applied state of {@code config} with every host's public key known. */
    private static State keyed(NetworkConfig config) {
        State applied = Fixtures.applied(config);
        List<HostState> hosts = new ArrayList<>();
        for (int i = 0; i < applied.hosts().size(); i++) {
            HostState h = applied.hosts().get(i);
            hosts.add(new HostState(h.name(), h.address(), h.connection(), h.netns(), h.root(), h.lease(), h.mac(),
                    h.facts().withWireguard(new WireguardFacts(true, true, false, KEYS.get(i))), h.status(),
                    h.appliedSerial(), h.appliedAt(), h.objects()));
        }
        return new State(applied.version(), applied.serial(), applied.lineage(), applied.network(), hosts);
    }

    private static List<Change> changes(Plan plan, String host) {
        List<Change> out = new ArrayList<>();
        for (HostPlan hp : plan.hosts()) {
            if (hp.host().equals(host)) {
                hp.forEachChange(out::add);
            }
        }
        return out;
    }
}
