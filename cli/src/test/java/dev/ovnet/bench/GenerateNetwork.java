package dev.ovnet.bench;

import dev.ovnet.planner.config.ConfigParser;
import dev.ovnet.planner.config.NetworkConfig;
import dev.ovnet.planner.plan.Plan;
import dev.ovnet.planner.plan.Planner;
import dev.ovnet.planner.state.State;
import dev.ovnet.providers.state.LocalStateStore;
import dev.ovnet.providers.state.StateStores;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Writes a benchmark network: {@code ovnet.yaml} with N vxlan hosts in 10.0.0.0/8 with /24 subnets (ssh hosts at
 * benchmark addresses in 198.18.0.0/15, never contacted: the benchmark plans with --refresh=false), and, when asked,
 * a state in which the first M of them are already applied.
 *
 * <pre>java -cp cli/target/ovnet.jar:cli/target/test-classes dev.ovnet.bench.GenerateNetwork DIR HOSTS [RECORDED [ETCD]]</pre>
 * With ETCD (an endpoint such as http://127.0.0.1:23790) the state lives in etcd instead of a local file.
 */
public final class GenerateNetwork {

    private GenerateNetwork() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        int hosts = Integer.parseInt(args[1]);
        int recorded = args.length > 2 ? Integer.parseInt(args[2]) : 0;
        String etcd = args.length > 3 ? args[3] : null;
        Files.createDirectories(dir);
        if (recorded > 0) {
            NetworkConfig small = ConfigParser.parse("ovnet.yaml", yaml(recorded, etcd));
            Plan plan = Planner.plan(small, new Planner.Inputs(State.empty("bench-lineage"), Map.of(), false, "bench"));
            State state = plan.next();
            var store = StateStores.open(small, dir);
            if (store instanceof LocalStateStore) {
                Files.deleteIfExists(dir.resolve("ovnet.state.json"));
            }
            try (var lock = store.lock("bench", java.time.Duration.ofSeconds(10))) {
                store.write(state);
            }
        }
        Files.writeString(dir.resolve("ovnet.yaml"), yaml(hosts, etcd));
    }

    static String yaml(int hosts, String etcd) {
        StringBuilder y = new StringBuilder(64 * hosts + 256);
        y.append("network:\n  name: bench\n  pool: 10.0.0.0/8\n  subnetLength: 24\n  backend:\n    type: vxlan\n");
        if (etcd != null) {
            y.append("state:\n  backend: etcd\n  endpoints: [").append(etcd).append("]\n  prefix: /bench/network\n");
        }
        y.append("hosts:\n");
        for (int i = 1; i <= hosts; i++) {
            y.append("  - name: node-").append(i).append("\n    address: 198.").append(18 + (i >> 16)).append('.')
                    .append((i >> 8) & 0xff).append('.').append(i & 0xff).append("\n    iface: eth0\n");
        }
        return y.toString();
    }
}
