package dev.ovnet.providers.lab;

import static dev.ovnet.providers.lab.LabConfigs.netnsHost;
import static dev.ovnet.providers.lab.LabConfigs.network;
import static dev.ovnet.providers.lab.LabConfigs.segments;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ovnet.planner.config.ContainerRuntime;
import dev.ovnet.planner.config.NetworkConfig;
import dev.ovnet.planner.desired.FlannelFiles;
import dev.ovnet.planner.net.Cidr;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * runtime: cni. The lab runs Debian's real plugins (/usr/lib/cni) on the conflist ovnet writes (docs/backends.md),
 * inside the host namespaces: containers get host-local addresses from the lease, the bridge step passes CHECK, and
 * down releases them with DEL before removing everything.
 */
@Tag("e2e")
class LabCniIT {

    private static final String PREFIX = "ovl-n";
    private static final List<Cidr> LEASES = LabConfigs.cidrs("10.100.1.0/24", "10.100.2.0/24");
    private static final String[] ROOTS = {"/run/ovnet/netns/ovl-na", "/run/ovnet/netns/ovl-nb"};

    private final List<String> steps = new ArrayList<>();
    private final List<String> warnings = new ArrayList<>();
    private final LabManager lab = new LabManager(LabOptions.defaults().withSwitchNamespace("ovl-n-sw"),
            new LabListener() {
                @Override
                public void step(String message) {
                    steps.add(message);
                }

                @Override
                public void warning(String message) {
                    warnings.add(message);
                }
            });
    private final NetworkConfig config = network("ovl-cni", ContainerRuntime.CNI, segments(2, "192.0.2.0/24"),
            netnsHost("ovl-na", "192.0.2.31"), netnsHost("ovl-nb", "192.0.2.32"));

    @AfterEach
    void cleanUp() throws Exception {
        try {
            lab.down(config);
        } finally {
            LabKernel.forceClean(PREFIX, ROOTS);
        }
    }

    /** What apply writes for runtime cni (plus host-gw routes), done by hand. */
    private void fakeApply() {
        List<LabHost> hosts = lab.layout(config).hosts();
        for (int i = 0; i < hosts.size(); i++) {
            LabHost host = hosts.get(i);
            LabKernel.fakeHostGwApply(host, LEASES.get(i), hosts, LEASES, null);
            LabKernel.write(FlannelFiles.under(host.root(), FlannelFiles.CNI_CONFLIST),
                    FlannelFiles.cniConflist("ovl-cni", LabConfigs.POOL, LEASES.get(i), 1450, true));
        }
    }

    @Test
    void containersGetHostLocalAddressesReachTheirGatewayAndEachOther() throws Exception {
        String root = LabKernel.rootSnapshot();
        lab.up(config);
        fakeApply();

        LabReport report = lab.check(config);
        String text = LabReportRenderer.render(report);

        assertEquals(List.of("10.100.1.2", "10.100.1.3", "10.100.2.2", "10.100.2.3"),
                report.containers().stream().map(c -> c.address().toString()).toList(), text);
        assertTrue(report.problems().isEmpty(), "the bridge step passes CHECK: " + report.problems());
        assertTrue(report.allReachable(), text);
        assertEquals(8, report.probes().size());
        assertTrue(Files.exists(Path.of("/run/ovnet/netns/ovl-na/var/lib/ovnet-lab/host-local/ovl-cni/10.100.1.2")),
                "host-local leases live under the host's root");
        assertFalse(Files.exists(Path.of("/var/lib/cni/networks/ovl-cni")));
        assertTrue(LabKernel.out("ip", "-n", "ovl-na", "-4", "addr", "show", "dev", "cni0")
                .contains("inet 10.100.1.1/24"));
        assertTrue(LabKernel.out("ip", "-n", "ovl-na-c2", "link", "show", "dev", "eth0").contains("mtu 1450"));
        assertTrue(LabKernel.out("ip", "-n", "ovl-na-c2", "route", "show")
                .contains("10.100.0.0/16 via 10.100.1.1"));
        assertNotNull(LabKernel.ping("ovl-na-c1", "10.100.1.1"), "container -> its host's bridge gateway");
        assertNotNull(LabKernel.ping("ovl-nb-c2", "10.100.2.1"), "container -> its host's bridge gateway");
        assertEquals(root, LabKernel.rootSnapshot(), "plugins ran in the host namespaces, never in the root one");

        List<String> removed = lab.down(config);

        assertTrue(warnings.isEmpty(), "DEL of the whole chain succeeds: " + warnings);
        assertTrue(steps.contains("released container ovl-na-c1 through CNI DEL"), String.join("\n", steps));
        assertTrue(steps.contains("released container ovl-nb-c2 through CNI DEL"), String.join("\n", steps));
        assertEquals(List.of("ovl-n-sw", "ovl-na", "ovl-na-c1", "ovl-na-c2", "ovl-nb", "ovl-nb-c1", "ovl-nb-c2"),
                removed.stream().sorted().toList());
        assertEquals(List.of(), LabKernel.namespaces(PREFIX));
        for (String folder : ROOTS) {
            assertEquals(List.of(), LabKernel.filesUnder(folder), folder);
            assertFalse(Files.exists(Path.of(folder)), folder);
        }
    }

    @Test
    void aSecondCheckReusesContainersAndReportsAFailedCniCheck() {
        lab.up(config);
        fakeApply();
        LabReport first = lab.check(config);
        assertTrue(first.ok(), LabReportRenderer.render(first));
        String links = LabKernel.out("ip", "-n", "ovl-nb", "-o", "link", "show");

        LabKernel.out("ip", "-n", "ovl-nb-c1", "route", "del", "10.100.0.0/16");
        LabReport second = lab.check(config);
        System.out.println(LabReportRenderer.render(second));

        assertEquals(links, LabKernel.out("ip", "-n", "ovl-nb", "-o", "link", "show"), "no container was re-added");
        assertEquals(first.containers(), second.containers());
        assertEquals(1, second.problems().size(), String.join("\n", second.problems()));
        assertTrue(second.problems().get(0).startsWith("ovl-nb-c1: CNI CHECK of the bridge step failed"),
                second.problems().get(0));
        assertFalse(second.ok());
    }
}
