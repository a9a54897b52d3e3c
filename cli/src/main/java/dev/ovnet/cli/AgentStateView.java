package dev.ovnet.cli;

import dev.ovnet.planner.spi.FlannelLeases;
import dev.ovnet.planner.spi.LockInfo;
import dev.ovnet.planner.spi.StateException;
import dev.ovnet.planner.spi.StateLock;
import dev.ovnet.planner.spi.StateStore;
import dev.ovnet.planner.state.State;
import java.time.Duration;
import java.util.Optional;

/**
 * The state an agent's session plans from and records into: its own view of the recorded network, held in memory.
 * An agent never writes the network's state (its etcd user may not); what it did goes into its report.
 */
final class AgentStateView implements StateStore {

    private State state;

    AgentStateView(State state) {
        this.state = state;
    }

    @Override
    public Optional<State> read() {
        return Optional.of(state);
    }

    @Override
    public void write(State next) {
        state = next;
    }

    @Override
    public StateLock lock(String operation, Duration timeout) {
        throw new StateException("an agent takes no state lock", null);
    }

    @Override
    public LockInfo forceUnlock(String id) {
        throw new StateException("an agent holds no state lock", null);
    }

    @Override
    public Optional<FlannelLeases> flannelLeases() {
        return Optional.empty();
    }

    @Override
    public String location() {
        return "the agent's view of the recorded network";
    }
}
