package dev.ovnet.providers.state;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ovnet.planner.config.Backend;
import dev.ovnet.planner.config.BackendType;
import dev.ovnet.planner.config.Connection;
import dev.ovnet.planner.config.ContainerRuntime;
import dev.ovnet.planner.config.WireguardSettings;
import dev.ovnet.planner.desired.HostFacts;
import dev.ovnet.planner.desired.NetworkSpec;
import dev.ovnet.planner.desired.WireguardFacts;
import dev.ovnet.planner.net.Cidr;
import dev.ovnet.planner.net.Cidr6;
import dev.ovnet.planner.net.Ipv4;
import dev.ovnet.planner.net.Ipv6;
import dev.ovnet.planner.net.Mac;
import dev.ovnet.planner.state.HostState;
import dev.ovnet.planner.state.HostStatus;
import dev.ovnet.planner.state.State;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The flannel JSON strings, compared with what flanneld writes (docs/flannel-compatibility.md). */
class FlannelLayoutTest {

    static final HostState NODE = new HostState("node-2", Ipv4.parse("192.0.2.11"), Connection.SSH, null, "/",
            Cidr.parse("10.100.50.0/24"), Mac.parse("aa:bb:cc:dd:ee:ff"), HostFacts.assumed(null),
            HostStatus.APPLIED, 1, null, null);

    static NetworkSpec network(BackendType type, boolean directRouting) {
        return new NetworkSpec("demo", Cidr.parse("10.100.0.0/16"), 24,
                new Backend(type, type == BackendType.VXLAN ? 1 : 0, type.defaultPort(), directRouting), null,
                true, ContainerRuntime.DOCKER);
    }

    @Test
    void leaseValuesAreFlannelsLeaseAttrsPerBackend() {
        assertEquals("{\"PublicIP\":\"192.0.2.11\",\"PublicIPv6\":null,\"BackendType\":\"vxlan\","
                + "\"BackendData\":{\"VNI\":1,\"VtepMAC\":\"aa:bb:cc:dd:ee:ff\"}}",
                FlannelLayout.leaseJson(network(BackendType.VXLAN, false).backend(), NODE));
        assertEquals("{\"PublicIP\":\"192.0.2.11\",\"PublicIPv6\":null,\"BackendType\":\"host-gw\"}",
                FlannelLayout.leaseJson(network(BackendType.HOST_GW, false).backend(), NODE));
        assertEquals("{\"PublicIP\":\"192.0.2.11\",\"PublicIPv6\":null}",
                FlannelLayout.leaseJson(network(BackendType.UDP, false).backend(), NODE));
    }

    @Test
    void aWireguardLeaseCarriesThePublicKeyAndPortOnceKnownAndTheConfigNoPreSharedKey() {
        String key = "YOWtWrIm0pSyI1S1cBrLBLV3XpEJrc1b1ATbOFpfkSs=";
        NetworkSpec wg = new NetworkSpec("demo", Cidr.parse("10.100.0.0/16"), 24, new Backend(BackendType.WIREGUARD,
                0, 51820, false, new WireguardSettings(51821, 25, "/etc/ovnet/wg.psk")), null, true,
                ContainerRuntime.DOCKER);
        HostState keyed = new HostState(NODE.name(), NODE.address(), NODE.connection(), null, "/", NODE.lease(), null,
                HostFacts.assumed(null).withWireguard(new WireguardFacts(true, false, true, key)), HostStatus.APPLIED,
                1, null, null);
        assertEquals("{\"PublicIP\":\"192.0.2.11\",\"PublicIPv6\":null,\"BackendType\":\"wireguard\","
                + "\"BackendData\":{\"PublicKey\":\"" + key + "\",\"Port\":51820}}",
                FlannelLayout.leaseJson(wg.backend(), keyed));
        assertEquals("{\"PublicIP\":\"192.0.2.11\",\"PublicIPv6\":null,\"BackendType\":\"wireguard\"}",
                FlannelLayout.leaseJson(wg.backend(), NODE), "no key yet: no BackendData");
        String config = FlannelLayout.configJson(wg, FlannelLayout.defaultSubnetMin(wg),
                FlannelLayout.defaultSubnetMax(wg));
        assertEquals("{\"Network\":\"10.100.0.0/16\",\"SubnetLen\":24,\"SubnetMin\":\"10.100.1.0\","
                + "\"SubnetMax\":\"10.100.255.0\",\"Backend\":{\"Type\":\"wireguard\",\"ListenPort\":51820,"
                + "\"ListenPortV6\":51821,\"PersistentKeepaliveInterval\":25}}", config);
    }

