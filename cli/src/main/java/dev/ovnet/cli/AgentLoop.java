package dev.ovnet.cli;

import dev.ovnet.planner.agent.AgentView;
import dev.ovnet.planner.engine.KeptConnections;
import dev.ovnet.planner.engine.Session;
import dev.ovnet.planner.plan.Change;
import dev.ovnet.planner.plan.HostPlan;
import dev.ovnet.planner.plan.HostProblem;
import dev.ovnet.planner.plan.HostReading;
import dev.ovnet.planner.plan.Plan;
import dev.ovnet.planner.spi.ApplyListener;
import dev.ovnet.planner.spi.ApplyResult;
import dev.ovnet.planner.spi.HostConnector;
import dev.ovnet.planner.state.State;
import dev.ovnet.providers.kernel.KernelMonitor;
import dev.ovnet.providers.state.AgentChannel;
import dev.ovnet.providers.state.AgentReport;
import dev.ovnet.providers.state.EtcdSettings;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

/**
 * One agent: keeps its own host as the network recorded in etcd says, with the same session as {@code ovnet
 * apply} (refresh, plan, preflight, batches, rollback), limited to that host.
 *
 * <p>Two threads. The etcd thread reads the state when the watch says it changed (the watch runs from the revision
 * read, so no change is missed and none is seen twice; a broken watch is replaced after a new read) and writes the
 * report. The host thread reconciles in rounds: when a new state was accepted, when the kernel monitor saw a link,
 * address, route, neighbour or fdb entry change, and every {@link #FULL_CHECK} (iptables rules and files send no
 * notification). While etcd cannot be reached the host thread goes on from the last state accepted, so the data
 * plane stays as it is and drift is still repaired; the etcd thread tries again with a growing pause (up to 10 s)
 * and the host converges once etcd answers. A state it cannot read, or one
 * older than the one it applied, is refused: logged, reported, and nothing changes.
 */
final class AgentLoop implements AutoCloseable {

    static final Duration FULL_CHECK = Duration.ofSeconds(10);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(10);
    private static final Duration SETTLE = Duration.ofMillis(30);

    /** What the agent is told on its command line. */
    record Settings(String host, String root, String network, EtcdSettings etcd, Function<String, String> env) {
    }

    private final Settings settings;
    /** Its own host's connection, kept from round to round (no probe and no tool-version check each round). */
    private final KeptConnections connector;
    private final Session.Context context;
    private final PrintWriter log;
    private final Object wake = new Object();
    private boolean etcdDirty = true;
    private boolean hostDirty = true;
    private boolean reportDirty;

    // the etcd thread's own
    private AgentChannel channel;
    private AutoCloseable watch;
    private Duration backoff = Duration.ZERO;
    private AgentReport lastReport;

    // shared: written under this object's lock, or volatile
    private volatile State current;
    private volatile boolean stateRead;
    private volatile AgentView lastView;
    private volatile long appliedSerial;
    private volatile String appliedAt;
    private volatile long driftRepaired;
    private volatile String lastDrift;
    private volatile String lastError;
    private volatile String status = "starting";
    /** Whether the kernel may have changed since the last read: a notification, or the full check is due. */
    private volatile boolean kernelTouched = true;
    private volatile HostReading reading;
    private boolean etcdFailing;
    private volatile boolean closed;

    AgentLoop(Settings settings, HostConnector connector, PrintWriter log) {
        this.settings = settings;
        this.connector = new KeptConnections(connector);
        this.log = log;
        this.context = new Session.Context(Wiring::forwarderBuild, AgentLoop::now,
                () -> UUID.randomUUID().toString());
    }

    private static String now() {
        return Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
    }

