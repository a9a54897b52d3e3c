package dev.ovnet.providers.lab;

import static dev.ovnet.providers.lab.LabConfigs.netnsHost;
import static dev.ovnet.providers.lab.LabConfigs.network;
import static dev.ovnet.providers.lab.LabConfigs.segments;
import static dev.ovnet.providers.lab.LabConfigs.sshHost;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ovnet.planner.config.ContainerRuntime;
import dev.ovnet.planner.config.Connection;
import dev.ovnet.planner.config.HostConfig;
import dev.ovnet.planner.config.SshConfig;
import dev.ovnet.planner.net.Cidr;
import dev.ovnet.planner.net.Ipv4;
import java.util.List;
import org.junit.jupiter.api.Test;

class LabLayoutTest {

    @Test
    void withoutLabBlockOneSegmentIsTheSlash24OfTheFirstNetnsHostAndSshHostsAreLeftOut() {
        LabLayout layout = LabLayout.of(network("demo", ContainerRuntime.DOCKER, null,
                sshHost("remote", "172.16.0.5"), netnsHost("node-1", "192.0.2.11"), netnsHost("node-2", "192.0.2.12")),
                LabOptions.defaults());

        assertEquals("ovnet-lab-demo", layout.switchNamespace());
        assertEquals(List.of(Cidr.parse("192.0.2.0/24")), layout.segments());
        assertFalse(layout.routed());
        assertEquals(List.of("node-1", "node-2"), layout.hosts().stream().map(LabHost::name).toList());
        LabHost first = layout.hosts().get(0);
        assertEquals("eth0", first.iface());
        assertEquals("br0", first.bridge());
        assertEquals("p-node-1", first.port());
        assertEquals("/run/ovnet/netns/node-1", first.root());
        assertEquals("/run/ovnet/netns/node-1/var/lib/ovnet-lab", first.labDir());
        assertEquals(1, first.containers());
        assertEquals("node-1-c1", first.containerNetns(1));
        assertEquals(List.of("ovnet-lab-demo", "node-1", "node-2"), layout.fixedNamespaces());
    }

    @Test
    void hostsGoToTheSegmentHoldingTheirAddressAndTheSwitchNameCanBeOverridden() {
        LabLayout layout = LabLayout.of(network("demo", ContainerRuntime.CNI,
                        segments(2, "192.0.2.0/24", "198.51.100.0/24"),
                        netnsHost("ovl-a", "192.0.2.11"), netnsHost("ovl-b", "198.51.100.12")),
                LabOptions.defaults().withSwitchNamespace("ovl-sw"));

        assertEquals("ovl-sw", layout.switchNamespace());
        assertTrue(layout.routed());
        assertEquals("br0", layout.hosts().get(0).bridge());
        assertEquals("br1", layout.hosts().get(1).bridge());
        assertEquals(Cidr.parse("198.51.100.0/24"), layout.hosts().get(1).segment());
        assertEquals(2, layout.hosts().get(1).containers());
    }

    @Test
    void longNamespaceNamesGiveDistinctPortsOfAtMost15Characters() {
        String port1 = LabLayout.port("a-very-long-namespace-1");
        String port2 = LabLayout.port("a-very-long-namespace-2");

        assertTrue(port1.length() <= 15, port1);
        assertTrue(port2.length() <= 15, port2);
        assertFalse(port1.equals(port2));
        assertEquals(port1, LabLayout.port("a-very-long-namespace-1"));
    }

    @Test
    void containerNamespacesAreRecognisedWhateverTheirCount() {
        LabHost host = LabLayout.of(network("demo", ContainerRuntime.DOCKER, null, netnsHost("a", "192.0.2.1")),
                LabOptions.defaults()).hosts().get(0);

        assertTrue(host.isContainerNetns("a-c1"));
        assertTrue(host.isContainerNetns("a-c12"));
        assertFalse(host.isContainerNetns("a-c"));
        assertFalse(host.isContainerNetns("a-cx"));
        assertFalse(host.isContainerNetns("ab-c1"));
    }

    @Test
    void aHostOutsideEverySegmentIsRefusedWithAHint() {
        LabException e = assertThrows(LabException.class, () -> LabLayout.of(network("demo", ContainerRuntime.DOCKER,
                null, netnsHost("a", "192.0.2.11"), netnsHost("b", "198.51.100.12")), LabOptions.defaults()));

        assertTrue(e.getMessage().contains("host b has address 198.51.100.12"), e.getMessage());
        assertTrue(e.hint().contains("lab: segments:"), e.hint());
    }

    @Test
    void withSeveralSegmentsTheRouterAddressIsNotAHostAddress() {
        LabException e = assertThrows(LabException.class, () -> LabLayout.of(network("demo", ContainerRuntime.DOCKER,
                segments(1, "192.0.2.0/24", "198.51.100.0/24"), netnsHost("a", "192.0.2.1")), LabOptions.defaults()));

        assertTrue(e.getMessage().contains("router"), e.getMessage());
    }

    @Test
    void aFileWithoutNetnsHostsIsNotALab() {
        LabException e = assertThrows(LabException.class, () -> LabLayout.of(network("demo", ContainerRuntime.DOCKER,
                null, sshHost("a", "192.0.2.1")), LabOptions.defaults()));

        assertTrue(e.getMessage().contains("connection: netns"), e.getMessage());
    }

    @Test
    void twoHostsInOneNamespaceAreRefused() {
        HostConfig twin = new HostConfig("b", Ipv4.parse("192.0.2.12"), null, Connection.NETNS, "a", "/run/x", null,
                SshConfig.DEFAULTS, 0);

        assertThrows(LabException.class, () -> LabLayout.of(network("demo", ContainerRuntime.DOCKER, null,
                netnsHost("a", "192.0.2.11"), twin), LabOptions.defaults()));
    }

    @Test
    void downRemovesAWholeRootOnlyWhenItIsASimulatedHostsOwnFolder() {
        assertTrue(LabManager.ownsRoot(hostWithRoot("/run/ovnet/netns/a")));
        assertFalse(LabManager.ownsRoot(hostWithRoot("/run/ovnet/netns/")));
        assertFalse(LabManager.ownsRoot(hostWithRoot("/run/ovnet/netns/../../etc")));
        assertFalse(LabManager.ownsRoot(hostWithRoot("/")));
    }

    private static LabHost hostWithRoot(String root) {
        HostConfig host = new HostConfig("a", Ipv4.parse("192.0.2.11"), null, Connection.NETNS, "a", root, null,
                SshConfig.DEFAULTS, 0);
        return LabLayout.of(network("demo", ContainerRuntime.DOCKER, null, host), LabOptions.defaults()).hosts().get(0);
    }

    @Test
    void anInvalidInterfaceNameIsRefused() {
        HostConfig host = new HostConfig("a", Ipv4.parse("192.0.2.11"), "this-name-is-too-long", Connection.NETNS,
                "a", "/run/x", null, SshConfig.DEFAULTS, 0);

        assertThrows(LabException.class, () -> LabLayout.of(network("demo", ContainerRuntime.DOCKER, null, host),
                LabOptions.defaults()));
    }
}
