package dev.ovnet.providers.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ovnet.planner.config.Backend;
import dev.ovnet.planner.config.BackendType;
import dev.ovnet.planner.config.Connection;
import dev.ovnet.planner.config.ContainerRuntime;
import dev.ovnet.planner.desired.HostFacts;
import dev.ovnet.planner.desired.NetworkSpec;
import dev.ovnet.planner.net.Cidr;
import dev.ovnet.planner.net.Cidr6;
import dev.ovnet.planner.net.Ipv4;
import dev.ovnet.planner.net.Ipv6;
import dev.ovnet.planner.net.Mac;
import dev.ovnet.planner.spi.FlannelLease;
import dev.ovnet.planner.spi.StateException;
import dev.ovnet.planner.state.HostState;
import dev.ovnet.planner.state.HostStatus;
import dev.ovnet.planner.state.State;
import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.KeyValue;
import io.etcd.jetcd.options.GetOption;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * What flannel tools see in etcd after ovnet wrote a state: {@code <prefix>/config} and one key per lease, byte
 * for byte as flanneld writes them (docs/flannel-compatibility.md, etcd layout), released leases deleted, other keys
 * left alone; for a dual-stack network flannel's dual-stack key, value and config, and flanneld's dual-stack leases
 * read back whole, as {@code ovnet import} adopts them, and so are flanneld's IPv6-only leases.
 */
@Tag("etcd")
class EtcdFlannelLayoutIT {

    private static final String LINEAGE = "11111111-2222-4333-8444-555555555555";
    private static EtcdProcess etcd;
    private static Client client;

    @BeforeAll
    static void start() throws Exception {
        etcd = EtcdProcess.single();
        client = Client.builder().endpoints(etcd.endpoints().toArray(String[]::new)).build();
    }

    @AfterAll
    static void stop() {
        if (client != null) {
            client.close();
        }
        if (etcd != null) {
            etcd.close();
        }
    }

    private static HostState host(String name, String address, String lease, String mac) {
        return new HostState(name, Ipv4.parse(address), Connection.SSH, null, "/", Cidr.parse(lease),
                mac == null ? null : Mac.parse(mac), HostFacts.assumed(null), HostStatus.APPLIED, 1, null, null);
    }

    private static State state(long serial, NetworkSpec network, HostState... hosts) {
        return new State(1, serial, LINEAGE, network, List.of(hosts));
    }

    /** Every key under the prefix, with its value as text, in key order. */
    private static Map<String, String> dump(String prefix) throws Exception {
        Map<String, String> keys = new LinkedHashMap<>();
        for (KeyValue kv : client.getKVClient().get(ByteSequence.from(prefix + "/", StandardCharsets.UTF_8),
                GetOption.builder().isPrefix(true).build()).get().getKvs()) {
            String key = kv.getKey().toString(StandardCharsets.UTF_8);
            if (!key.contains("/ovnet/")) {
                keys.put(key, kv.getValue().toString(StandardCharsets.UTF_8));
            }
        }
        return keys;
    }

    private static void put(String key, String value) throws Exception {
        client.getKVClient().put(ByteSequence.from(key, StandardCharsets.UTF_8),
                ByteSequence.from(value, StandardCharsets.UTF_8)).get();
    }

    private static EtcdStateStore open(String prefix) {
        return EtcdStateStore.open(EtcdSettings.plain(etcd.endpoints(), prefix), "demo");
    }

    /** The vxlan network with pool6 fd10:100::/48 when {@code dual}. */
    private static NetworkSpec dualStack(boolean dual) {
        return new NetworkSpec("demo", Cidr.parse("10.100.0.0/16"), 24, new Backend(BackendType.VXLAN, 1, 8472, false),
                null, true, ContainerRuntime.DOCKER, dual ? Cidr6.parse("fd10:100::/48") : null, dual ? 64 : null);
    }

