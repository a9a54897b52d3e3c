package dev.ovnet.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ovnet.providers.state.EtcdProcess;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * An IPv6-only network moving from flanneld to ovnet: flanneld's IPv6-only leases in a real etcd are adopted by
 * {@code ovnet import} (hosts found by their address6), and the apply that follows gives each host that subnet.
 */
@Tag("etcd")
class EtcdIpv6OnlyImportIT {

    private static String yaml(String p, String endpoint) {
        StringBuilder y = new StringBuilder("network:\n  name: " + p + "\n  pool6: fd10:100::/48\n  backend:\n"
                + "    type: vxlan\nstate:\n  backend: etcd\n  endpoints: [" + endpoint + "]\n  prefix: /" + p
                + "/network\nhosts:\n");
        for (String h : List.of("a", "b", "c")) {
            y.append("  - {name: ").append(p).append('-').append(h).append(", address6: \"fd00:192:0:2::")
                    .append("abc".indexOf(h) + 11).append("\", connection: netns}\n");
        }
        return y + "lab:\n  segments6: [\"fd00:192:0:2::/64\"]\n";
    }

    @Test
    void importAdoptsFlanneldsIpv6OnlyLeasesByAddress6AndApplyKeepsThem() throws Exception {
        String p = "im6";
        try (EtcdProcess etcd = EtcdProcess.single(); Lab lab = new Lab(p, yaml(p, "PLACEHOLDER"))) {
            lab.write(yaml(p, etcd.endpoint(0)));
            lab.up();
            String subnets = "/" + p + "/network/subnets/";
            // what flanneld with IPv4 turned off wrote for hosts a and b (b's value without PublicIP reads the same)
            EtcdLabIT.put(etcd.endpoint(0), subnets + "0.0.0.0-0&fd10:100:0:4d::-64", "{\"PublicIP\":\"0.0.0.0\","
                    + "\"PublicIPv6\":\"fd00:192:0:2::11\",\"BackendType\":\"vxlan\",\"BackendV6Data\":{\"VNI\":1,"
                    + "\"VtepMAC\":\"c6:d2:32:6f:8f:46\"}}");
            EtcdLabIT.put(etcd.endpoint(0), subnets + "0.0.0.0-0&fd10:100:0:c9::-64", "{\"PublicIPv6\":"
                    + "\"fd00:192:0:2::12\",\"BackendType\":\"vxlan\",\"BackendV6Data\":{\"VNI\":1,"
                    + "\"VtepMAC\":\"c6:d2:32:6f:8f:47\"}}");
            Ovnet.Result imported = lab.ovnetExpect(0, "import");
            assertTrue(imported.out().contains("adopted fd10:100:0:4d::/64")
                    && imported.out().contains("adopted fd10:100:0:c9::/64")
                    && imported.out().contains("no flannel lease for fd00:192:0:2::13: ovnet will choose one")
                    && imported.out().contains("Imported 2 leases."), imported::toString);

            lab.ovnetExpect(0, "apply", "--auto-approve");
            for (Map.Entry<String, String> host : Map.of("a", "fd10:100:0:4d::1/64", "b", "fd10:100:0:c9::1/64",
                    "c", "fd10:100:0:1::1/64").entrySet()) {
                String netns = p + "-" + host.getKey();
                String env = Lab.in(netns, "cat", "/run/ovnet/netns/" + netns + "/run/flannel/subnet.env").out();
                assertTrue(env.contains("FLANNEL_IPV6_SUBNET=" + host.getValue() + "\n"), netns + ": " + env);
            }
            assertEquals(List.of(subnets + "0.0.0.0-0&fd10:100:0:1::-64", subnets + "0.0.0.0-0&fd10:100:0:4d::-64",
                    subnets + "0.0.0.0-0&fd10:100:0:c9::-64"), List.copyOf(EtcdLabIT.read(etcd.endpoint(0), subnets)
                    .keySet()), "flannel sees the adopted leases, one key per host");
            Ovnet.Result again = lab.ovnetExpect(0, "import");
            assertTrue(again.out().contains("already recorded") && again.out().contains("Nothing to import"),
                    again::toString);
            Ovnet.Result check = lab.ovnetExpect(0, "lab", "check");
            assertTrue(check.out().contains("6/6 pairs reachable (IPv6 only)"), check::toString);
        }
    }
}
