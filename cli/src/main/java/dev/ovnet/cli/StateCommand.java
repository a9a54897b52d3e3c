package dev.ovnet.cli;

import dev.ovnet.cli.render.Style;
import dev.ovnet.planner.OvnetException;
import dev.ovnet.planner.plan.Glob;
import dev.ovnet.planner.plan.Planner;
import dev.ovnet.planner.spi.StateLock;
import dev.ovnet.planner.spi.StateStore;
import dev.ovnet.planner.state.HostState;
import dev.ovnet.planner.state.HostStatus;
import dev.ovnet.planner.state.State;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code ovnet state list|rm}: Terraform's manual repair of the recorded state, without touching any host. */
@Command(name = "state", description = "Inspect or repair the recorded state (advanced); never touches a host.",
        subcommands = {StateCommand.ListHosts.class, StateShowCommand.class, StateCommand.Remove.class})
final class StateCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** {@code ovnet state list [PATTERN...]}: the hosts of the state, one per line. */
    @Command(name = "list", description = "List the hosts recorded in the state, one per line.")
    static final class ListHosts implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Mixin
        Options.ConfigFile file;

        @Parameters(arity = "0..*", paramLabel = "PATTERN",
                description = "Only hosts matching these shell-style patterns (e.g. 'node-*').")
        List<String> patterns = new ArrayList<>();

        @Override
        public Integer call() throws Exception {
            LoadedConfig loaded = LoadedConfig.load(file);
            StateStore store = OvnetCommand.wiring(spec).stateStore(loaded.config(), loaded.folder());
            try {
                PrintWriter out = spec.commandLine().getOut();
                for (HostState h : store.read().map(State::hosts).orElse(List.of())) {
                    if (patterns.isEmpty() || patterns.stream().anyMatch(p -> Glob.matches(p, h.name()))) {
                        out.println(h.name());
                    }
                }
                return ExitCodes.OK;
            } finally {
                close(store);
            }
        }
    }

    /** {@code ovnet state rm HOST...}: forget hosts; nothing on any host changes. */
    @Command(name = "rm", description = {"Forget hosts in the state without touching them: ovnet no longer manages"
            + " what it made there, and releases their subnets.",
        "Use it for a host that is gone for good. The other hosts' records then list their objects, including their"
                + " peer entries for the forgotten hosts, which the next apply removes."})
    static final class Remove implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Mixin
        Options.ConfigFile file;

        @Mixin
        Options.Lock lock;

        @Mixin
        Options.Output output;

        @Option(names = "--dry-run", description = "Say what would be removed, and change nothing.")
        boolean dryRun;

        @Parameters(arity = "1..*", paramLabel = "HOST", description = "Host names, exactly as in the state.")
        List<String> names = new ArrayList<>();

        @Override
        public Integer call() throws Exception {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            LoadedConfig loaded = LoadedConfig.load(file);
            StateStore store = OvnetCommand.wiring(spec).stateStore(loaded.config(), loaded.folder());
            try (StateLock held = dryRun ? null : store.lock("state rm", lock.lockTimeout)) {
                State state = store.read().orElseThrow(() -> new StateRepairException("there is no state at "
                        + store.location() + ": nothing to remove", null));
                Set<String> gone = new TreeSet<>(names);
                List<String> unknown = gone.stream().filter(n -> state.host(n).isEmpty()).toList();
                if (!unknown.isEmpty()) {
                    throw new StateRepairException("not in the state: " + String.join(", ", unknown),
                            "the state holds: " + String.join(", ", state.hosts().stream().map(HostState::name)
                                    .toList()) + " ('ovnet state list')");
                }
                for (String name : gone) {
                    HostState h = state.host(name).orElseThrow();
                    out.println((dryRun ? "Would remove " : "Removed ") + name + " (subnet " + h.mainLease() + ", "
                            + h.status().word() + "); nothing on the host is changed");
                    if (loaded.config().host(name).isPresent()) {
                        err.println(new Style(output.color()).warning() + name + " is still in " + file.file
                                + ": the next apply sets it up"
                                + " again as a new host, perhaps with another subnet.");
                    }
                }
                if (dryRun) {
                    return ExitCodes.OK;
                }
                State next = without(state, gone);
                store.write(next);
                out.println("Successfully removed " + Plural.of(gone.size(), "host") + " from the state (serial "
                        + state.serial() + " -> " + next.serial() + ").");
                return ExitCodes.OK;
            } finally {
                close(store);
            }
        }
    }

    /**
     * The state without {@code gone}. A derived record depends on every peer, so while a forgotten host is
     * anyone's peer, the others' derived records become explicit lists of what they hold (status partial).
     */
    static State without(State state, Set<String> gone) {
        boolean wasPeer = state.hosts().stream()
                .anyMatch(h -> gone.contains(h.name()) && h.status() != HostStatus.REMOVING);
        var peers = state.peers();
        List<HostState> kept = new ArrayList<>();
        for (HostState h : state.hosts()) {
            if (gone.contains(h.name())) {
                continue;
            }
            if (wasPeer && h.derived()) {
                var objects = Planner.recorded(state, h, peers).materialise();
                kept.add(h.with(objects.isEmpty() ? HostStatus.PENDING : HostStatus.PARTIAL, objects,
                        h.appliedSerial(), h.appliedAt()));
            } else {
                kept.add(h);
            }
        }
        return new State(state.version(), state.serial() + 1, state.lineage(), kept.isEmpty() ? null : state.network(),
                kept);
    }

    static void close(StateStore store) throws Exception {
        if (store instanceof AutoCloseable c) {
            c.close();
        }
    }

    /** A repair that cannot be done as asked. */
    static final class StateRepairException extends OvnetException {
        StateRepairException(String message, String hint) {
            super(message, hint);
        }
    }
}
