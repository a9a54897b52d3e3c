package dev.ovnet.planner.engine;

import dev.ovnet.planner.config.BackendType;
import dev.ovnet.planner.config.Connection;
import dev.ovnet.planner.config.HostConfig;
import dev.ovnet.planner.config.NetworkConfig;
import dev.ovnet.planner.desired.HostReads;
import dev.ovnet.planner.plan.HostPlan;
import dev.ovnet.planner.plan.HostProblem;
import dev.ovnet.planner.plan.HostReading;
import dev.ovnet.planner.plan.Plan;
import dev.ovnet.planner.plan.Planner;
import dev.ovnet.planner.plan.Preflight;
import dev.ovnet.planner.plan.TargetException;
import dev.ovnet.planner.plan.Targeting;
import dev.ovnet.planner.spi.ApplyListener;
import dev.ovnet.planner.spi.ApplyResult;
import dev.ovnet.planner.spi.HostConnector;
import dev.ovnet.planner.spi.HostFailure;
import dev.ovnet.planner.spi.HostTarget;
import dev.ovnet.planner.spi.ReadRequest;
import dev.ovnet.planner.spi.StateLock;
import dev.ovnet.planner.spi.StateStore;
import dev.ovnet.planner.state.HostState;
import dev.ovnet.planner.state.HostStatus;
import dev.ovnet.planner.state.State;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * The operations ovnet runs, without a terminal: one session per command (or per agent round). It takes the state
 * lock and reads the state, reads the hosts (refresh), plans, applies with rollback and verify, and records the
 * state before and after; progress goes to an {@link ApplyListener}. Whoever runs it (the CLI, a test, an agent)
 * hands in how to reach the state and the hosts, and renders what it returns. Closing it releases the lock and
 * the host connections.
 *
 * <p>Pure of its own: every effect goes through the {@link StateStore} and {@link HostConnector} it is given, and
 * time and fresh identities come from {@link Context}.
 */
public final class Session implements AutoCloseable {

    /**
     * What a session needs besides the file, the state and the hosts: the build of the udp forwarder this ovnet
     * launches (asked only where a udp network is involved), the time to record an apply at (ISO-8601, seconds),
     * and a lineage for a state written for the first time.
     */
    public record Context(Supplier<String> forwarderBuild, Supplier<String> now, Supplier<String> newLineage) {
    }

    private final NetworkConfig config;
    private final String configHash;
    private final StateStore store;
    private final Engine engine;
    private final Context context;
    private StateLock lock;
    private Set<String> limitTo = Set.of();
    private Set<String> rotateKeys = Set.of();
    private boolean removeKeys;
    private State state;
    private boolean stateExisted;
    private Engine.Refresh refresh = new Engine.Refresh(Map.of(), Map.of());
    private Engine.Transactions transactions = Engine.Transactions.NONE;
    private boolean checkpointFromRefresh;

    public Session(NetworkConfig config, String configHash, StateStore store, HostConnector connector,
            int parallelism, Context context) {
        this.config = Objects.requireNonNull(config);
        this.configHash = configHash;
        this.store = Objects.requireNonNull(store);
        this.engine = new Engine(connector, parallelism);
        this.context = Objects.requireNonNull(context);
    }

    public NetworkConfig config() {
        return config;
    }

    public StateStore store() {
        return store;
    }

    /** The state as last read or written ({@link #readState} first). */
    public State state() {
        return state;
    }

    /** Whether the store held a state when it was read (else {@link #state} is a new, empty one). */
    public boolean stateExisted() {
        return stateExisted;
    }

    /** What the last refresh read, and why the hosts it could not read were not read. */
    public Engine.Refresh refreshed() {
        return refresh;
    }

    /** Takes the lock for {@code operation} (waiting up to {@code timeout}), then reads the state. */
    public void lock(String operation, Duration timeout) {
        lock = store.lock(operation, timeout);
        readState();
    }

    /** Reads the state without the lock (commands that change nothing). */
    public void readState() {
        Optional<State> stored = store.read();
        stateExisted = stored.isPresent();
        state = stored.orElseGet(() -> State.empty(context.newLineage().get()));
    }