    /** node-2 of a dual-stack network when {@code dual}, else of its IPv4-only form. */
    private static HostState node2(boolean dual) {
        return new HostState("node-2", Ipv4.parse("192.0.2.11"), Connection.SSH, null, "/",
                Cidr.parse("10.100.50.0/24"), Mac.parse("aa:bb:cc:dd:ee:ff"), HostFacts.assumed(null),
                HostStatus.APPLIED, 1, null, null, dual ? Ipv6.parse("fd00:192:0:2::11") : null,
                dual ? Cidr6.parse("fd10:100:0:32::/64") : null, dual ? Mac.parse("aa:bb:cc:dd:ee:06") : null);
    }

    @Test
    void vxlanLeasesAndConfigAreWrittenAsFlanneldWritesThem() throws Exception {
        String prefix = "/t-" + UUID.randomUUID() + "/coreos.com/network";
        NetworkSpec vxlan = FlannelLayoutTest.network(BackendType.VXLAN, false);
        try (EtcdStateStore store = open(prefix)) {
            put(prefix + "/subnets/10.100.99.0-24", "{\"PublicIP\":\"198.51.100.9\",\"PublicIPv6\":null}");
            store.write(state(1, vxlan, host("node-2", "192.0.2.11", "10.100.50.0/24", "aa:bb:cc:dd:ee:ff"),
                    host("node-3", "192.0.2.12", "10.100.7.0/24", "02:00:00:00:07:00")));
            assertEquals(Map.of(
                    prefix + "/config", "{\"Network\":\"10.100.0.0/16\",\"SubnetLen\":24,\"SubnetMin\":"
                            + "\"10.100.1.0\",\"SubnetMax\":\"10.100.255.0\",\"Backend\":{\"Type\":\"vxlan\","
                            + "\"VNI\":1,\"Port\":8472}}",
                    prefix + "/subnets/10.100.50.0-24", "{\"PublicIP\":\"192.0.2.11\",\"PublicIPv6\":null,"
                            + "\"BackendType\":\"vxlan\",\"BackendData\":{\"VNI\":1,"
                            + "\"VtepMAC\":\"aa:bb:cc:dd:ee:ff\"}}",
                    prefix + "/subnets/10.100.7.0-24", "{\"PublicIP\":\"192.0.2.12\",\"PublicIPv6\":null,"
                            + "\"BackendType\":\"vxlan\",\"BackendData\":{\"VNI\":1,"
                            + "\"VtepMAC\":\"02:00:00:00:07:00\"}}",
                    prefix + "/subnets/10.100.99.0-24", "{\"PublicIP\":\"198.51.100.9\",\"PublicIPv6\":null}"),
                    dump(prefix));

            store.write(state(2, vxlan, host("node-2", "192.0.2.11", "10.100.50.0/24", "aa:bb:cc:dd:ee:ff")));
            Map<String, String> after = dump(prefix);
            assertTrue(!after.containsKey(prefix + "/subnets/10.100.7.0-24"), "the released lease is deleted");
            assertTrue(after.containsKey(prefix + "/subnets/10.100.99.0-24"), "a key ovnet never leased stays");
            assertEquals(3, after.size());
        }
    }

    @Test
    void hostGwAndUdpLeasesCarryWhatFlannelsBackendsWrite() throws Exception {
        String prefix = "/t-" + UUID.randomUUID() + "/coreos.com/network";
        try (EtcdStateStore store = open(prefix)) {
            store.write(state(1, FlannelLayoutTest.network(BackendType.HOST_GW, false),
                    host("node-2", "192.0.2.11", "10.100.50.0/24", null)));
            assertEquals("{\"PublicIP\":\"192.0.2.11\",\"PublicIPv6\":null,\"BackendType\":\"host-gw\"}",
                    dump(prefix).get(prefix + "/subnets/10.100.50.0-24"));
            assertTrue(dump(prefix).get(prefix + "/config").endsWith("\"Backend\":{\"Type\":\"host-gw\"}}"));
            store.write(state(2, FlannelLayoutTest.network(BackendType.UDP, false),
                    host("node-2", "192.0.2.11", "10.100.50.0/24", null)));
            assertEquals("{\"PublicIP\":\"192.0.2.11\",\"PublicIPv6\":null}",
                    dump(prefix).get(prefix + "/subnets/10.100.50.0-24"));
            assertTrue(dump(prefix).get(prefix + "/config").endsWith("\"Backend\":{\"Type\":\"udp\",\"Port\":8285}}"));
            store.write(state(3, null));
            assertEquals(Map.of(), dump(prefix), "no network, no leases: ovnet's config and keys are gone");
        }
    }

