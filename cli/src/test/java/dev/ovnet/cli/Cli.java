package dev.ovnet.cli;

import dev.ovnet.planner.config.ConfigParser;
import dev.ovnet.planner.config.NetworkConfig;
import dev.ovnet.planner.engine.StateUpdate;
import dev.ovnet.planner.plan.Change;
import dev.ovnet.planner.plan.HostPlan;
import dev.ovnet.planner.plan.Plan;
import dev.ovnet.planner.spi.ApplyResult;
import dev.ovnet.planner.spi.HostConnector;
import dev.ovnet.planner.plan.Planner;
import dev.ovnet.planner.state.State;
import dev.ovnet.providers.kernel.PresharedKey;
import dev.ovnet.providers.state.LocalStateStore;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import picocli.CommandLine;

/** Runs ovnet in-process (Main.run) against a network of netns hosts that refresh never reads. */
final class Cli {

    record Result(int exit, String out, String err) {
        String all() {
            return out + err;
        }

        @Override
        public String toString() {
            return "exit " + exit + "\n--- stdout\n" + out + "--- stderr\n" + err;
        }
    }

    static final String YAML = """
            network:
              name: unit
              pool: 10.100.0.0/16
              backend:
                type: vxlan
            state:
              path: state.json
            ssh:
              identityFile: %s
            hosts:
              - {name: node-1, address: 192.0.2.11, connection: netns, netns: ovnet-unit-none-1}
              - {name: node-2, address: 192.0.2.12, connection: netns, netns: ovnet-unit-none-2}
              - {name: node-3, address: 192.0.2.13, connection: netns, netns: ovnet-unit-none-3}
            """;

    final Path dir;
    final Path yaml;

    Cli(Path dir) throws IOException {
        this.dir = dir;
        this.yaml = dir.resolve("ovnet.yaml");
        Files.writeString(yaml, YAML.formatted(dir.resolve("id_test")));
    }

    static Result run(String... args) {
        return runWith(System.getenv(), args);
    }

    /** Runs ovnet with {@code env} as its environment. */
    static Result runWith(Map<String, String> env, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(args, new PrintWriter(out), new PrintWriter(err), env);
        return new Result(code, out.toString(), err.toString());
    }

    /** Runs ovnet with {@code env} as its environment, as if its output went to a terminal. */
    static Result onTerminal(Map<String, String> env, String... args) {
        return execute(command -> {
            command.env = env;
            command.terminal = true;
        }, args);
    }

    /** Runs ovnet in-process with its hosts reached through {@code hosts} (e.g. a FakeNetwork) instead of this machine. */
    static Result runOver(HostConnector hosts, String... args) {
        return execute(command -> command.wiring = new Wiring() {
            @Override
            HostConnector connector(boolean sshAcceptNew, PresharedKey psk) {
                return hosts;
            }
        }, args);
    }

    /** Runs ovnet in-process on a command that {@code setup} adjusted first, collecting what it prints. */
    private static Result execute(Consumer<OvnetCommand> setup, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cmd = Main.commandLine();
        setup.accept((OvnetCommand) cmd.getCommand());
        cmd.setOut(new PrintWriter(out));
        cmd.setErr(new PrintWriter(err));
        int code = cmd.execute(TerraformSpellings.normalize(args));
        cmd.getOut().flush();
        cmd.getErr().flush();
        return new Result(code, out.toString(), err.toString());
    }

    LocalStateStore store() {
        return new LocalStateStore(dir.resolve("state.json"));
    }

    NetworkConfig config() throws IOException {
        return ConfigParser.parse(yaml.toString(), Files.readString(yaml));
    }

    /** Writes the state a complete apply of the file would leave (as if every host had been set up). */
    State applied() throws IOException {
        return applied("lineage-unit");
    }

    /** As {@link #applied()}; a new state gets {@code lineage}. */
    State applied(String lineage) throws IOException {
        LocalStateStore store = store();
        State before = store.read().orElse(State.empty(lineage));
        Plan plan = Planner.plan(config(), new Planner.Inputs(before, Map.of(), false, "sha"));
        Map<String, ApplyResult> results = new java.util.HashMap<>();
        for (HostPlan hp : plan.hosts()) {
            List<Change> done = new ArrayList<>();
            hp.forEachInApplyOrder(done::add);
            results.put(hp.host(), new ApplyResult(done, null));
        }
        State after = StateUpdate.after(before, plan, results, "2026-01-01T00:00:00Z");
        store.write(after);
        return after;
    }
}
