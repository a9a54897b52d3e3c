package dev.ovnet.cli;

import dev.ovnet.planner.config.BackendType;
import dev.ovnet.planner.config.HostConfig;
import dev.ovnet.planner.config.NetworkConfig;
import dev.ovnet.planner.desired.FlannelFiles;
import dev.ovnet.planner.desired.OwnedObjects;
import dev.ovnet.planner.engine.Engine;
import dev.ovnet.planner.engine.StateUpdate;
import dev.ovnet.planner.model.Forwarder;
import dev.ovnet.planner.model.KernelObject;
import dev.ovnet.planner.model.Link;
import dev.ovnet.planner.plan.HostProblem;
import dev.ovnet.planner.plan.Plan;
import dev.ovnet.planner.plan.Planner;
import dev.ovnet.planner.plan.Preflight;
import dev.ovnet.planner.plan.Targeting;
import dev.ovnet.planner.spi.ApplyListener;
import dev.ovnet.planner.spi.ApplyResult;
import dev.ovnet.planner.spi.HostConnector;
import dev.ovnet.planner.spi.HostTarget;
import dev.ovnet.planner.spi.ReadRequest;
import dev.ovnet.planner.spi.StateLock;
import dev.ovnet.planner.spi.StateStore;
import dev.ovnet.planner.state.HostState;
import dev.ovnet.planner.state.State;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * What plan, apply and destroy share: load the file, open and lock the state, refresh the hosts, plan, apply,
 * record. One instance per command; closing it releases the lock and the host connections.
 */
final class Workflow implements AutoCloseable {

    final LoadedConfig loaded;
    final StateStore store;
    private final Engine engine;
    private StateLock lock;
    private Set<String> limitTo = Set.of();
    State state;
    /** Whether the store held a state when it was read (else {@link #state} is a new, empty one). */
    boolean stateExisted;
    Engine.Refresh refresh = new Engine.Refresh(Map.of(), Map.of());
    private Engine.Transactions transactions = Engine.Transactions.NONE;

    private Workflow(LoadedConfig loaded, StateStore store, HostConnector connector, int parallelism) {
        this.loaded = loaded;
        this.store = store;
        this.engine = new Engine(connector, parallelism);
    }

    static Workflow open(Options.ConfigFile file, Options.Parallelism hosts) {
        return open(LoadedConfig.load(file), hosts);
    }

    static Workflow open(LoadedConfig loaded, Options.Parallelism hosts) {
        NetworkConfig config = loaded.config();
        StateStore store = Wiring.stateStore(config, loaded.folder());
        return new Workflow(loaded, store, Wiring.connector(hosts.sshAcceptNew), hosts.parallelism);
    }

    /**
     * Limits every plan of this command to the hosts matching {@code patterns} ({@code --target}); no patterns:
     * every host. Resolved against the hosts of the file and of the state, so call it after reading the state.
     */
    void target(List<String> patterns) {
        if (patterns.isEmpty()) {
            limitTo = Set.of();
            return;
        }
        limitTo = Targeting.resolve(patterns, targets().keySet());
    }

    /** The hosts plans are limited to; empty: all. */
    Set<String> limitedTo() {
        return limitTo;
    }

    /** Plans as a saved plan did: from its readings, limited to its hosts. */
    void replay(Map<String, dev.ovnet.planner.plan.HostReading> readings, Set<String> hosts, String lineage) {
        refresh = new Engine.Refresh(readings, Map.of());
        limitTo = Set.copyOf(hosts);
        if (!stateExisted) {
            state = State.empty(lineage);
        }
    }

    NetworkConfig config() {
        return loaded.config();
    }

    /** Takes the state lock, saying so when it has to wait, then reads the state. */
    void lockAndRead(String operation, Duration timeout, PrintWriter err) {
        if (!timeout.isZero()) {
            err.println("Acquiring state lock. This may take a few moments...");
        }
        lock = store.lock(operation, timeout);
        readState();
    }

