package dev.ovnet.providers.state;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
import dev.ovnet.planner.state.HostState;
import dev.ovnet.planner.state.HostStatus;
import dev.ovnet.planner.state.State;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** flannel's dual-stack key and LeaseAttrs, byte for byte (docs/flannel-compatibility.md). */
class FlannelLayoutIpv6Test {

    private static HostState dual(Mac mac, Mac mac6) {
        return new HostState("node-2", Ipv4.parse("192.0.2.11"), Connection.SSH, null, "/",
                Cidr.parse("10.12.13.0/24"), mac, HostFacts.assumed(null), HostStatus.APPLIED, 1, null, null,
                Ipv6.parse("fd00:192:0:2::11"), Cidr6.parse("fd00:12:13::/56"), mac6);
    }

    @Test
    void theKeyJoinsBothLeasesAsMakeSubnetKeyDoes() {
        assertEquals("10.12.13.0-24&fd00:12:13::-56", FlannelLayout.subnetKey(Cidr.parse("10.12.13.0/24"),
                Cidr6.parse("fd00:12:13::/56")));
        assertEquals("10.12.13.0-24", FlannelLayout.subnetKey(Cidr.parse("10.12.13.0/24"), null));
    }

    @Test
    void theValueHasPublicIpv6AndBackendV6DataInLeaseAttrsOrder() {
        assertEquals("{\"PublicIP\":\"192.0.2.11\",\"PublicIPv6\":\"fd00:192:0:2::11\",\"BackendType\":\"vxlan\","
                + "\"BackendData\":{\"VNI\":4,\"VtepMAC\":\"c6:d2:32:6f:8f:44\"},\"BackendV6Data\":{\"VNI\":4,"
                + "\"VtepMAC\":\"c6:d2:32:6f:8f:46\"}}", FlannelLayout.leaseJson(new Backend(BackendType.VXLAN, 4,
                8472, false), dual(Mac.parse("c6:d2:32:6f:8f:44"), Mac.parse("c6:d2:32:6f:8f:46"))));
        assertEquals("{\"PublicIP\":\"192.0.2.11\",\"PublicIPv6\":\"fd00:192:0:2::11\",\"BackendType\":\"host-gw\"}",
                FlannelLayout.leaseJson(new Backend(BackendType.HOST_GW, 0, 0, false), dual(null, null)));
    }

    private static NetworkSpec network(Cidr pool) {
        return new NetworkSpec("demo", pool, 24, new Backend(BackendType.VXLAN, 1, 8472, false), null, true,
                ContainerRuntime.DOCKER, Cidr6.parse("fd10:100::/48"), 64);
    }

    @Test
    void theConfigCarriesTheFilesIpv6BoundsOrFlannelsDefaults() {
        assertEquals("{\"Network\":\"10.100.0.0/16\",\"SubnetLen\":24,\"SubnetMin\":\"10.100.1.0\","
                + "\"SubnetMax\":\"10.100.255.0\",\"EnableIPv6\":true,\"IPv6Network\":\"fd10:100::/48\","
                + "\"IPv6SubnetLen\":64,\"IPv6SubnetMin\":\"fd10:100:0:10::\",\"IPv6SubnetMax\":\"fd10:100:0:20::\","
                + "\"Backend\":{\"Type\":\"vxlan\",\"VNI\":1,\"Port\":8472}}",
                FlannelLayout.configJson(network(Cidr.parse("10.100.0.0/16")), new SubnetBounds(null, null,
                        Ipv6.parse("fd10:100:0:10::"), Ipv6.parse("fd10:100:0:20::"))));
        assertEquals("{\"Network\":\"10.100.0.0/16\",\"SubnetLen\":24,\"SubnetMin\":\"10.100.1.0\","
                + "\"SubnetMax\":\"10.100.255.0\",\"EnableIPv6\":true,\"IPv6Network\":\"fd10:100::/48\","
                + "\"IPv6SubnetLen\":64,\"IPv6SubnetMin\":\"fd10:100:0:1::\",\"IPv6SubnetMax\":\"fd10:100:0:ffff::\","
                + "\"Backend\":{\"Type\":\"vxlan\",\"VNI\":1,\"Port\":8472}}",
                FlannelLayout.configJson(network(Cidr.parse("10.100.0.0/16")), SubnetBounds.DEFAULTS));
    }

    @Test
    void anIpv6OnlyConfigTurnsIpv4Off() {
        assertEquals("{\"EnableIPv4\":false,\"EnableIPv6\":true,\"IPv6Network\":\"fd10:100::/48\","
                + "\"IPv6SubnetLen\":64,\"IPv6SubnetMin\":\"fd10:100:0:1::\",\"IPv6SubnetMax\":\"fd10:100:0:ffff::\","
                + "\"Backend\":{\"Type\":\"vxlan\",\"VNI\":1,\"Port\":8472}}",
                FlannelLayout.configJson(network(null), SubnetBounds.DEFAULTS));
    }

    @Test
    void anIpv6OnlyHostHasFlannelsEmptyIpv4PartAndPublicIp() {
        State state = StateCodecIpv6OnlyTest.ipv6Only();
        HostState host = state.hosts().get(0);
        assertEquals(Map.of("0.0.0.0-0&fd10:100:0:1::-64", "{\"PublicIP\":\"0.0.0.0\",\"PublicIPv6\":"
                + "\"fd00:192:0:2::11\",\"BackendType\":\"vxlan\",\"BackendV6Data\":{\"VNI\":1,\"VtepMAC\":\""
                + host.mac6() + "\"}}"), FlannelLayout.leases(state));
        assertEquals("{\"PublicIP\":\"0.0.0.0\",\"PublicIPv6\":\"fd00:192:0:2::11\",\"BackendType\":\"host-gw\"}",
                FlannelLayout.leaseJson(new Backend(BackendType.HOST_GW, 0, 0, false), host));
    }
}