    @Test
    void aSubnetThatFlanneldHoldsIsNeverTakenOver() throws Exception {
        String prefix = "/t-" + UUID.randomUUID() + "/coreos.com/network";
        String foreign = "{\"PublicIP\":\"198.51.100.9\",\"PublicIPv6\":null,\"BackendType\":\"vxlan\","
                + "\"BackendData\":{\"VNI\":1,\"VtepMAC\":\"02:11:22:33:44:55\"}}";
        put(prefix + "/subnets/10.100.50.0-24", foreign);
        try (EtcdStateStore store = open(prefix)) {
            StateException e = assertThrows(StateException.class, () -> store.write(state(1,
                    FlannelLayoutTest.network(BackendType.VXLAN, false),
                    host("node-2", "192.0.2.11", "10.100.50.0/24", "aa:bb:cc:dd:ee:ff"))));
            assertTrue(e.getMessage().startsWith("the subnet 10.100.50.0/24 is already leased in etcd"),
                    e.getMessage());
            assertEquals(Map.of(prefix + "/subnets/10.100.50.0-24", foreign), dump(prefix));
            assertEquals(java.util.Optional.empty(), store.read(), "nothing of the refused write landed");
        }
    }

    @Test
    void theConfiguredBoundsGoToFlannelsConfig() throws Exception {
        String prefix = "/t-" + UUID.randomUUID() + "/coreos.com/network";
        try (EtcdStateStore store = EtcdStateStore.open(EtcdSettings.plain(etcd.endpoints(), prefix), "demo",
                Ipv4.parse("10.100.5.0"), Ipv4.parse("10.100.8.0"), System::getenv)) {
            store.write(state(1, FlannelLayoutTest.network(BackendType.VXLAN, true),
                    host("node-2", "192.0.2.11", "10.100.5.0/24", "aa:bb:cc:dd:ee:ff")));
            assertEquals("{\"Network\":\"10.100.0.0/16\",\"SubnetLen\":24,\"SubnetMin\":\"10.100.5.0\","
                    + "\"SubnetMax\":\"10.100.8.0\",\"Backend\":{\"Type\":\"vxlan\",\"VNI\":1,\"Port\":8472,"
                    + "\"DirectRouting\":true}}", dump(prefix).get(prefix + "/config"));
        }
    }

    @Test
    void aDualStackLeaseIsWrittenAsFlanneldWritesIt() throws Exception {
        String prefix = "/t-" + UUID.randomUUID() + "/coreos.com/network";
        try (EtcdStateStore store = open(prefix)) {
            store.write(new State(1, 1, LINEAGE, dualStack(false), List.of(node2(false))));
            store.write(new State(1, 2, LINEAGE, dualStack(true), List.of(node2(true))));
            assertEquals(Map.of(
                    prefix + "/config", "{\"Network\":\"10.100.0.0/16\",\"SubnetLen\":24,\"SubnetMin\":\"10.100.1.0\","
                            + "\"SubnetMax\":\"10.100.255.0\",\"EnableIPv6\":true,\"IPv6Network\":\"fd10:100::/48\","
                            + "\"IPv6SubnetLen\":64,\"IPv6SubnetMin\":\"fd10:100:0:1::\",\"IPv6SubnetMax\":"
                            + "\"fd10:100:0:ffff::\",\"Backend\":{\"Type\":\"vxlan\",\"VNI\":1,\"Port\":8472}}",
                    prefix + "/subnets/10.100.50.0-24&fd10:100:0:32::-64", "{\"PublicIP\":\"192.0.2.11\","
                            + "\"PublicIPv6\":\"fd00:192:0:2::11\",\"BackendType\":\"vxlan\",\"BackendData\":{\"VNI\":1,"
                            + "\"VtepMAC\":\"aa:bb:cc:dd:ee:ff\"},\"BackendV6Data\":{\"VNI\":1,"
                            + "\"VtepMAC\":\"aa:bb:cc:dd:ee:06\"}}"),
                    dump(prefix), "the IPv4-only key of the same host is gone: one key per host, as in flannel");
        }
    }

