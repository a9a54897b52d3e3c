package dev.ovnet.providers.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ovnet.planner.model.Address;
import dev.ovnet.planner.model.FdbEntry;
import dev.ovnet.planner.model.Link;
import dev.ovnet.planner.model.Neighbour;
import dev.ovnet.planner.model.Route;
import dev.ovnet.planner.net.Cidr6;
import dev.ovnet.planner.net.Ipv6;
import dev.ovnet.planner.net.Mac;
import dev.ovnet.planner.plan.Change;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The IPv6 side of iproute2's JSON, as this machine's iproute2 printed it for a dual-stack host (local6, /128 host
 * routes without a length, link-local addresses), and the batch lines that make the same objects.
 */
class Iproute2JsonIpv6Test {

    private static final Mac MAC6 = Mac.parse("02:00:00:00:00:07");

    @Test
    void theIpv6VxlanDeviceAndItsAddressAreRead() {
        List<Iproute2Json.Iface> ifaces = Iproute2Json.interfaces(Iproute2Json.array("""
                [{"ifindex":2,"ifname":"eth0","mtu":1500,"address":"0a:00:00:00:00:01","addr_info":[
                  {"family":"inet","local":"192.0.2.1","prefixlen":24},
                  {"family":"inet6","local":"fd00:192:0:2::1","prefixlen":64,"scope":"global"},
                  {"family":"inet6","local":"fe80::1","prefixlen":64,"scope":"link"}]},
                 {"ifindex":4,"ifname":"flannel-v6.1","mtu":1430,"address":"02:00:00:00:00:06",
                  "linkinfo":{"info_kind":"vxlan","info_data":{"id":1,"local6":"fd00:192:0:2::1","link":"eth0",
                  "port":8472}},"addr_info":[
                  {"family":"inet6","local":"fd10:100:0:2::","prefixlen":128,"scope":"global","nodad":true},
                  {"family":"inet6","local":"fd10:100:0:2::5","prefixlen":64,"scope":"global"}]}]
                """));
        assertEquals(Link.vxlan("flannel-v6.1", 1, Ipv6.parse("fd00:192:0:2::1"), "eth0", 8472, 1430,
                Mac.parse("02:00:00:00:00:06")), Iproute2Json.link(ifaces.get(1), ifaces));
        assertEquals(List.of(new Iproute2Json.Inet6(Ipv6.parse("fd00:192:0:2::1"), 64)), ifaces.get(0).ipv6());
        assertEquals(List.of(new Address("flannel-v6.1", Cidr6.parse("fd10:100:0:2::/128"))),
                HostReader.addresses6(ifaces.get(1), Cidr6.parse("fd10:100::/48")));
        assertEquals(Cidr6.parse("fd00:192:0:2::/64"), HostReader.segment6(ifaces, "eth0",
                Ipv6.parse("fd00:192:0:2::1")));
    }

    @Test
    void ovnetsIpv6RoutesNeighboursAndFdbEntriesAreRead() {
        assertEquals(List.of(new Route(Cidr6.parse("fd10:100:0:3::/64"), Ipv6.parse("fd10:100:0:3::"), "flannel-v6.1",
                true), new Route(Cidr6.parse("fd10:100:0:4::/128"), null, "eth0", false)),
                Iproute2Json.ovnetRoutes(Iproute2Json.array("""
                        [{"dst":"fd00::/64","dev":"eth0","protocol":"kernel","flags":[]},
                         {"dst":"fd10:100:0:3::/64","gateway":"fd10:100:0:3::","dev":"flannel-v6.1",
                          "protocol":"152","flags":["onlink"]},
                         {"dst":"fd10:100:0:4::","dev":"eth0","protocol":"152","flags":[]}]
                        """)));
        assertEquals(List.of(new Neighbour(Ipv6.parse("fd10:100:0:3::"), MAC6, "flannel-v6.1")),
                Iproute2Json.neighbours(Iproute2Json.array("""
                        [{"dst":"fd10:100:0:3::","dev":"flannel-v6.1","lladdr":"02:00:00:00:00:07",
                          "state":["PERMANENT"]},
                         {"dst":"fd00:192:0:2::2","dev":"eth0","lladdr":"0a:00:00:00:00:02","state":["REACHABLE"]}]
                        """), Set.of("flannel-v6.1")));
        assertEquals(List.of(new FdbEntry(MAC6, "flannel-v6.1", Ipv6.parse("fd00:192:0:2::3"))),
                Iproute2Json.fdb(Iproute2Json.array("""
                        [{"mac":"02:00:00:00:00:07","ifname":"flannel-v6.1","dst":"fd00:192:0:2::3","flags":["self"],
                          "state":"permanent"}]
                        """), Set.of("flannel-v6.1")));
    }

    @Test
    void ipv6ObjectsAreMadeWithTheSameBatchLinesAndTheAddressSkipsDad() {
        assertEquals(List.of("addr replace fd10:100:0:2::/128 dev flannel-v6.1 nodad"), Iproute2Batch.ipLines(
                new Change.Create(new Address("flannel-v6.1",
                        Cidr6.parse("fd10:100:0:2::/128")))));
        assertEquals(List.of("route replace fd10:100:0:3::/64 via fd10:100:0:3:: dev flannel-v6.1 onlink proto 152"),
                Iproute2Batch.ipLines(new Change.Create(new Route(
                        Cidr6.parse("fd10:100:0:3::/64"), Ipv6.parse("fd10:100:0:3::"), "flannel-v6.1", true))));
        assertEquals(List.of("fdb replace 02:00:00:00:00:07 dev flannel-v6.1 dst fd00:192:0:2::3 self permanent"),
                Iproute2Batch.bridgeLines(new Change.Create(new FdbEntry(MAC6, "flannel-v6.1",
                        Ipv6.parse("fd00:192:0:2::3")))));
    }
}