    /**
     * Limits every plan, read and apply of this session to the hosts matching {@code patterns} ({@code --target});
     * no patterns: every host. Resolved against the hosts of the file and of the state, so call it after reading
     * the state.
     */
    public void target(List<String> patterns) {
        limitTo = patterns.isEmpty() ? Set.of() : Targeting.resolve(patterns, targets().keySet());
    }

    /**
     * Gives each named host of a wireguard network a new private key in the next plan ({@code apply --rotate-key});
     * the apply's second round hands the new public keys to the peers.
     *
     * @throws TargetException naming a host that is not in the file, or a network that is not wireguard
     */
    public void rotateKeys(List<String> hosts) {
        for (String host : hosts) {
            if (config.host(host).isEmpty()) {
                throw new TargetException("--rotate-key " + host + ": there is no host " + host + " in "
                        + config.file(), "name a host of the file: " + String.join(", ",
                                config.hosts().stream().map(HostConfig::name).toList()));
            }
        }
        if (!hosts.isEmpty() && config.backend().type() != BackendType.WIREGUARD) {
            throw new TargetException("--rotate-key: the " + config.backend().type().word() + " backend has no keys",
                    "leave out --rotate-key, or use backend type wireguard");
        }
        rotateKeys = Set.copyOf(hosts);
    }

    /** A destroy that also removes each host's wireguard key file ({@code destroy --remove-keys}). */
    public void removeKeys(boolean remove) {
        removeKeys = remove;
    }

    /** The hosts plans are limited to; empty: all. */
    public Set<String> limitedTo() {
        return limitTo;
    }

    /** Plans as a saved plan did: from its readings, limited to its hosts. */
    public void replay(Map<String, HostReading> readings, Set<String> hosts, String lineage) {
        refresh = new Engine.Refresh(readings, Map.of());
        limitTo = Set.copyOf(hosts);
        if (!stateExisted) {
            state = State.empty(lineage);
        }
    }

    /** Every host of the file, and every host of the state no longer in the file, with how to reach it. */
    public Map<String, HostTarget> targets() {
        Map<String, HostTarget> out = new LinkedHashMap<>();
        for (HostConfig h : config.hosts()) {
            out.put(h.name(), HostTarget.of(h));
        }
        for (HostState h : state.hosts()) {
            out.putIfAbsent(h.name(), new HostTarget(h.name(), h.connection(), h.netns(), h.address(), config.ssh(),
                    h.root(), h.address6()));
        }
        return out;
    }

    /** Reads the hosts: every host, or only the targeted ones ({@code --target} limits every read). */
    public void refresh() {
        List<HostTarget> reading = targets().values().stream()
                .filter(t -> limitTo.isEmpty() || limitTo.contains(t.name())).toList();
        refresh = engine.refresh(reading, this::readRequest);
    }

    private ReadRequest readRequest(HostTarget target) {
        return HostReads.of(config, state, target);
    }

    /**
     * Plans from the state and what refresh read. The plan carries its problems: every host refresh could not read,
     * and what the preflight checks found on the hosts it read ({@link Preflight}); a plan with problems is never
     * applied as it is.
     */
    public Plan plan(boolean refreshed, boolean destroy) {
        Plan full = Planner.plan(config, new Planner.Inputs(state, refresh.readings(), refreshed, configHash,
                destroy, HostReads.udp(config, state) ? context.forwarderBuild().get() : null, rotateKeys,
                removeKeys));
        List<HostProblem> problems = new ArrayList<>();
        refresh.failures().values().forEach(f -> problems.add(new HostProblem(f.host(), HostProblem.Kind.UNREAD,
                reason(f), unreadHint(f.host()))));
        problems.addAll(Preflight.check(config, full, refresh.readings(), destroy));
        Plan limited = limitTo.isEmpty() ? full : Targeting.limit(full, state, limitTo, destroy);
        return limited.withProblems(problems);
    }

