package dev.ovnet.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.ovnet.planner.config.ConfigParser;
import dev.ovnet.planner.config.HostConfig;
import dev.ovnet.planner.config.NetworkConfig;
import dev.ovnet.planner.net.Cidr;
import dev.ovnet.planner.net.Cidr6;
import dev.ovnet.planner.net.Ipv4;
import dev.ovnet.planner.net.Ipv6;
import dev.ovnet.planner.plan.Planner;
import dev.ovnet.planner.spi.FlannelLease;
import dev.ovnet.planner.state.HostState;
import dev.ovnet.planner.state.HostStatus;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What {@code ovnet import} says and records for a host of an IPv6-only network, found by its address6. */
class Ipv6OnlyImportTest {

    private static final NetworkConfig V6 = ConfigParser.parse("ovnet.yaml", """
            network: {name: demo, pool6: "fd10:100::/48", subnetMax6: "fd10:100:0:ff::"}
            hosts: [{name: node-1, address6: "fd00::11", connection: netns}]
            """);
    private static final HostConfig NODE1 = V6.hosts().get(0);

    private static FlannelLease lease(String subnet6, String publicIpv6) {
        return FlannelLease.ipv6Only(Cidr6.parse(subnet6), Ipv6.parse(publicIpv6), "vxlan", "02:00:00:00:00:06");
    }

    @Test
    void theLeaseOfTheHostsAddress6IsAdoptedWithTheMacOvnetDerives() {
        Ipv6OnlyImport.Outcome o = Ipv6OnlyImport.of(V6, NODE1, List.of(lease("fd10:100:0:9::/64", "fd00::12"),
                lease("fd10:100:0:7::/64", "fd00::11")), Optional.empty());
        assertEquals("adopted fd10:100:0:7::/64", o.verdict());
        HostState h = o.adopted();
        assertEquals(Cidr6.parse("fd10:100:0:7::/64"), h.lease6());
        assertEquals(Ipv6.parse("fd00::11"), h.address6());
        assertNull(h.lease(), "an IPv6-only host holds no IPv4 lease");
        assertNull(h.address());
        assertEquals(Planner.vtepMac6(V6, h.lease6()), h.mac6());
        assertEquals(HostStatus.PENDING, h.status(), "nothing applied yet");
    }

    @Test
    void aHostWithoutAnIpv6OnlyLeaseIsLeftToThePlan() {
        FlannelLease dual = new FlannelLease(Cidr.parse("10.100.7.0/24"), Ipv4.parse("192.0.2.11"), "vxlan", null,
                Cidr6.parse("fd10:100:0:7::/64"), Ipv6.parse("fd00::11"), null);
        Ipv6OnlyImport.Outcome o = Ipv6OnlyImport.of(V6, NODE1, List.of(dual, lease("fd10:100:0:9::/64", "fd00::12")),
                Optional.empty());
        assertEquals("no flannel lease for fd00::11: ovnet will choose one", o.verdict());
        assertNull(o.adopted());
    }

    @Test
    void aSubnetThisFileCouldNotLeaseIsNotAdopted() {
        Ipv6OnlyImport.Outcome o = Ipv6OnlyImport.of(V6, NODE1, List.of(lease("fd10:100:0:100::/64", "fd00::11")),
                Optional.empty());
        assertEquals("flannel's fd10:100:0:100::/64 does not fit pool6 fd10:100::/48 with /64 subnets from"
                + " fd10:100:0:1:: to fd10:100:0:ff::: not adopted", o.verdict());
        assertNull(o.adopted());
    }

    @Test
    void aHostAlreadyInTheStateKeepsItsLease() {
        HostState known = Ipv6OnlyImport.of(V6, NODE1, List.of(lease("fd10:100:0:7::/64", "fd00::11")),
                Optional.empty()).adopted();
        assertEquals("already recorded", Ipv6OnlyImport.of(V6, NODE1, List.of(lease("fd10:100:0:7::/64",
                "fd00::11")), Optional.of(known)).verdict());
        Ipv6OnlyImport.Outcome other = Ipv6OnlyImport.of(V6, NODE1, List.of(lease("fd10:100:0:8::/64", "fd00::11")),
                Optional.of(known));
        assertEquals("kept fd10:100:0:7::/64 (already in the state; flannel had fd10:100:0:8::/64)", other.verdict());
        assertNull(other.adopted());
    }
}
