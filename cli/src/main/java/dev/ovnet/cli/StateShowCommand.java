package dev.ovnet.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.ovnet.cli.render.ObjectFields;
import dev.ovnet.planner.model.KernelObject;
import dev.ovnet.planner.plan.Planner;
import dev.ovnet.planner.spi.StateStore;
import dev.ovnet.planner.state.HostState;
import dev.ovnet.planner.state.State;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code ovnet state show HOST}: the objects the state records for one host, as Terraform's {@code state show} shows
 * one resource; a derived record (the usual case) is listed object by object. Reads no host and takes no lock.
 */
@Command(name = "show", description = "Show what the state records for one host: its lease, status and every object"
        + " ovnet made there.")
final class StateShowCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    Options.ConfigFile file;

    @Option(names = "--json", description = "Print the host's record as JSON (docs/json.md).")
    boolean json;

    @Parameters(arity = "1", paramLabel = "HOST", description = "A host name, exactly as in the state.")
    String name;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        LoadedConfig loaded = LoadedConfig.load(file);
        StateStore store = OvnetCommand.wiring(spec).stateStore(loaded.config(), loaded.folder());
        try {
            State state = store.read().orElseThrow(() -> new StateCommand.StateRepairException("there is no state"
                    + " at " + store.location() + ", so no host is recorded", "run 'ovnet apply -f "
                    + Shell.quote(file.file.toString()) + "' first"));
            HostState host = state.host(name).orElseThrow(() -> new StateCommand.StateRepairException(name
                    + " is not in the state", "the state holds: " + String.join(", ", state.hosts().stream()
                            .map(HostState::name).toList()) + " ('ovnet state list')"));
            List<KernelObject> objects = Planner.recorded(state, host, state.peers()).materialise();
            if (json) {
                Map<String, Object> view = ShowCommand.host(host);
                view.put("netns", host.netns());
                view.put("root", host.root());
                view.put("objects", objects.stream().map(ObjectFields::of).toList());
                out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(view));
                return ExitCodes.OK;
            }
            out.println("# " + host.name() + " (status " + host.status().word() + (host.appliedAt() == null ? ""
                    : "; last applied " + host.appliedAt() + " at serial " + host.appliedSerial()) + ")");
            out.println("    address " + host.mainAddress() + " via " + host.connection().word()
                    + (host.netns() == null ? "" : " (netns " + host.netns() + ")") + ", root " + host.root());
            out.println("    lease " + host.mainLease() + (host.mac() == null ? "" : ", VTEP MAC " + host.mac())
                    + ", underlay " + host.facts().iface() + " MTU " + host.facts().mtu());
            out.println();
            for (KernelObject object : objects) {
                out.println("    " + object.describe());
            }
            out.println();
            out.println(Plural.of(objects.size(), "object") + " recorded for " + host.name() + ".");
            return ExitCodes.OK;
        } finally {
            StateCommand.close(store);
        }
    }
}
