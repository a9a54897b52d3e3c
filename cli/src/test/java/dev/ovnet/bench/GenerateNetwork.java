package dev.ovnet.bench;

import dev.ovnet.planner.config.ConfigParser;
import dev.ovnet.planner.config.NetworkConfig;
import dev.ovnet.planner.plan.Plan;
import dev.ovnet.planner.plan.Planner;
import dev.ovnet.planner.state.State;
import dev.ovnet.providers.state.LocalStateStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Writes a benchmark network: {@code ovnet.yaml} with N vxlan hosts in 10.0.0.0/8 with /24 subnets (ssh hosts at
 * benchmark addresses in 198.18.0.0/15, never contacted: the benchmark plans with --refresh=false), and, when asked,
 * a state in which the first M of them are already applied.
 *
 * <pre>java -cp cli/target/ovnet.jar:cli/target/test-classes dev.ovnet.bench.GenerateNetwork DIR HOSTS [RECORDED]</pre>
 */
public final class GenerateNetwork {

    private GenerateNetwork() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        int hosts = Integer.parseInt(args[1]);
        int recorded = args.length > 2 ? Integer.parseInt(args[2]) : 0;
        Files.createDirectories(dir);
        if (recorded > 0) {
            NetworkConfig small = ConfigParser.parse("ovnet.yaml", yaml(recorded));
            Plan plan = Planner.plan(small, new Planner.Inputs(State.empty("bench-lineage"), Map.of(), false, "bench"));
            State state = plan.next();
            Path statePath = dir.resolve("ovnet.state.json");
            Files.deleteIfExists(statePath);
            new LocalStateStore(statePath).write(state);
        }
        Files.writeString(dir.resolve("ovnet.yaml"), yaml(hosts));
    }

    static String yaml(int hosts) {
        StringBuilder y = new StringBuilder(64 * hosts + 256);
        y.append("network:\n  name: bench\n  pool: 10.0.0.0/8\n  subnetLength: 24\n  backend:\n    type: vxlan\n");
        y.append("hosts:\n");
        for (int i = 1; i <= hosts; i++) {
            y.append("  - name: node-").append(i).append("\n    address: 198.").append(18 + (i >> 16)).append('.')
                    .append((i >> 8) & 0xff).append('.').append(i & 0xff).append("\n    iface: eth0\n");
        }
        return y.toString();
    }
}
