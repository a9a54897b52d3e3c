package dev.ovnet.providers.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ovnet.planner.config.Connection;
import dev.ovnet.planner.net.Cidr;
import dev.ovnet.planner.net.Ipv4;
import dev.ovnet.planner.spi.Host;
import dev.ovnet.planner.spi.HostException;
import dev.ovnet.planner.spi.HostTarget;
import dev.ovnet.planner.spi.ReadRequest;
import java.util.Set;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Connecting to namespace hosts, and the errors a user sees when a host is not what the file says. */
@Tag("privileged")
class LinuxHostConnectorIT {

    private static final Cidr POOL = Cidr.parse("10.100.0.0/16");

    @Test
    void aMissingNamespaceIsAnUnreachableHost() {
        HostTarget target = new HostTarget("node-9", Connection.NETNS, "ovk-none", Ipv4.parse("192.0.2.9"), null,
                "/run/ovnet/netns/ovk-none");
        HostException e = assertThrows(HostException.class, () ->
                new LinuxHostConnector(NetnsLab.NO_FORWARDER).connect(target));
        assertTrue(e.unreachable());
        assertEquals("node-9", e.host());
        assertTrue(e.getMessage().contains("ovk-none"), e.getMessage());
    }

    @Test
    void anAddressThatIsNotOnTheHostIsNamedWhenReading() {
        try (NetnsLab lab = NetnsLab.of("ovk-con-a", "ovk-con-b")) {
            HostTarget target = new HostTarget("node-1", Connection.NETNS, "ovk-con-a", Ipv4.parse("192.0.2.1"), null,
                    lab.root("node-1"));
            try (Host host = new LinuxHostConnector(NetnsLab.NO_FORWARDER).connect(target)) {
                assertEquals("eth0", host.read(new ReadRequest(Ipv4.parse("192.0.2.1"), null, Set.of(), Set.of(), POOL,
                        null)).facts().iface());
                HostException wrong = assertThrows(HostException.class, () -> host.read(
                        new ReadRequest(Ipv4.parse("192.0.2.7"), null, Set.of(), Set.of(), POOL, null)));
                assertFalse(wrong.unreachable());
                assertTrue(wrong.getMessage().contains("192.0.2.7 is not an address of any interface"),
                        wrong.getMessage());
                HostException iface = assertThrows(HostException.class, () -> host.read(
                        new ReadRequest(Ipv4.parse("192.0.2.1"), "ens33", Set.of(), Set.of(), POOL, null)));
                assertTrue(iface.getMessage().contains("interface ens33 does not exist"), iface.getMessage());
            }
        }
    }
}