    @Test
    void flanneldsDualStackLeasesAreReadWhole() throws Exception {
        String prefix = "/t-" + UUID.randomUUID() + "/coreos.com/network";
        try (EtcdStateStore store = open(prefix)) {
            put(prefix + "/subnets/10.100.7.0-24&fd10:100:0:7::-64", "{\"PublicIP\":\"192.0.2.12\",\"PublicIPv6\":"
                    + "\"fd00:192:0:2::12\",\"BackendType\":\"vxlan\",\"BackendData\":{\"VNI\":1,\"VtepMAC\":"
                    + "\"02:00:00:00:07:04\"},\"BackendV6Data\":{\"VNI\":1,\"VtepMAC\":\"02:00:00:00:07:06\"}}");
            put(prefix + "/subnets/10.100.8.0-24", "{\"PublicIP\":\"192.0.2.13\",\"PublicIPv6\":null}");
            put(prefix + "/subnets/10.100.9.0-24&FD10::-64", "{\"PublicIP\":\"192.0.2.14\",\"PublicIPv6\":null}");
            List<FlannelLease> leases = store.flannelLeases().orElseThrow().read();
            assertEquals(List.of(
                    new FlannelLease(Cidr.parse("10.100.7.0/24"), Ipv4.parse("192.0.2.12"), "vxlan", "02:00:00:00:07:04",
                            Cidr6.parse("fd10:100:0:7::/64"), Ipv6.parse("fd00:192:0:2::12"), "02:00:00:00:07:06"),
                    new FlannelLease(Cidr.parse("10.100.8.0/24"), Ipv4.parse("192.0.2.13"), null, null)), leases);
            assertFalse(leases.stream().anyMatch(l -> l.publicIp().equals(Ipv4.parse("192.0.2.14"))),
                    "upper-case IPv6 in a key is not flannel's format: skipped, as flannel skips it");
        }
    }

    @Test
    void flanneldsIpv6OnlyLeasesAreReadWithoutAnIpv4SubnetByTheirPublicIpv6() throws Exception {
        String prefix = "/t-" + UUID.randomUUID() + "/coreos.com/network";
        try (EtcdStateStore store = open(prefix)) {
            put(prefix + "/subnets/0.0.0.0-0&fd10:100:0:7::-64", "{\"PublicIP\":\"0.0.0.0\",\"PublicIPv6\":"
                    + "\"fd00:192:0:2::12\",\"BackendType\":\"vxlan\",\"BackendV6Data\":{\"VNI\":1,\"VtepMAC\":"
                    + "\"02:00:00:00:07:06\"}}");
            put(prefix + "/subnets/0.0.0.0-0&fd10:100:0:8::-64", "{\"PublicIPv6\":\"fd00:192:0:2::13\","
                    + "\"BackendType\":\"host-gw\"}");
            put(prefix + "/subnets/0.0.0.0-0&fd10:100:0:9::-64", "{\"PublicIP\":\"0.0.0.0\",\"PublicIPv6\":null}");
            put(prefix + "/subnets/0.0.0.0-0", "{\"PublicIP\":\"0.0.0.0\",\"PublicIPv6\":null}");
            assertEquals(List.of(
                    FlannelLease.ipv6Only(Cidr6.parse("fd10:100:0:7::/64"), Ipv6.parse("fd00:192:0:2::12"), "vxlan",
                            "02:00:00:00:07:06"),
                    FlannelLease.ipv6Only(Cidr6.parse("fd10:100:0:8::/64"), Ipv6.parse("fd00:192:0:2::13"), "host-gw",
                            null)),
                    store.flannelLeases().orElseThrow().read(),
                    "a lease that leases nothing or names no PublicIPv6 is no host's: skipped");
        }
    }

