package dev.ovnet.planner.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ovnet.planner.config.BackendType;
import dev.ovnet.planner.config.Connection;
import dev.ovnet.planner.config.NetworkConfig;
import dev.ovnet.planner.plan.Action;
import dev.ovnet.planner.plan.HostPlan;
import dev.ovnet.planner.plan.Plan;
import dev.ovnet.planner.plan.Planner;
import dev.ovnet.planner.state.HostState;
import dev.ovnet.planner.state.State;
import dev.ovnet.planner.testing.Fixtures;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AgentViewTest {

    private static final NetworkConfig NETWORK = Fixtures.network(BackendType.VXLAN, 3);
    private static final State RECORDED = Fixtures.applied(NETWORK);

    private static HostPlan planFor(AgentView view, String host) {
        Plan plan = Planner.plan(view.config(), new Planner.Inputs(view.state(), Map.of(), false, null));
        return plan.hosts().stream().filter(h -> h.host().equals(host)).findFirst().orElseThrow();
    }

    @Test
    void theRecordedNetworkGivesTheAgentExactlyTheObjectsApplyGaveItsHost() {
        AgentView view = AgentView.of(RECORDED, null, "node-2", "/").orElseThrow();
        assertTrue(view.member());
        assertTrue(planFor(view, "node-2").isEmpty(), () -> planFor(view, "node-2").changes().toString());
        assertEquals(3, view.config().hosts().size());
        for (HostState h : RECORDED.hosts()) {
            assertEquals(h.lease(), view.config().host(h.name()).orElseThrow().subnet(), "leases are pinned");
        }
    }

    @Test
    void itsOwnHostIsThisMachineUnderTheAgentsRoot() {
        AgentView view = AgentView.of(RECORDED, null, "node-2", "/run/ovnet/netns/n2").orElseThrow();
        var self = view.config().host("node-2").orElseThrow();
        assertEquals(Connection.LOCAL, self.connection());
        assertEquals("/run/ovnet/netns/n2", self.root());
        assertEquals("/run/ovnet/netns/n2", view.state().host("node-2").orElseThrow().root());
        assertEquals(Connection.SSH, view.config().host("node-1").orElseThrow().connection());
    }

    @Test
    void aHostTheRecordNoLongerHoldsIsPlannedAsLeavingFromTheViewLastApplied() {
        AgentView last = AgentView.of(RECORDED, null, "node-2", "/").orElseThrow();
        State without = new State(RECORDED.version(), RECORDED.serial() + 1, RECORDED.lineage(), RECORDED.network(),
                RECORDED.hosts().stream().filter(h -> !h.name().equals("node-2")).toList());
        AgentView leaving = AgentView.of(without, last, "node-2", "/").orElseThrow();
        assertFalse(leaving.member());
        assertEquals(List.of(), leaving.config().hosts());
        // what refresh reads on it (here: the record's own objects) is all removed
        Plan plan = Planner.plan(leaving.config(), new Planner.Inputs(leaving.state(), Map.of("node-2",
                new dev.ovnet.planner.plan.HostReading(RECORDED.host("node-2").orElseThrow().facts(),
                        Planner.recorded(RECORDED, RECORDED.host("node-2").orElseThrow(), RECORDED.peers())
                                .materialise())), true, null));
        HostPlan hp = plan.hosts().get(0);
        assertFalse(hp.isEmpty());
        assertTrue(hp.changes().stream().allMatch(c -> c.action() == Action.DELETE), hp.changes()::toString);
    }

    @Test
    void anAgentThatNeverSawItsHostHasNothingToDo() {
        assertTrue(AgentView.of(null, null, "node-2", "/").isEmpty());
        assertTrue(AgentView.of(RECORDED, null, "node-9", "/").isEmpty());
    }
}
