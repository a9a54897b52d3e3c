package dev.ovnet.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ovnet.providers.state.EtcdProcess;
import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.KeyValue;
import io.etcd.jetcd.options.GetOption;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The lab with its state in a real etcd: apply, prove connectivity, the leases in flannel's own layout, and two
 * applies started at the same moment never both proceed.
 */
@Tag("etcd")
class EtcdLabIT {

    static String yaml(String p, String endpoint, int hosts) {
        StringBuilder y = new StringBuilder("network:\n  name: " + p + "\n  pool: 10.100.0.0/16\n  backend:\n"
                + "    type: vxlan\nstate:\n  backend: etcd\n  endpoints: [" + endpoint + "]\n"
                + "  prefix: /" + p + "/network\nhosts:\n");
        for (int i = 1; i <= hosts; i++) {
            y.append("  - {name: ").append(p).append("-").append((char) ('a' + i - 1)).append(", address: 192.0.2.")
                    .append(10 + i).append(", connection: netns}\n");
        }
        return y.append("lab:\n  segments: [192.0.2.0/24]\n").toString();
    }

    @Test
    void labWorksWithEtcdStateAndFlannelSeesTheLeases() throws Exception {
        String p = "oee";
        try (EtcdProcess etcd = EtcdProcess.single(); Lab lab = new Lab(p, yaml(p, "PLACEHOLDER", 3))) {
            lab.write(yaml(p, etcd.endpoint(0), 3));
            lab.up();
            Ovnet.Result apply = lab.ovnetExpect(0, "apply", "--auto-approve");
            assertTrue(apply.out().contains("Apply complete!"), apply::toString);
            Ovnet.Result check = lab.ovnetExpect(0, "lab", "check");
            assertTrue(check.out().contains("6/6 pairs reachable"), check::toString);
            assertTrue(lab.ovnetExpect(0, "apply", "--auto-approve").out().contains("No changes."));

            Map<String, String> subnets = read(etcd.endpoint(0), "/" + p + "/network/subnets/");
            assertEquals(3, subnets.size(), subnets::toString);
            for (Map.Entry<String, String> e : subnets.entrySet()) {
                assertTrue(e.getKey().matches("/" + p + "/network/subnets/10\\.100\\.\\d+\\.0-24"), e.getKey());
                assertTrue(e.getValue().matches("\\{\"PublicIP\":\"192\\.0\\.2\\.1[1-3]\",\"PublicIPv6\":null,"
                        + "\"BackendType\":\"vxlan\",\"BackendData\":\\{\"VNI\":1,\"VtepMAC\":\"([0-9a-f]{2}:){5}[0-9a-f]{2}\"}}"),
                        e.getValue());
            }
            String config = read(etcd.endpoint(0), "/" + p + "/network/config").values().iterator().next();
            assertTrue(config.contains("\"Network\":\"10.100.0.0/16\"") && config.contains("\"Type\":\"vxlan\""),
                    config);
            lab.ovnetExpect(0, "destroy", "--auto-approve");
            assertEquals(0, read(etcd.endpoint(0), "/" + p + "/network/subnets/").size());
        }
    }

    @Test
    void twoAppliesStartedTogetherNeverBothProceed() throws Exception {
        String p = "oer";
        try (EtcdProcess etcd = EtcdProcess.single(); Lab lab = new Lab(p, yaml(p, "PLACEHOLDER", 2))) {
            lab.write(yaml(p, etcd.endpoint(0), 2));
            lab.up();
            for (int round = 0; round < 5; round++) {
                // every round changes something so that both commands have work to do
                lab.write(yaml(p, etcd.endpoint(0), 2).replace("pool: 10.100.0.0/16", "pool: 10.100.0.0/16\n  mtu: "
                        + (1400 - round)));
                List<CompletableFuture<Ovnet.Result>> runs = new ArrayList<>();
                for (int i = 0; i < 2; i++) {
                    runs.add(CompletableFuture.supplyAsync(() -> lab.ovnet("apply", "--auto-approve")));
                }
                List<Ovnet.Result> results = runs.stream().map(CompletableFuture::join).toList();
                long proceeded = results.stream().filter(r -> r.out().contains("Apply complete!")).count();
                long refused = results.stream().filter(r -> r.exit() == 1 && r.err().contains("state lock")).count();
                long nothingLeft = results.stream().filter(r -> r.out().contains("No changes.")).count();
                // exactly one applies the change; the other is refused by the lock, or finds nothing left to do
                assertEquals(1, proceeded, results::toString);
                assertEquals(2, proceeded + refused + nothingLeft, results::toString);
            }
            Map<String, String> subnets = read(etcd.endpoint(0), "/" + p + "/network/subnets/");
            assertEquals(2, subnets.size(), subnets::toString);
            assertTrue(lab.ovnetExpect(0, "lab", "check").out().contains("2/2 pairs reachable"));
        }
    }