    /** Runs until closed (or the thread is interrupted): etcd on a thread of its own, the host on this one. */
    void run() {
        log("agent for host " + settings.host() + " of network " + settings.network() + " (root "
                + (settings.root() == null ? "as recorded" : settings.root()) + ", " + settings.etcd().describe()
                + ")");
        Thread etcd = new Thread(this::followEtcd, "ovnet-agent-etcd");
        etcd.setDaemon(true);
        etcd.start();
        try (KernelMonitor monitor = KernelMonitor.start(this::kernelChanged)) {
            long nextFullCheck = System.nanoTime() + FULL_CHECK.toNanos();
            while (!closed) {
                synchronized (wake) {
                    while (!hostDirty && System.nanoTime() < nextFullCheck && !closed) {
                        wake.wait(Math.max(1, (nextFullCheck - System.nanoTime()) / 1_000_000));
                    }
                }
                Thread.sleep(SETTLE.toMillis()); // a burst of notifications (our own apply) is one round
                synchronized (wake) {
                    hostDirty = false;
                }
                if (System.nanoTime() >= nextFullCheck) {
                    nextFullCheck = System.nanoTime() + FULL_CHECK.toNanos();
                    kernelTouched = true;
                }
                reconcile();
                reportDue();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            closed = true;
            etcd.interrupt();
        }
    }

    /**
     * The etcd thread: reads the state when the watch says it changed (or no watch runs), writes the report when
     * it changed, and after a failure waits a growing pause before it tries again. It never blocks the host's
     * repairs: those run on the other thread from the last state accepted.
     */
    private void followEtcd() {
        while (!closed) {
            boolean read;
            boolean write;
            synchronized (wake) {
                try {
                    while (!closed && !(etcdDirty || reportDirty)) {
                        wake.wait(FULL_CHECK.toMillis());
                        etcdDirty = etcdDirty || watch == null;
                        reportDirty = reportDirty || channel != null && channel.leaseLost();
                    }
                } catch (InterruptedException e) {
                    return;
                }
                read = etcdDirty;
                write = reportDirty;
                etcdDirty = false;
                reportDirty = false;
            }
            try {
                if (channel == null) {
                    channel = AgentChannel.connect(settings.etcd(), settings.network(), settings.env());
                }
                AgentChannel.Snapshot snapshot = read ? channel.readState() : null;
                if (!backoff.isZero()) {
                    log("etcd answers again");
                    backoff = Duration.ZERO;
                    error(null, true);
                }
                if (snapshot != null) {
                    accept(snapshot);
                    if (watch == null) {
                        watch = channel.watchState(snapshot.revision(), revision -> etcdChanged(),
                                this::watchBroke);
                    }
                }
                writeReport();
            } catch (RuntimeException e) {
                backoff = backoff.isZero() ? Duration.ofMillis(250) : min(backoff.multipliedBy(2), MAX_BACKOFF);
                String why = "etcd: " + e.getMessage();
                if (!why.equals(lastError)) {
                    log(why + "; keeping the host as it is, trying again (pause up to " + MAX_BACKOFF.toSeconds()
                            + " s)");
                }
                error(why, true);
                dropWatch();
                // a fresh client next time: gRPC's own reconnect backoff grows to minutes while etcd is away
                if (channel != null) {
                    channel.close();
                    channel = null;
                    lastReport = null;
                }
                synchronized (wake) {
                    etcdDirty = true;
                    reportDirty = reportDirty || write;
                }
                try {
                    Thread.sleep(backoff.toMillis());
                } catch (InterruptedException x) {
                    return;
                }
            }
        }
    }

    private void kernelChanged() {
        kernelTouched = true;
        reconcileDue();
    }

    private void reconcileDue() {
        synchronized (wake) {
            hostDirty = true;
            wake.notifyAll();
        }
    }

    private void reportDue() {
        synchronized (wake) {
            reportDirty = true;
            wake.notifyAll();
        }
    }

    private void etcdChanged() {
        synchronized (wake) {
            etcdDirty = true;
            wake.notifyAll();
        }
    }

    /** Records the last error; an etcd error is cleared only by etcd answering, a host error by a good round. */
    private synchronized void error(String why, boolean fromEtcd) {
        if (why == null) {
            if (fromEtcd ? etcdFailing : !etcdFailing) {
                lastError = null;
            }
            if (fromEtcd) {
                etcdFailing = false;
            }
            return;
        }
        etcdFailing = etcdFailing || fromEtcd;
        lastError = why;
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    /** A watch that broke is dropped; the etcd thread reads again and watches from what it read. */
    private void watchBroke(Throwable error) {
        dropWatch();
        etcdChanged();
    }

    private void dropWatch() {
        AutoCloseable w;
        synchronized (wake) {
            w = watch;
            watch = null;
        }
        if (w != null) {
            closeQuietly(w);
        }
    }

    private static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception e) {
            // already broken
        }
    }

    /** Takes a read state as the one to follow, unless it is unreadable or older than the one applied. */
    private void accept(AgentChannel.Snapshot snapshot) {
        if (snapshot.refused() != null) {
            refuse("refused the recorded state: " + snapshot.refused().getMessage());
            return;
        }
        State read = snapshot.state();
        boolean sameLineage = read != null && lastView != null && read.lineage().equals(lastView.state().lineage());
        if (sameLineage && read.serial() < appliedSerial) {
            refuse("refused the recorded state: its serial " + read.serial() + " is older than serial "
                    + appliedSerial + ", which this agent applied");
            return;
        }
        current = read;
        stateRead = true;
        reconcileDue();
    }

    private void refuse(String why) {
        if (!why.equals(lastError)) {
            log(why + "; the host stays as it is");
        }
        error(why, false);
    }