    /** A host failure's own words, without the host name (and "unreachable:") the message starts with. */
    public static String reason(HostFailure f) {
        String detail = f.detail();
        for (String prefix : List.of(f.host() + ": unreachable: ", f.host() + ": ")) {
            if (detail.startsWith(prefix)) {
                return detail.substring(prefix.length());
            }
        }
        return detail;
    }

    /**
     * What to do about a host that could not be read, as commands that work as printed (they name the file). A
     * netns host's namespace is made by {@code ovnet lab up}; the cause itself is in the failure's words.
     */
    private String unreadHint(String host) {
        String file = " -f " + shellWord(config.file());
        String forget = "if " + host + " is gone for good, forget it: ovnet state rm " + host + file;
        Optional<HostConfig> inFile = config.host(host);
        if (inFile.isEmpty()) {
            return forget;
        }
        String reach = inFile.get().connection() == Connection.NETNS
                ? "if its namespace " + inFile.get().netns() + " is missing, create it: ovnet lab up" + file
                : "make " + host + " reachable and run the command again";
        return reach + "; to plan from the state alone, use --refresh=false"
                + (state.host(host).isPresent() ? "; " + forget : "");
    }

    /** A file name as one shell word, quoted when it holds anything but plain characters. */
    private static String shellWord(String word) {
        return word.matches("[A-Za-z0-9_./:=@%+,-]+") ? word : "'" + word.replace("'", "'\\''") + "'";
    }

    /**
     * How {@link #apply} guards the hosts: roll a failed host back to what it held when the apply started
     * ({@code apply} does unless {@code --no-rollback}; destroy does not), and probe peers after applying
     * ({@code --verify}).
     */
    public void guard(boolean rollback, boolean verify) {
        transactions = new Engine.Transactions(rollback, verify, this::readRequest);
        checkpointFromRefresh = false;
    }

    /**
     * Rolls a failed host back as {@link #guard} does, with its checkpoint taken from the refresh the plan came
     * from instead of a read just before the change: for a caller that refreshes, plans and applies in one go,
     * with nobody to wait for in between (the agent, whose kernel monitor hears any change made in those
     * milliseconds and starts another round). It saves one whole read of the host per apply. {@code apply} and
     * {@code destroy} do not use it: minutes may pass between their plan and their apply.
     */
    public void guardFromRefresh() {
        guard(true, false);
        checkpointFromRefresh = true;
    }

    /** Whether applying {@code plan} would change any host it may change (one that was read, or not refreshed). */
    public static boolean hasWork(Plan plan) {
        Set<String> unread = plan.unread();
        return plan.hosts().stream().anyMatch(h -> !h.isEmpty() && !unread.contains(h.host()));
    }

    /**
     * What an apply did: the result of every host it worked on, or could not read (as unreachable), and how many
     * hosts are done: applied, or read and needing nothing. None done is a failure of the whole command.
     */
    public record Outcome(Map<String, ApplyResult> results, long done) {

        public Outcome {
            results = Collections.unmodifiableMap(new TreeMap<>(results));
        }

        public boolean allOk() {
            return results.values().stream().allMatch(ApplyResult::ok);
        }

        public long failed() {
            return results.values().stream().filter(r -> !r.ok()).count();
        }

        public long rolledBack() {
            return results.values().stream().filter(ApplyResult::rolledBack).count();
        }
    }

    /**
     * Applies the plan on every host that has changes and was read (the others are reported as unreachable),
     * recording first the hosts it adds, then the outcome; once {@code stop} says so, hosts not yet started are
     * left for the next apply. A wireguard plan that makes keys (a new host, {@code --rotate-key}) runs a second
     * round: the hosts are read again for their new public keys, and the peers that could not be given a key in
     * the first round get it (a wireguard private key is made on its host, so no plan can know it in advance).
     */
    public Outcome apply(Plan plan, ApplyListener listener, BooleanSupplier stop) {
        boolean learns = WireguardRounds.learnsKeys(plan);
        Outcome first = applyOnce(plan, listener, stop, learns);
        if (!learns || stop.getAsBoolean()) {
            return first;
        }
        // keys generated by this apply are known now: read them back and give every peer its key
        rotateKeys = Set.of();
        refresh();
        Plan second = plan(true, false);
        if (!second.problems().isEmpty()) {
            // the peers still without a key stay so until the next apply: say which host stopped it and why
            return WireguardRounds.stopped(first, second.problems());
        }
        if (!hasWork(second)) {
            return first;
        }
        Outcome rest = applyOnce(second, listener, stop, false);
        Map<String, ApplyResult> results = new TreeMap<>(first.results());
        rest.results().forEach((host, result) -> results.merge(host, result, WireguardRounds::both));
        long done = results.values().stream().filter(ApplyResult::ok).count();
        return new Outcome(results, Math.max(done, Math.min(first.done(), rest.done())));
    }

