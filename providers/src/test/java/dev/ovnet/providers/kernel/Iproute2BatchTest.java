package dev.ovnet.providers.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ovnet.planner.model.Address;
import dev.ovnet.planner.model.FdbEntry;
import dev.ovnet.planner.model.Link;
import dev.ovnet.planner.model.Neighbour;
import dev.ovnet.planner.model.Route;
import dev.ovnet.planner.net.Cidr;
import dev.ovnet.planner.net.Ipv4;
import dev.ovnet.planner.net.Mac;
import dev.ovnet.planner.plan.Change;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class Iproute2BatchTest {

    private static final Mac MAC = Mac.parse("0e:11:22:33:44:55");
    private static final Link VXLAN = Link.vxlan("flannel.1", 1, Ipv4.parse("192.0.2.1"), "eth0", 8472, 1450, MAC);
    private static final Route PEER = new Route(Cidr.parse("10.100.7.0/24"), Ipv4.parse("10.100.7.0"), "flannel.1",
            true);

    @Test
    void vxlanDeviceIsAddedThenGivenItsAddressMtuAndUp() {
        assertEquals(List.of(
                "link add flannel.1 type vxlan id 1 local 192.0.2.1 dev eth0 dstport 8472 nolearning",
                "link set flannel.1 address 0e:11:22:33:44:55 mtu 1450 up"),
                Iproute2Batch.ipLines(new Change.Create(VXLAN)));
    }

    @Test
    void tunDeviceIsPersistentTuntap() {
        assertEquals(List.of("tuntap add dev flannel0 mode tun", "link set flannel0 mtu 1472 up"),
                Iproute2Batch.ipLines(new Change.Create(Link.tun("flannel0", 1472))));
    }

    @Test
    void mtuChangeIsInPlaceAndAnIncompatibleDeviceIsRecreated() {
        Link smaller = Link.vxlan("flannel.1", 1, Ipv4.parse("192.0.2.1"), "eth0", 8472, 1400, MAC);
        assertEquals(List.of("link set flannel.1 mtu 1400 up"),
                Iproute2Batch.ipLines(new Change.Update(VXLAN, smaller)));
        Link otherVni = Link.vxlan("flannel.1", 2, Ipv4.parse("192.0.2.1"), "eth0", 8472, 1450, MAC);
        assertEquals(List.of("link del flannel.1",
                "link add flannel.1 type vxlan id 2 local 192.0.2.1 dev eth0 dstport 8472 nolearning",
                "link set flannel.1 address 0e:11:22:33:44:55 mtu 1450 up"),
                Iproute2Batch.ipLines(new Change.Replace(VXLAN, otherVni, "id 1 -> 2")));
    }

    @Test
    void routesAreReplacedWithOvnetsProtocolAndDeletedByProtocol() {
        assertEquals(List.of("route replace 10.100.7.0/24 via 10.100.7.0 dev flannel.1 onlink proto 152"),
                Iproute2Batch.ipLines(new Change.Create(PEER)));
        assertEquals(List.of("route replace 10.100.0.0/16 dev flannel0 proto 152"), Iproute2Batch.ipLines(
                new Change.Create(new Route(Cidr.parse("10.100.0.0/16"), null, "flannel0", false))));
        assertEquals(List.of("route del 10.100.7.0/24 proto 152"), Iproute2Batch.ipLines(new Change.Delete(PEER)));
    }

    @Test
    void addressesAndNeighboursUseReplaceToBeSafeToRepeat() {
        Address address = new Address("flannel.1", Cidr.parse("10.100.5.0/32"));
        assertEquals(List.of("addr replace 10.100.5.0/32 dev flannel.1"),
                Iproute2Batch.ipLines(new Change.Create(address)));
        assertEquals(List.of("addr del 10.100.5.0/32 dev flannel.1"),
                Iproute2Batch.ipLines(new Change.Delete(address)));
        Neighbour n = new Neighbour(Ipv4.parse("10.100.7.0"), Mac.parse("0e:aa:bb:cc:dd:07"), "flannel.1");
        assertEquals(List.of("neigh replace 10.100.7.0 lladdr 0e:aa:bb:cc:dd:07 dev flannel.1 nud permanent"),
                Iproute2Batch.ipLines(new Change.Create(n)));
        assertEquals(List.of("neigh del 10.100.7.0 dev flannel.1"), Iproute2Batch.ipLines(new Change.Delete(n)));
    }

    @Test
    void fdbEntriesArePermanentSelfEntries() {
        FdbEntry f = new FdbEntry(Mac.parse("0e:aa:bb:cc:dd:07"), "flannel.1", Ipv4.parse("192.0.2.7"));
        assertEquals(List.of("fdb replace 0e:aa:bb:cc:dd:07 dev flannel.1 dst 192.0.2.7 self permanent"),
                Iproute2Batch.bridgeLines(new Change.Create(f)));
        assertEquals(List.of("fdb del 0e:aa:bb:cc:dd:07 dev flannel.1 self"),
                Iproute2Batch.bridgeLines(new Change.Delete(f)));
    }

    @Test
    void aFailingLineIsTracedBackToTheChangeThatRenderedIt() {
        List<Change> changes = List.of(new Change.Create(VXLAN),
                new Change.Create(new Address("flannel.1", Cidr.parse("10.100.5.0/32"))), new Change.Create(PEER));
        Iproute2Batch.Rendered rendered = Iproute2Batch.renderIp(changes);
        assertEquals(4, rendered.lines().size());
        assertTrue(rendered.text().endsWith("onlink proto 152\n"));
        assertEquals(0, rendered.changeAt(1));
        assertEquals(0, rendered.changeAt(2));
        assertEquals(1, rendered.changeAt(3));
        assertEquals(2, rendered.changeAt(4));
    }

    @Test
    void capturedFailuresNameTheLineAndTheKernelsMessage() {
        String ip = Fixtures.read("ip-batch-failed.stderr");
        assertEquals(OptionalInt.of(2), Iproute2Batch.failedLine(ip));
        assertEquals("Cannot find device \"nosuch\"", Iproute2Batch.message(ip));
        String bridge = Fixtures.read("bridge-batch-failed.stderr");
        assertEquals(OptionalInt.of(1), Iproute2Batch.failedLine(bridge));
        assertEquals(OptionalInt.empty(), Iproute2Batch.failedLine("Segmentation fault\n"));
    }
}
