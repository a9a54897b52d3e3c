package dev.ovnet.providers.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ovnet.planner.desired.HostFacts;
import dev.ovnet.planner.model.Address;
import dev.ovnet.planner.model.FdbEntry;
import dev.ovnet.planner.model.Link;
import dev.ovnet.planner.model.Neighbour;
import dev.ovnet.planner.model.Route;
import dev.ovnet.planner.net.Cidr;
import dev.ovnet.planner.net.Ipv4;
import dev.ovnet.planner.net.Mac;
import dev.ovnet.planner.plan.Underlay;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class Iproute2JsonTest {

    private static final Cidr POOL = Cidr.parse("10.100.0.0/16");
    private final List<JsonNode> shows = Iproute2Json.arrays(Fixtures.read("ip-shows.json"));
    private final List<Iproute2Json.Iface> ifaces = Iproute2Json.interfaces(shows.get(0));
    private final Map<String, Iproute2Json.Iface> byName = Iproute2Json.byName(ifaces);

    @Test
    void batchOutputHoldsOneArrayPerShowCommand() {
        assertEquals(3, shows.size());
        assertEquals(Set.of("lo", "eth0", "flannel.1", "flannel0"), byName.keySet());
    }

    @Test
    void vxlanDeviceIsReadWithEverySettingOvnetManages() {
        Link link = Iproute2Json.link(byName.get("flannel.1"), ifaces);
        assertEquals(Link.vxlan("flannel.1", 1, Ipv4.parse("192.0.2.1"), "eth0", 8472, 1450,
                Mac.parse("0e:11:22:33:44:55")), link);
    }

    @Test
    void tunDeviceIsReadAsTun() {
        assertEquals(Link.tun("flannel0", 1472), Iproute2Json.link(byName.get("flannel0"), ifaces));
    }

    @Test
    void otherKindsAreReportedByKindSoTheDiffReplacesThem() {
        assertEquals(new Link("eth0", "veth", null, null, null, null, 1500, null),
                Iproute2Json.link(byName.get("eth0"), ifaces));
    }

    @Test
    void vxlanUnderlayGivenAsIfindexIsResolvedToItsName() {
        String json = "[{\"ifindex\":2,\"ifname\":\"eth0\",\"mtu\":1500},"
                + "{\"ifindex\":7,\"ifname\":\"flannel.9\",\"mtu\":1450,\"address\":\"0e:00:00:00:00:09\","
                + "\"linkinfo\":{\"info_kind\":\"vxlan\",\"info_data\":{\"id\":9,\"local\":\"192.0.2.1\",\"link\":2,"
                + "\"port\":4789}}}]";
        List<Iproute2Json.Iface> parsed = Iproute2Json.interfaces(Iproute2Json.array(json));
        assertEquals("eth0", Iproute2Json.link(parsed.get(1), parsed).dev());
    }

    @Test
    void onlyNetworkAddressesInsideThePoolAreOvnets() {
        assertEquals(List.of(new Address("flannel.1", Cidr.parse("10.100.1.0/32"))),
                HostReader.addresses(byName.get("flannel.1"), POOL));
    }

    @Test
    void routesAreTheUnicastOnesWithOvnetsProtocol() {
        List<Route> routes = Iproute2Json.routes(shows.get(1));
        assertEquals(List.of(
                new Route(POOL, null, "flannel0", false),
                new Route(Cidr.parse("10.100.2.0/24"), Ipv4.parse("10.100.2.0"), "flannel.1", true),
                new Route(Cidr.parse("10.100.3.0/24"), Ipv4.parse("10.100.3.0"), "flannel.1", true),
                new Route(Cidr.parse("10.100.4.0/24"), Ipv4.parse("192.0.2.4"), "eth0", false)), routes);
    }

    /** {@code ip -j route show} of the main table as iproute2 6.1 prints it: protocol 152 is ovnet's. */
    private static final String MAIN_TABLE = "[{\"dst\":\"10.9.1.0/24\",\"dev\":\"br9\",\"protocol\":\"kernel\","
            + "\"scope\":\"link\",\"prefsrc\":\"10.9.1.1\",\"flags\":[]},"
            + "{\"dst\":\"10.9.2.0/24\",\"dev\":\"br9\",\"protocol\":\"152\",\"scope\":\"link\",\"flags\":[]},"
            + "{\"type\":\"blackhole\",\"dst\":\"10.9.3.0/24\",\"flags\":[]},"
            + "{\"dst\":\"10.9.4.0/24\",\"gateway\":\"10.9.1.5\",\"dev\":\"br9\",\"protocol\":\"static\",\"flags\":[]},"
            + "{\"dst\":\"10.9.5.0/24\",\"gateway\":\"10.9.5.0\",\"dev\":\"flannel.1\",\"protocol\":\"boot\","
            + "\"flags\":[\"onlink\"]},"
            + "{\"dst\":\"default\",\"gateway\":\"10.9.1.254\",\"dev\":\"br9\",\"protocol\":\"dhcp\",\"flags\":[]}]";

    @Test
    void theMainTableSplitsIntoOvnetsRoutesAndTheHostsOwn() {
        JsonNode table = Iproute2Json.array(MAIN_TABLE);
        assertEquals(List.of(new Route(Cidr.parse("10.9.2.0/24"), null, "br9", false)),
                Iproute2Json.ovnetRoutes(table));
        assertEquals(List.of(
                new Underlay.HostRoute("unicast", Cidr.parse("10.9.1.0/24"), null, "br9", "kernel"),
                new Underlay.HostRoute("blackhole", Cidr.parse("10.9.3.0/24"), null, null, null),
                new Underlay.HostRoute("unicast", Cidr.parse("10.9.4.0/24"), Ipv4.parse("10.9.1.5"), "br9", "static"),
                new Underlay.HostRoute("unicast", Cidr.parse("0.0.0.0/0"), Ipv4.parse("10.9.1.254"), "br9", "dhcp")),
                Iproute2Json.otherRoutes(table, Set.of("flannel.1")), "a route on an ovnet device is not the host's");
        assertEquals(List.of(new Underlay.HostAddress("lo", Ipv4.parse("127.0.0.1"), 8),
                new Underlay.HostAddress("eth0", Ipv4.parse("192.0.2.1"), 24)),
                Iproute2Json.otherAddresses(ifaces, Set.of("flannel.1", "flannel0")).stream()
                        .filter(a -> !a.dev().startsWith("flannel")).toList());
    }

    @Test
    void neighboursAreThePermanentOnesOnOvnetsDevices() {
        assertEquals(List.of(
                new Neighbour(Ipv4.parse("10.100.2.0"), Mac.parse("0e:aa:bb:cc:dd:02"), "flannel.1"),
                new Neighbour(Ipv4.parse("10.100.3.0"), Mac.parse("0e:aa:bb:cc:dd:03"), "flannel.1")),
                Iproute2Json.neighbours(shows.get(2), Set.of("flannel.1")));
    }

    @Test
    void fdbEntriesSkipTheAllZeroDefaultAndOtherDevices() {
        JsonNode fdb = Iproute2Json.array(Fixtures.read("bridge-fdb.json"));
        assertEquals(List.of(
                new FdbEntry(Mac.parse("0e:aa:bb:cc:dd:02"), "flannel.1", Ipv4.parse("192.0.2.2")),
                new FdbEntry(Mac.parse("0e:aa:bb:cc:dd:03"), "flannel.1", Ipv4.parse("192.0.2.3"))),
                Iproute2Json.fdb(fdb, Set.of("flannel.1")).stream()
                        .sorted((a, b) -> a.mac().toString().compareTo(b.mac().toString())).toList());
        assertTrue(Iproute2Json.fdb(fdb, Set.of("flannel.2")).isEmpty());
    }

    @Test
    void factsNameTheInterfaceHoldingTheAddressItsMtuAndSegment() {
        HostFacts facts = HostReader.facts(ifaces, Ipv4.parse("192.0.2.1"), null, true);
        assertEquals(new HostFacts("eth0", 1500, Cidr.parse("192.0.2.0/24"), true, false), facts);
        assertEquals(facts, HostReader.facts(ifaces, Ipv4.parse("192.0.2.1"), "eth0", true));
    }

    @Test
    void factsRefuseAnAddressThatIsNotOnTheConfiguredInterface() {
        CommandFailedException wrongIface = assertThrows(CommandFailedException.class,
                () -> HostReader.facts(ifaces, Ipv4.parse("192.0.2.1"), "flannel.1", true));
        assertEquals("192.0.2.1 is not an address of flannel.1 (it is on eth0)", wrongIface.detail());
        CommandFailedException missing = assertThrows(CommandFailedException.class,
                () -> HostReader.facts(ifaces, Ipv4.parse("192.0.2.9"), null, true));
        assertEquals("192.0.2.9 is not an address of any interface", missing.detail());
        assertThrows(CommandFailedException.class,
                () -> HostReader.facts(ifaces, Ipv4.parse("192.0.2.1"), "eth9", true));
    }

    @Test
    void anUnderlayFoundOnTheHostWithANameTheFileCouldNotHoldIsRefusedByName() {
        Iproute2Json.Iface hashed = new Iproute2Json.Iface(7, "e#x", 1500, null, "02:00:00:00:00:07", null,
                List.of(new Iproute2Json.Inet(Ipv4.parse("198.51.100.7"), 24)));
        CommandFailedException e = assertThrows(CommandFailedException.class,
                () -> HostReader.facts(List.of(hashed), Ipv4.parse("198.51.100.7"), null, true));
        assertTrue(e.detail().startsWith("the interface that holds 198.51.100.7, \"e#x\", is not a valid interface"
                + " name: ovnet takes interface names of up to 15 letters"), e.detail());
        assertTrue(e.detail().contains("rename the interface"), e.detail());
    }

    @Test
    void garbageIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> Iproute2Json.arrays("[{\"a\": 1}] Error: x"));
    }
}
