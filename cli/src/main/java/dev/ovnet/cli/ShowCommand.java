package dev.ovnet.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.ovnet.planner.desired.DesiredHost;
import dev.ovnet.planner.desired.DesiredState;
import dev.ovnet.planner.desired.PeerEntry;
import dev.ovnet.planner.desired.PeerObjects;
import dev.ovnet.planner.state.HostState;
import dev.ovnet.planner.state.State;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ovnet show}: the recorded state, leases and per-host status. Reads nothing from the hosts. */
@Command(name = "show", description = "Show the recorded state: leases and what each host holds.")
final class ShowCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    Options.ConfigFile file;

    @Option(names = "--json", description = "Print the state view as JSON (docs/json.md).")
    boolean json;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        LoadedConfig loaded = LoadedConfig.load(file);
        var store = OvnetCommand.wiring(spec).stateStore(loaded.config(), loaded.folder());
        State state = store.read().orElse(null);
        Map<String, Object> view = view(state, store.location());
        if (json) {
            out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(view));
            return ExitCodes.OK;
        }
        if (state == null) {
            out.println("No state yet at " + store.location() + ". Run 'ovnet apply -f " + file.file + "'.");
            return ExitCodes.OK;
        }
        out.println("State " + store.location() + ": serial " + state.serial() + ", lineage " + state.lineage());
        if (state.network() != null) {
            var n = state.network();
            out.println("Network " + n.name() + ": " + (n.pool() == null ? "pool6 " + n.pool6() + ", /"
                    + n.subnetLength6() + " subnets (IPv6 only), " : "pool " + n.pool() + ", /" + n.subnetLength()
                    + " subnets, ")
                    + n.backend().type() + " backend" + (n.backend().deviceName() == null ? ""
                    : " (" + n.backend().deviceName() + ")"));
        }
        if (state.hosts().isEmpty()) {
            out.println();
            out.println("No hosts are recorded: nothing of ovnet's is on any host (as after a destroy). Run 'ovnet"
                    + " apply -f " + Shell.quote(file.file.toString()) + "' to build the network.");
            return ExitCodes.OK;
        }
        out.println();
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("HOST", "ADDRESS", "SUBNET", "VTEP MAC", "STATUS", "OBJECTS", "LAST APPLIED"));
        for (Map<String, Object> h : hosts(view)) {
            rows.add(List.of(String.valueOf(h.get("name")), String.valueOf(h.get("address")),
                    String.valueOf(h.get("lease")), h.get("mac") == null ? "-" : String.valueOf(h.get("mac")),
                    String.valueOf(h.get("status")), String.valueOf(h.get("objects")), h.get("applied_at") == null
                            ? "never" : h.get("applied_at") + " (serial " + h.get("applied_serial") + ")"));
        }
        table(rows, 5, out);
        wireguard(hosts(view), out);
        return ExitCodes.OK;
    }

    /**
     * Rows in columns as wide as their widest cell, two spaces apart; the column {@code numbers} is aligned right,
     * so counts line up under their heading.
     */
    static void table(List<List<String>> rows, int numbers, PrintWriter out) {
        int[] width = new int[rows.get(0).size()];
        for (List<String> row : rows) {
            for (int i = 0; i < row.size(); i++) {
                width[i] = Math.max(width[i], row.get(i).length());
            }
        }
        for (List<String> row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.size(); i++) {
                String cell = row.get(i);
                String pad = " ".repeat(width[i] - cell.length());
                line.append(i == numbers ? pad + cell : i == row.size() - 1 ? cell : cell + pad);
                if (i < row.size() - 1) {
                    line.append("  ");
                }
            }
            out.println(line);
        }
    }

    /** Per wireguard host: what makes its device (the kernel module or wireguard-go) and its public key. */
    @SuppressWarnings("unchecked")
    private static void wireguard(List<Map<String, Object>> hosts, PrintWriter out) {
        if (hosts.stream().noneMatch(h -> h.get("wireguard") != null)) {
            return;
        }
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("HOST", "DEVICE BY", "WIREGUARD PUBLIC KEY"));
        for (Map<String, Object> h : hosts) {
            Map<String, Object> wg = (Map<String, Object>) h.get("wireguard");
            if (wg != null) {
                rows.add(List.of(String.valueOf(h.get("name")), String.valueOf(wg.get("device_by")),
                        wg.get("public_key") == null ? "(none yet)" : String.valueOf(wg.get("public_key"))));
            }
        }
        out.println();
        table(rows, -1, out);
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> hosts(Map<String, Object> view) {
        return (List<Map<String, Object>>) view.get("hosts");
    }

    static Map<String, Object> view(State state, String location) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("format_version", "1.0");
        v.put("location", location);
        v.put("serial", state == null ? 0 : state.serial());
        v.put("lineage", state == null ? null : state.lineage());
        List<Map<String, Object>> hosts = new ArrayList<>();
        if (state != null) {
            if (state.network() != null) {
                var n = state.network();
                Map<String, Object> net = new LinkedHashMap<>();
                net.put("name", n.name());
                net.put("pool", n.pool() == null ? null : n.pool().toString());
                net.put("subnet_length", n.subnetLength());
                net.put("backend", n.backend().type().word());
                net.put("device", n.backend().deviceName());
                v.put("network", net);
            }
            List<PeerEntry> peers = state.peers();
            for (HostState h : state.hosts()) {
                Map<String, Object> m = host(h);
                m.put("objects", objectCount(state, h, peers));
                if (h.facts().wireguard() != null) {
                    Map<String, Object> wg = new LinkedHashMap<>();
                    wg.put("device_by", h.facts().wireguard().usesUserspace() ? "wireguard-go" : "kernel");
                    wg.put("public_key", h.facts().wireguardKey());
                    m.put("wireguard", wg);
                }
                hosts.add(m);
            }
        }
        v.put("hosts", hosts);
        return v;
    }

    /** One host's record as {@code show --json} and {@code state show --json} print it, without its objects. */
    static Map<String, Object> host(HostState h) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", h.name());
        m.put("address", h.mainAddress().toString());
        m.put("connection", h.connection().word());
        m.put("lease", h.mainLease().toString());
        m.put("mac", h.mac() == null ? null : h.mac().toString());
        m.put("status", h.status().word());
        m.put("applied_serial", h.appliedSerial());
        m.put("applied_at", h.appliedAt());
        m.put("iface", h.facts().iface());
        m.put("mtu", h.facts().mtu());
        return m;
    }

    private static long objectCount(State state, HostState h, List<PeerEntry> peers) {
        if (!h.derived()) {
            return h.objects().size();
        }
        if (state.network() == null) {
            return 0;
        }
        DesiredHost d = DesiredState.forHost(state.network(), h.spec(), peers);
        long n = d.hostObjects().size();
        for (PeerEntry p : d.peers()) {
            n += PeerObjects.count(d.context(), p);
        }
        return n;
    }
}