    /** Plans this host against the state held and applies the difference. */
    private void reconcile() {
        Optional<AgentView> view = AgentView.of(current, lastView, settings.host(), settings.root());
        if (view.isEmpty()) {
            if (!stateRead) {
                return; // the etcd thread has not read the state yet
            }
            String waiting = current == null || current.network() == null
                    ? "waiting for network " + settings.network() + " to be recorded"
                    : "waiting for host " + settings.host() + " to be recorded in network " + settings.network();
            if (!waiting.equals(status)) {
                log(waiting);
            }
            status = waiting;
            return;
        }
        AgentView v = view.get();
        long serial = v.state().serial();
        boolean touched = kernelTouched;
        kernelTouched = false;
        if (!touched && lastView != null && v.member() && lastView.member() && v.config().equals(lastView.config())
                && lastError == null) {
            // a new serial that asks nothing new of this host (another host's status changed, an apply's intent
            // became its result), and nothing changed here since the last read: it matches as it is
            if (serial != appliedSerial) {
                appliedSerial = serial;
                appliedAt = now();
            }
            lastView = v;
            return;
        }
        try (Session session = new Session(v.config(), null, new AgentStateView(v.state()), connector, 1,
                context)) {
            session.readState();
            session.target(List.of(settings.host()));
            session.refresh();
            Plan plan = session.plan(true, false);
            if (!plan.problems().isEmpty()) {
                refuse(problems(plan.problems()));
                return;
            }
            List<Change> changes = plan.hosts().stream().filter(h -> h.host().equals(settings.host()))
                    .flatMap(h -> h.changes().stream()).toList();
            boolean newSerial = serial != appliedSerial || v.member() != (lastView != null && lastView.member());
            reading = changes.isEmpty() ? session.refreshed().readings().get(settings.host()) : null;
            if (!changes.isEmpty()) {
                kernelChanged(); // read the host again once this is done: the report then says what it holds
                // the checkpoint is the reading this plan came from, milliseconds old; a change made meanwhile is
                // heard by the kernel monitor and handled in the next round
                session.guardFromRefresh();
                Session.Outcome outcome = session.apply(plan, ApplyListener.NONE, () -> false);
                ApplyResult result = outcome.results().get(settings.host());
                if (result != null && !result.ok()) {
                    String why = "applying serial " + serial + " failed" + (result.rolledBack()
                            ? " and was rolled back" : "") + ": " + result.failure().detail();
                    log(why);
                    error(why, false);
                    return;
                }
                if (newSerial) {
                    log((v.member() ? "applied serial " : "removed this host's objects at serial ") + serial + ": "
                            + changes.size() + " change(s)");
                } else {
                    driftRepaired += changes.size();
                    lastDrift = now() + " " + describe(changes);
                    log("repaired drift: " + describe(changes));
                }
            }
            if (newSerial) {
                appliedSerial = serial;
                appliedAt = now();
                log(v.member() ? "host matches serial " + serial : "host left the network at serial " + serial);
            }
            lastView = v;
            error(null, false);
            status = v.member() ? "applied" : "left the network";
        } catch (RuntimeException e) {
            String why = "reconciling serial " + serial + " failed: " + e.getMessage();
            if (!why.equals(lastError)) {
                log(why);
            }
            error(why, false);
        }
    }

    private static String problems(List<HostProblem> problems) {
        List<String> out = new ArrayList<>();
        problems.forEach(p -> out.add(p.detail()));
        return "the host cannot be planned: " + String.join("; ", out);
    }

    private static String describe(List<Change> changes) {
        List<String> out = new ArrayList<>();
        for (Change c : changes) {
            out.add(c.action().toString().toLowerCase() + " " + c.key());
        }
        return String.join(", ", out);
    }

    /** The report: what a waiting {@code ovnet apply} and {@code ovnet plan} read. */
    AgentReport report() {
        return new AgentReport(settings.host(), status, appliedSerial, appliedAt, driftRepaired, lastDrift, lastError,
                VersionProvider.version(), reading);
    }

    /** Writes the report when it changed, or when etcd dropped its lease. */
    private void writeReport() {
        AgentReport report = report();
        if (report.equals(lastReport) && !channel.leaseLost()) {
            return;
        }
        lastReport = null;
        channel.report(settings.host(), report);
        lastReport = report;
    }

    private void log(String line) {
        log.println(now() + " ovnet agent " + settings.host() + ": " + line);
        log.flush();
    }

    @Override
    public void close() {
        closed = true;
        synchronized (wake) {
            wake.notifyAll();
        }
        dropWatch();
        if (channel != null) {
            channel.close();
        }
        connector.close();
    }
}