    /** One round; {@code firstOfTwo}: peers are not all keyed yet, so probing them would fail (verify waits). */
    private Outcome applyOnce(Plan plan, ApplyListener listener, BooleanSupplier stop, boolean firstOfTwo) {
        Optional<State> intent = StateUpdate.intent(state, plan);
        if (intent.isPresent()) {
            store.write(intent.get());
            state = intent.get();
        }
        Map<String, HostTarget> applicable = new LinkedHashMap<>(targets());
        plan.unread().forEach(applicable::remove);
        Engine.Transactions guarded = firstOfTwo
                ? new Engine.Transactions(transactions.rollback(), false, transactions.reads())
                : transactions;
        if (checkpointFromRefresh) {
            // the refresh this plan came from: apply reads the hosts again before a second round
            guarded = guarded.taking(refresh.readings());
        }
        Map<String, ApplyResult> results = new TreeMap<>(engine.apply(plan, applicable, listener, stop,
                guarded.limitedTo(limitTo)));
        for (HostProblem p : plan.problems(HostProblem.Kind.UNREAD)) {
            results.put(p.host(), new ApplyResult(List.of(), new HostFailure(p.host(), null, p.detail(), true)));
        }
        State after = StateUpdate.after(state, plan, results, context.now().get());
        store.write(after);
        state = after;
        Set<String> read = refresh.readings().keySet();
        long done = plan.hosts().stream().filter(h -> results.containsKey(h.host()) ? results.get(h.host()).ok()
                : h.isEmpty() && read.contains(h.host())).count();
        return new Outcome(results, done);
    }

    /**
     * After a plan without changes: records the hosts whose record the plan corrects all the same (a host whose
     * objects are there but that the state does not know, after {@code ovnet state rm}; a partial record that is
     * complete after all). Returns their names ("the network" when only the network's record changed); writes
     * nothing when there are none.
     */
    public List<String> recordUnchanged(Plan plan) {
        State after = StateUpdate.after(state, plan, Map.of(), context.now().get());
        List<String> changed = new ArrayList<>();
        Set<String> names = new TreeSet<>();
        state.hosts().forEach(h -> names.add(h.name()));
        after.hosts().forEach(h -> names.add(h.name()));
        for (String name : names) {
            if (!state.host(name).equals(after.host(name))) {
                changed.add(name);
            }
        }
        if (changed.isEmpty() && Objects.equals(state.network(), after.network())) {
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
    public List<String> recordDrift(Plan plan) {
        List<String> changed = new ArrayList<>();
        List<HostState> hosts = new ArrayList<>();
        Set<String> drifted = new HashSet<>();
        plan.drift().forEach(d -> drifted.add(d.host()));
        for (HostState h : state.hosts()) {
            HostReading reading = refresh.readings().get(h.name());
            if (reading != null && drifted.contains(h.name())) {
                hosts.add(h.with(HostStatus.PARTIAL, reading.objects(), h.appliedSerial(), h.appliedAt()));
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

    /** The hosts of the plan that have changes: what an apply works on, for a recap. */
    public static Set<String> withWork(Plan plan) {
        Set<String> out = new TreeSet<>();
        for (HostPlan hp : plan.hosts()) {
            if (!hp.isEmpty()) {
                out.add(hp.host());
            }
        }
        return out;
    }

    @Override
    public void close() {
        engine.close();
        if (lock != null) {
            lock.close();
        }
    }
}
