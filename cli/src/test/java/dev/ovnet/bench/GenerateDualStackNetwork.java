package dev.ovnet.bench;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes a dual-stack benchmark network: {@code ovnet.yaml} with N vxlan hosts in 10.0.0.0/8 with /24 subnets and in
 * fd10::/32 with /64 subnets, each ssh host at a benchmark address (198.18.0.0/15) and at fd00:198:18::&lt;n&gt;,
 * never contacted: the benchmark plans with --refresh=false.
 *
 * <pre>java -cp cli/target/ovnet.jar:cli/target/test-classes dev.ovnet.bench.GenerateDualStackNetwork DIR HOSTS</pre>
 */
public final class GenerateDualStackNetwork {

    private GenerateDualStackNetwork() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("ovnet.yaml"), yaml(Integer.parseInt(args[1])));
    }

    static String yaml(int hosts) {
        StringBuilder y = new StringBuilder(96 * hosts + 256);
        y.append("network:\n  name: bench\n  pool: 10.0.0.0/8\n  subnetLength: 24\n  pool6: fd10::/32\n")
                .append("  backend:\n    type: vxlan\nhosts:\n");
        for (int i = 1; i <= hosts; i++) {
            y.append("  - name: node-").append(i).append("\n    address: 198.").append(18 + (i >> 16)).append('.')
                    .append((i >> 8) & 0xff).append('.').append(i & 0xff).append("\n    address6: \"fd00:198:18::")
                    .append(Integer.toHexString(i)).append("\"\n    iface: eth0\n");
        }
        return y.toString();
    }
}
