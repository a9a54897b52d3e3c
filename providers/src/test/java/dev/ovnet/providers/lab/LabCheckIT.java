package dev.ovnet.providers.lab;

import static dev.ovnet.providers.lab.LabConfigs.netnsHost;
import static dev.ovnet.providers.lab.LabConfigs.network;
import static dev.ovnet.providers.lab.LabConfigs.segments;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ovnet.planner.config.ContainerRuntime;
import dev.ovnet.planner.config.NetworkConfig;
import dev.ovnet.planner.net.Cidr;
import dev.ovnet.planner.net.Ipv4;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * {@code lab check} with docker-style containers after a minimal host-gw "apply" done by hand (subnet.env, routes
 * to the peers' leases, ip_forward): the matrix must show exactly the pairs the routes allow.
 */
@Tag("e2e")
class LabCheckIT {

    private static final String PREFIX = "ovl-k";
    private static final List<Cidr> LEASES = LabConfigs.cidrs("10.100.1.0/24", "10.100.2.0/24", "10.100.3.0/24");
    private static final String[] ROOTS = {"/run/ovnet/netns/ovl-ka", "/run/ovnet/netns/ovl-kb",
        "/run/ovnet/netns/ovl-kc"};

    private final LabManager lab = new LabManager(LabOptions.defaults().withSwitchNamespace("ovl-k-sw"),
            LabListener.SILENT);
    private NetworkConfig config = network("ovl-k", ContainerRuntime.DOCKER, null,
            netnsHost("ovl-ka", "192.0.2.21"), netnsHost("ovl-kb", "192.0.2.22"), netnsHost("ovl-kc", "192.0.2.23"));

    @AfterEach
    void cleanUp() throws Exception {
        try {
            lab.down(config);
        } finally {
            LabKernel.forceClean(PREFIX, ROOTS);
        }
    }

    private void fakeApply(String hostWithoutRoute, String missingPeer) {
        List<LabHost> hosts = lab.layout(config).hosts();
        for (int i = 0; i < hosts.size(); i++) {
            LabHost host = hosts.get(i);
            LabKernel.fakeHostGwApply(host, LEASES.get(i), hosts, LEASES,
                    host.name().equals(hostWithoutRoute) ? missingPeer : null);
        }
    }

    @Test
    void threeHostsAfterApplyGiveAFullMatrixAndTheWholeCycleIsQuick() throws Exception {
        long start = System.nanoTime();
        lab.up(config);
        long upDone = System.nanoTime();
        fakeApply(null, null);
        long checkStart = System.nanoTime();

        LabReport report = lab.check(config);
        long checkDone = System.nanoTime();
        String text = LabReportRenderer.render(report);

        assertTrue(report.allReachable(), text);
        assertTrue(report.ok(), text);
        assertEquals(6, report.probes().size());
        assertTrue(text.endsWith("lab check: 6/6 pairs reachable\n"), text);
        assertEquals(List.of("ovl-ka-c1", "ovl-kb-c1", "ovl-kc-c1"),
                report.containers().stream().map(LabContainer::netns).toList());
        assertEquals(Ipv4.parse("10.100.2.2"), report.containers().get(1).address());
        assertTrue(LabKernel.out("ip", "-n", "ovl-kb", "-4", "addr", "show", "dev", "docker0")
                .contains("inet 10.100.2.1/24"));
        assertTrue(LabKernel.out("ip", "-n", "ovl-kb-c1", "route", "show", "default").contains("via 10.100.2.1"));
        assertNotNull(LabKernel.ping("ovl-ka-c1", "10.100.3.2"), "a user's own ping agrees with the matrix");

        String containerLinks = LabKernel.out("ip", "-n", "ovl-kb", "-o", "link", "show");
        LabReport again = lab.check(config);
        assertTrue(again.allReachable(), LabReportRenderer.render(again));
        assertEquals(containerLinks, LabKernel.out("ip", "-n", "ovl-kb", "-o", "link", "show"),
                "a second check reuses the containers");

        long downStart = System.nanoTime();
        lab.down(config);
        long downDone = System.nanoTime();
        System.out.printf("lab timing, 3 hosts: up %d ms, check %d ms, down %d ms%n%s", (upDone - start) / 1_000_000,
                (checkDone - checkStart) / 1_000_000, (downDone - downStart) / 1_000_000, text);
        assertEquals(List.of(), LabKernel.namespaces(PREFIX));
        for (String root : ROOTS) {
            assertFalse(Files.exists(Path.of(root)), root);
        }
    }

    @Test
    void aMissingRouteShowsExactlyThatPairAsUnreachable() {
        lab.up(config);
        fakeApply("ovl-ka", "ovl-kc");

        LabReport report = lab.check(config);
        String text = LabReportRenderer.render(report);
        System.out.println(text);

        assertFalse(report.allReachable(), text);
        assertEquals(List.of("ovl-ka-c1 -> ovl-kc-c1", "ovl-kc-c1 -> ovl-ka-c1"),
                report.unreachable().stream().map(LabReport.Probe::pair).toList(), text);
        assertTrue(text.endsWith("lab check: 4/6 pairs reachable; unreachable: ovl-ka-c1 -> ovl-kc-c1, "
                + "ovl-kc-c1 -> ovl-ka-c1\n"), text);
    }

    @Test
    void checkBeforeApplyNamesTheMissingLeaseFile() {
        lab.up(config);

        LabException e = assertThrows(LabException.class, () -> lab.check(config));

        assertTrue(e.getMessage().contains("/run/ovnet/netns/ovl-ka/run/flannel/subnet.env"), e.getMessage());
        assertTrue(e.hint().contains("ovnet apply"), e.hint());
    }

    @Test
    void twoContainersPerHostArePingedOnlyAcrossHosts() {
        config = network("ovl-k", ContainerRuntime.NONE, segments(2, "192.0.2.0/24"),
                netnsHost("ovl-ka", "192.0.2.21"), netnsHost("ovl-kb", "192.0.2.22"));
        lab.up(config);
        List<LabHost> hosts = lab.layout(config).hosts();
        LabKernel.fakeHostGwApply(hosts.get(0), LEASES.get(0), hosts, LEASES.subList(0, 2), null);
        LabKernel.fakeHostGwApply(hosts.get(1), LEASES.get(1), hosts, LEASES.subList(0, 2), null);

        LabReport report = lab.check(config);

        assertEquals(List.of("10.100.1.2", "10.100.1.3", "10.100.2.2", "10.100.2.3"),
                report.containers().stream().map(c -> c.address().toString()).toList());
        assertEquals(8, report.probes().size());
        assertTrue(report.allReachable(), LabReportRenderer.render(report));
        assertTrue(report.result("ovl-ka-c1", "ovl-ka-c2").isEmpty());
    }
}