    @Test
    void aDualStackWireguardLeaseCarriesTheSameKeyWithPort6InBackendV6Data() {
        String key = "YOWtWrIm0pSyI1S1cBrLBLV3XpEJrc1b1ATbOFpfkSs=";
        Backend wg = new Backend(BackendType.WIREGUARD, 0, 51820, false, new WireguardSettings(51900, 0, null));
        HostState dual = new HostState(NODE.name(), NODE.address(), NODE.connection(), null, "/", NODE.lease(), null,
                HostFacts.assumed(null).withWireguard(new WireguardFacts(true, true, false, key)), HostStatus.APPLIED,
                1, null, null, Ipv6.parse("fd00::11"), Cidr6.parse("fd10:100:0:32::/64"), null);
        assertEquals("{\"PublicIP\":\"192.0.2.11\",\"PublicIPv6\":\"fd00::11\",\"BackendType\":\"wireguard\","
                + "\"BackendData\":{\"PublicKey\":\"" + key + "\",\"Port\":51820},"
                + "\"BackendV6Data\":{\"PublicKey\":\"" + key + "\",\"Port\":51900}}",
                FlannelLayout.leaseJson(wg, dual));
    }

    @Test
    void theConfigIsFlannelsNetworkConfigWithItsDefaultBounds() {
        NetworkSpec vxlan = network(BackendType.VXLAN, false);
        assertEquals("{\"Network\":\"10.100.0.0/16\",\"SubnetLen\":24,\"SubnetMin\":\"10.100.1.0\","
                + "\"SubnetMax\":\"10.100.255.0\",\"Backend\":{\"Type\":\"vxlan\",\"VNI\":1,\"Port\":8472}}",
                FlannelLayout.configJson(vxlan, FlannelLayout.defaultSubnetMin(vxlan),
                        FlannelLayout.defaultSubnetMax(vxlan)));
        assertEquals("{\"Network\":\"10.100.0.0/16\",\"SubnetLen\":24,\"SubnetMin\":\"10.100.5.0\","
                + "\"SubnetMax\":\"10.100.8.0\",\"Backend\":{\"Type\":\"vxlan\",\"VNI\":1,\"Port\":8472,"
                + "\"DirectRouting\":true}}", FlannelLayout.configJson(network(BackendType.VXLAN, true),
                Ipv4.parse("10.100.5.0"), Ipv4.parse("10.100.8.0")));
        NetworkSpec hostGw = network(BackendType.HOST_GW, false);
        assertEquals("{\"Network\":\"10.100.0.0/16\",\"SubnetLen\":24,\"SubnetMin\":\"10.100.1.0\","
                + "\"SubnetMax\":\"10.100.255.0\",\"Backend\":{\"Type\":\"host-gw\"}}",
                FlannelLayout.configJson(hostGw, FlannelLayout.defaultSubnetMin(hostGw),
                        FlannelLayout.defaultSubnetMax(hostGw)));
        NetworkSpec udp = new NetworkSpec("u", Cidr.parse("10.3.0.0/23"), 25,
                new Backend(BackendType.UDP, 0, 8285, false), null, true, ContainerRuntime.NONE);
        assertEquals("{\"Network\":\"10.3.0.0/23\",\"SubnetLen\":25,\"SubnetMin\":\"10.3.0.128\","
                + "\"SubnetMax\":\"10.3.1.128\",\"Backend\":{\"Type\":\"udp\",\"Port\":8285}}",
                FlannelLayout.configJson(udp, FlannelLayout.defaultSubnetMin(udp),
                        FlannelLayout.defaultSubnetMax(udp)));
    }

    @Test
    void everyHostOfTheStateHasOneLeaseKey() {
        State state = new State(1, 1, "l", network(BackendType.HOST_GW, false), List.of(NODE,
                new HostState("node-3", Ipv4.parse("192.0.2.13"), Connection.SSH, null, "/",
                        Cidr.parse("10.100.9.0/24"), null, null, HostStatus.PENDING, 0, null, null)));
        assertEquals(Map.of("10.100.50.0-24", "{\"PublicIP\":\"192.0.2.11\",\"PublicIPv6\":null,"
                        + "\"BackendType\":\"host-gw\"}",
                "10.100.9.0-24", "{\"PublicIP\":\"192.0.2.13\",\"PublicIPv6\":null,\"BackendType\":\"host-gw\"}"),
                FlannelLayout.leases(state));
        assertEquals(Map.of(), FlannelLayout.leases(State.empty("l")));
    }
}