    void readState() {
        java.util.Optional<State> stored = store.read();
        stateExisted = stored.isPresent();
        state = stored.orElseGet(() -> State.empty(UUID.randomUUID().toString()));
    }

    /** Every host of the file, and every host of the state no longer in the file, with how to reach it. */
    Map<String, HostTarget> targets() {
        Map<String, HostTarget> out = new LinkedHashMap<>();
        for (HostConfig h : config().hosts()) {
            out.put(h.name(), HostTarget.of(h));
        }
        for (HostState h : state.hosts()) {
            out.putIfAbsent(h.name(), new HostTarget(h.name(), h.connection(), h.netns(), h.address(),
                    config().ssh(), h.root()));
        }
        return out;
    }

    /** Reads the hosts: every host, or only the targeted ones ({@code --target} limits every read). */
    void refresh() {
        List<HostTarget> reading = targets().values().stream()
                .filter(t -> limitTo.isEmpty() || limitTo.contains(t.name())).toList();
        refresh = engine.refresh(reading, this::readRequest);
    }

    private ReadRequest readRequest(HostTarget target) {
        NetworkConfig config = config();
        Set<String> devices = new HashSet<>();
        Set<String> roots = new HashSet<>();
        roots.add(target.root());
        devices.add(OwnedObjects.UDP_DEVICE);
        if (config.backend().type() == BackendType.VXLAN) {
            devices.add(config.backend().deviceName());
        }
        if (state.network() != null && state.network().backend().deviceName() != null) {
            devices.add(state.network().backend().deviceName());
        }
        java.util.Optional<HostState> recorded = state.host(target.name());
        recorded.ifPresent(h -> roots.add(h.root()));
        // a partial or rolled-back host may still hold the devices and forwarder of an earlier network: read them too
        List<KernelObject> listed = recorded.filter(h -> !h.derived()).map(HostState::objects).orElse(List.of());
        listed.stream().filter(o -> o instanceof Link).forEach(o -> devices.add(((Link) o).name()));
        Set<String> files = new HashSet<>();
        for (String root : roots) {
            OwnedObjects.FILES.forEach(name -> files.add(FlannelFiles.under(root, name)));
        }
        boolean udp = udp() || listed.stream().anyMatch(o -> o instanceof Forwarder);
        String iface = config.host(target.name()).map(HostConfig::iface).orElse(null);
        return new ReadRequest(target.address(), iface, devices, files, config.pool(),
                udp ? OwnedObjects.UDP_DEVICE : null);
    }

    /** Whether the file or the state has a udp network (so a forwarder may run, and its build matters). */
    private boolean udp() {
        return config().backend().type() == BackendType.UDP
                || state.network() != null && state.network().backend().type() == BackendType.UDP;
    }

    /**
     * Plans from the state and what refresh read. The plan carries its problems: every host refresh could not read,
     * and what the preflight checks found on the hosts it read ({@link Preflight}); a plan with problems is never
     * applied as it is.
     */
    Plan plan(boolean refreshed, boolean destroy) {
        Plan full = Planner.plan(config(), new Planner.Inputs(state, refresh.readings(), refreshed, loaded.sha256(),
                destroy, udp() ? Wiring.forwarderBuild() : null));
        List<HostProblem> problems = new java.util.ArrayList<>();
        refresh.failures().values().forEach(f -> problems.add(new HostProblem(f.host(), HostProblem.Kind.UNREAD,
                Reports.reason(f), unreadHint(f.host()))));
        problems.addAll(Preflight.check(config(), full, refresh.readings(), destroy));
        Plan limited = limitTo.isEmpty() ? full : Targeting.limit(full, state, limitTo, destroy);
        return limited.withProblems(problems);
    }

    /** What to do about a host that could not be read. */
    private String unreadHint(String host) {
        String forget = "if " + host + " is gone for good, forget it with 'ovnet state rm " + host + "'";
        if (config().host(host).isEmpty()) {
            return forget;
        }
        return "make " + host + " reachable and run the command again; to plan from the state alone, use"
                + " --refresh=false" + (state.host(host).isPresent() ? "; " + forget : "");
    }