    @Test
    void importAdoptsFlannelLeasesSoNoContainerIsRenumbered() throws Exception {
        String p = "oei";
        try (EtcdProcess etcd = EtcdProcess.single(); Lab lab = new Lab(p, yaml(p, "PLACEHOLDER", 2))) {
            lab.write(yaml(p, etcd.endpoint(0), 2));
            lab.up();
            // what flanneld wrote for these two hosts, byte for byte as flannel writes it
            put(etcd.endpoint(0), "/" + p + "/network/subnets/10.100.77.0-24", "{\"PublicIP\":\"192.0.2.11\","
                    + "\"PublicIPv6\":null,\"BackendType\":\"vxlan\",\"BackendData\":{\"VNI\":1,"
                    + "\"VtepMAC\":\"c6:d2:32:6f:8f:44\"}}");
            put(etcd.endpoint(0), "/" + p + "/network/subnets/10.100.201.0-24", "{\"PublicIP\":\"192.0.2.12\","
                    + "\"PublicIPv6\":null,\"BackendType\":\"vxlan\",\"BackendData\":{\"VNI\":1,"
                    + "\"VtepMAC\":\"c6:d2:32:6f:8f:45\"}}");
            Ovnet.Result imported = lab.ovnetExpect(0, "import");
            assertTrue(imported.out().contains("adopted 10.100.77.0/24")
                    && imported.out().contains("adopted 10.100.201.0/24"), imported::toString);
            lab.ovnetExpect(0, "apply", "--auto-approve");
            String env = Lab.in(p + "-a", "cat", "/run/ovnet/netns/" + p + "-a/run/flannel/subnet.env").out();
            assertTrue(env.contains("FLANNEL_SUBNET=10.100.77.1/24"), env);
            Map<String, String> subnets = read(etcd.endpoint(0), "/" + p + "/network/subnets/");
            assertEquals(List.of("/" + p + "/network/subnets/10.100.201.0-24", "/" + p + "/network/subnets/10.100.77.0-24"),
                    List.copyOf(subnets.keySet()));
            assertTrue(lab.ovnetExpect(0, "lab", "check").out().contains("2/2 pairs reachable"));
        }
    }

    static void put(String endpoint, String key, String value) throws Exception {
        try (Client client = Client.builder().endpoints(endpoint).build()) {
            client.getKVClient().put(ByteSequence.from(key, StandardCharsets.UTF_8),
                    ByteSequence.from(value, StandardCharsets.UTF_8)).get();
        }
    }

    static Map<String, String> read(String endpoint, String prefix) throws Exception {
        try (Client client = Client.builder().endpoints(endpoint).build()) {
            ByteSequence key = ByteSequence.from(prefix, StandardCharsets.UTF_8);
            List<KeyValue> kvs = client.getKVClient().get(key, GetOption.newBuilder().isPrefix(true).build()).get()
                    .getKvs();
            Map<String, String> out = new TreeMap<>();
            for (KeyValue kv : kvs) {
                out.put(kv.getKey().toString(StandardCharsets.UTF_8), kv.getValue().toString(StandardCharsets.UTF_8));
            }
            return out;
        }
    }
}