    @Test
    void anIpv6OnlyLeaseWithoutPublicIpIsTheOwnOfTheHostWithItsPublicIpv6() throws Exception {
        String prefix = "/t-" + UUID.randomUUID() + "/coreos.com/network";
        State state = StateCodecIpv6OnlyTest.ipv6Only();
        put(prefix + "/subnets/0.0.0.0-0&fd10:100:0:1::-64", "{\"PublicIPv6\":\"fd00:192:0:2::11\"}");
        try (EtcdStateStore store = open(prefix)) {
            store.write(state);
            assertEquals("{\"PublicIP\":\"0.0.0.0\",\"PublicIPv6\":\"fd00:192:0:2::11\",\"BackendType\":\"vxlan\","
                    + "\"BackendV6Data\":{\"VNI\":1,\"VtepMAC\":\"" + state.hosts().get(0).mac6() + "\"}}",
                    dump(prefix).get(prefix + "/subnets/0.0.0.0-0&fd10:100:0:1::-64"));
        }
    }

    @Test
    void anIpv6OnlyNetworkIsWrittenAsFlanneldWritesItWithTheFilesIpv6Bounds() throws Exception {
        String prefix = "/t-" + UUID.randomUUID() + "/coreos.com/network";
        State state = StateCodecIpv6OnlyTest.ipv6Only();
        HostState host = state.hosts().get(0);
        SubnetBounds bounds = new SubnetBounds(null, null, Ipv6.parse("fd10:100:0:1::"), Ipv6.parse("fd10:100:0:ff::"));
        try (EtcdStateStore store = EtcdStateStore.open(EtcdSettings.plain(etcd.endpoints(), prefix), "demo", bounds,
                System::getenv)) {
            store.write(state);
            assertEquals(Map.of(
                    prefix + "/config", "{\"EnableIPv4\":false,\"EnableIPv6\":true,\"IPv6Network\":\"fd10:100::/48\","
                            + "\"IPv6SubnetLen\":64,\"IPv6SubnetMin\":\"fd10:100:0:1::\",\"IPv6SubnetMax\":"
                            + "\"fd10:100:0:ff::\",\"Backend\":{\"Type\":\"vxlan\",\"VNI\":1,\"Port\":8472}}",
                    prefix + "/subnets/0.0.0.0-0&fd10:100:0:1::-64", "{\"PublicIP\":\"0.0.0.0\",\"PublicIPv6\":"
                            + "\"fd00:192:0:2::11\",\"BackendType\":\"vxlan\",\"BackendV6Data\":{\"VNI\":1,"
                            + "\"VtepMAC\":\"" + host.mac6() + "\"}}"),
                    dump(prefix));
        }
    }

    @Test
    void anotherHostsIpv6OnlyLeaseIsNotAdoptedForSharingPublicIpZero() throws Exception {
        String prefix = "/t-" + UUID.randomUUID() + "/coreos.com/network";
        String foreign = "{\"PublicIP\":\"0.0.0.0\",\"PublicIPv6\":\"fd00:192:0:2::99\",\"BackendType\":\"vxlan\"}";
        put(prefix + "/subnets/0.0.0.0-0&fd10:100:0:1::-64", foreign);
        try (EtcdStateStore store = open(prefix)) {
            StateException e = assertThrows(StateException.class, () -> store.write(StateCodecIpv6OnlyTest.ipv6Only()));
            assertTrue(e.getMessage().startsWith("the subnet 0.0.0.0/0&fd10:100:0:1::/64 is already leased in etcd"),
                    e.getMessage());
            assertEquals(Map.of(prefix + "/subnets/0.0.0.0-0&fd10:100:0:1::-64", foreign), dump(prefix));
        }
    }
}