    /** Applies the plan on every host that has changes and records the outcome; returns the per-host results. */
    Map<String, ApplyResult> apply(Plan plan, ApplyListener listener) {
        return apply(plan, listener, () -> false);
    }

    /**
     * How {@link #apply} guards the hosts: roll a failed host back to what it held when the apply started
     * ({@code apply} does unless {@code --no-rollback}; destroy does not), and probe peers after applying
     * ({@code --verify}).
     */
    void transactions(boolean rollback, boolean verify) {
        transactions = new Engine.Transactions(rollback, verify, this::readRequest);
    }

    /**
     * The hosts an apply of {@code plan} works on: every host in the plan except those refresh could not read
     * (their plan comes from the state alone, so it is not applied).
     */
    private Map<String, HostTarget> applicable(Plan plan) {
        Map<String, HostTarget> out = new LinkedHashMap<>(targets());
        plan.unread().forEach(out::remove);
        return out;
    }

    /** As above; once {@code stop} says so, hosts not yet started are left for the next apply. */
    Map<String, ApplyResult> apply(Plan plan, ApplyListener listener, java.util.function.BooleanSupplier stop) {
        java.util.Optional<State> intent = StateUpdate.intent(state, plan);
        if (intent.isPresent()) {
            store.write(intent.get());
            state = intent.get();
        }
        Map<String, ApplyResult> results = new java.util.TreeMap<>(engine.apply(plan, applicable(plan), listener,
                stop, transactions.limitedTo(limitTo)));
        for (HostProblem p : plan.problems(HostProblem.Kind.UNREAD)) {
            results.put(p.host(), new ApplyResult(List.of(), new dev.ovnet.planner.spi.HostFailure(p.host(), null,
                    p.detail(), true)));
        }
        State after = StateUpdate.after(state, plan, results, Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
        store.write(after);
        state = after;
        return results;
    }

    /**
     * After a plan without changes: records the hosts whose record the plan corrects all the same (a host whose
     * objects are there but that the state does not know, after {@code ovnet state rm}; a partial record that is
     * complete after all). Returns their names; writes nothing when there are none.
     */
    List<String> recordUnchanged(Plan plan) {
        State after = StateUpdate.after(state, plan, Map.of(), Instant.now().truncatedTo(ChronoUnit.SECONDS)
                .toString());
        List<String> changed = new java.util.ArrayList<>();
        Set<String> names = new java.util.TreeSet<>();
        state.hosts().forEach(h -> names.add(h.name()));
        after.hosts().forEach(h -> names.add(h.name()));
        for (String name : names) {
            if (!state.host(name).equals(after.host(name))) {
                changed.add(name);
            }
        }
        if (changed.isEmpty() && java.util.Objects.equals(state.network(), after.network())) {
            return changed;
        }
        store.write(after);
        state = after;
        return changed.isEmpty() ? List.of("the network") : changed;
    }

    /**
     * {@code apply --refresh-only}: records what refresh read as the truth for every host that drifted, without
     * changing any host. Returns the hosts whose record changed (none: nothing is written).
     */
    List<String> recordDrift(Plan plan) {
        List<String> changed = new java.util.ArrayList<>();
        List<HostState> hosts = new java.util.ArrayList<>();
        Set<String> drifted = new HashSet<>();
        plan.drift().forEach(d -> drifted.add(d.host()));
        for (HostState h : state.hosts()) {
            var reading = refresh.readings().get(h.name());
            if (reading != null && drifted.contains(h.name())) {
                hosts.add(h.with(dev.ovnet.planner.state.HostStatus.PARTIAL, reading.objects(), h.appliedSerial(),
                        h.appliedAt()));
                changed.add(h.name());
            } else {
                hosts.add(h);
            }
        }
        if (!changed.isEmpty()) {
            State next = new State(state.version(), state.serial() + 1, state.lineage(), state.network(), hosts);
            store.write(next);
            state = next;
        }
        return changed;
    }

    @Override
    public void close() {
        engine.close();
        if (lock != null) {
            lock.close();
        }
    }
}
