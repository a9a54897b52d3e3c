package dev.ovnet.planner.agent;

import dev.ovnet.planner.config.Backend;
import dev.ovnet.planner.config.Connection;
import dev.ovnet.planner.config.HostConfig;
import dev.ovnet.planner.config.NetworkConfig;
import dev.ovnet.planner.config.SshConfig;
import dev.ovnet.planner.config.StateConfig;
import dev.ovnet.planner.desired.NetworkSpec;
import dev.ovnet.planner.net.Cidr;
import dev.ovnet.planner.net.Ipv4;
import dev.ovnet.planner.state.HostState;
import dev.ovnet.planner.state.HostStatus;
import dev.ovnet.planner.state.State;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The network as one agent sees it: a configuration made from the recorded network (every recorded host that is
 * not being removed, each pinned to its recorded lease, so no lease ever moves on an agent's account) in which the
 * agent's own host is a local host under the agent's root, and the state to plan it from.
 *
 * <p>A host the record no longer holds (it left the network, or the network was destroyed) is still known to the
 * agent from the view it last applied: it is then planned as leaving, so that what ovnet made on it is removed.
 * An agent that never saw its host has nothing to plan and waits.
 */
public record AgentView(NetworkConfig config, State state, boolean member) {

    /**
     * The view of host {@code self} under {@code root} (null: the root recorded for it, the file's
     * {@code hosts[].root}): from {@code current} (the record as read now; null when
     * there is none) or, when {@code self} is not a member there, from {@code last} (the view last applied; null
     * when none). Empty: nothing to do yet.
     */
    public static Optional<AgentView> of(State current, AgentView last, String self, String root) {
        Objects.requireNonNull(self);
        Optional<HostState> mine = current == null || current.network() == null ? Optional.empty()
                : current.host(self).filter(h -> h.status() != HostStatus.REMOVING);
        if (mine.isPresent()) {
            List<HostState> hosts = new ArrayList<>();
            for (HostState h : current.hosts()) {
                hosts.add(h.name().equals(self) ? local(h, root) : h);
            }
            State state = new State(current.version(), current.serial(), current.lineage(), current.network(), hosts);
            List<HostState> members = hosts.stream().filter(h -> h.status() != HostStatus.REMOVING).toList();
            return Optional.of(new AgentView(config(current.network(), members), state, true));
        }
        if (last == null) {
            return Optional.empty();
        }
        HostState was = last.state().host(self).orElseThrow();
        HostState leaving = was.with(HostStatus.REMOVING, List.of(), was.appliedSerial(), was.appliedAt());
        long serial = current == null ? last.state().serial() : current.serial();
        String lineage = current == null ? last.state().lineage() : current.lineage();
        State state = new State(State.FORMAT_VERSION, serial, lineage, last.state().network(), List.of(leaving));
        return Optional.of(new AgentView(config(last.state().network(), List.of()), state, false));
    }

    /** {@code host} as the agent reaches it: this machine, with files under the agent's root. */
    private static HostState local(HostState h, String root) {
        return new HostState(h.name(), h.address(), Connection.LOCAL, null, root == null ? h.root() : root, h.lease(),
                h.mac(), h.facts(),
                h.status(), h.appliedSerial(), h.appliedAt(), h.objects());
    }

    /** A configuration holding exactly the recorded network and {@code hosts}, each pinned to its lease. */
    static NetworkConfig config(NetworkSpec network, List<HostState> hosts) {
        List<HostConfig> configs = new ArrayList<>();
        int line = 1;
        for (HostState h : hosts) {
            String iface = h.facts() == null || h.facts().assumed() ? null : h.facts().iface();
            configs.add(new HostConfig(h.name(), h.address(), iface, h.connection(), h.netns(), h.root(), h.lease(),
                    SshConfig.DEFAULTS, line++));
        }
        Cidr pool = network.pool();
        Backend backend = network.backend();
        Ipv4 lastSubnet = new Ipv4(pool.last().bits() & Cidr.mask(network.subnetLength()));
        return new NetworkConfig(null, network.name(), pool, network.subnetLength(), pool.network(), lastSubnet,
                backend, network.mtu(), network.ipMasq(),
                network.runtime(), StateConfig.defaults(), SshConfig.DEFAULTS, configs, null);
    }
}
