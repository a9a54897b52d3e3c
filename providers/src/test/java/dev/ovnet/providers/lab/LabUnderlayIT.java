package dev.ovnet.providers.lab;

import static dev.ovnet.providers.lab.LabConfigs.netnsHost;
import static dev.ovnet.providers.lab.LabConfigs.network;
import static dev.ovnet.providers.lab.LabConfigs.segments;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ovnet.planner.config.ContainerRuntime;
import dev.ovnet.planner.config.NetworkConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The simulated hosts and their underlay, checked with real pings between the hosts' underlay addresses. */
@Tag("privileged")
class LabUnderlayIT {

    private static final String PREFIX = "ovl-u";
    private final LabManager lab = new LabManager(LabOptions.defaults().withSwitchNamespace("ovl-u-sw"),
            LabListener.SILENT);

    private final NetworkConfig oneSegment = network("ovl-u", ContainerRuntime.DOCKER, null,
            netnsHost("ovl-u1", "192.0.2.11"), netnsHost("ovl-u2", "192.0.2.12"), netnsHost("ovl-u3", "192.0.2.13"));

    private final NetworkConfig twoSegments = network("ovl-u", ContainerRuntime.DOCKER,
            segments(1, "192.0.2.0/24", "198.51.100.0/24"),
            netnsHost("ovl-u1", "192.0.2.11"), netnsHost("ovl-u2", "198.51.100.12"),
            netnsHost("ovl-u3", "198.51.100.13"));

    @AfterEach
    void cleanUp() throws Exception {
        try {
            lab.down(oneSegment);
        } finally {
            LabKernel.forceClean(PREFIX, "/run/ovnet/netns/ovl-u1", "/run/ovnet/netns/ovl-u2",
                    "/run/ovnet/netns/ovl-u3");
        }
    }

    @Test
    void threeHostsOnOneSegmentReachEachOtherAndUpTwiceChangesNothing() throws Exception {
        String root = LabKernel.rootSnapshot();

        LabStatus status = lab.up(oneSegment);

        assertTrue(status.up(), status.describe());
        assertEquals(List.of("ovl-u-sw", "ovl-u1", "ovl-u2", "ovl-u3"), LabKernel.namespaces(PREFIX).stream().sorted()
                .toList());
        for (String from : List.of("ovl-u1", "ovl-u2", "ovl-u3")) {
            for (String to : List.of("192.0.2.11", "192.0.2.12", "192.0.2.13")) {
                assertNotNull(LabKernel.ping(from, to), from + " -> " + to);
            }
        }
        assertTrue(LabKernel.out("ip", "-n", "ovl-u2", "-4", "addr", "show", "dev", "eth0")
                .contains("inet 192.0.2.12/24"));
        assertTrue(LabKernel.out("ip", "-n", "ovl-u2", "link", "show", "dev", "eth0").contains("mtu 1500"));
        assertTrue(LabKernel.out("ip", "-n", "ovl-u-sw", "link", "show", "dev", "p-ovl-u2").contains("master br0"));
        assertTrue(Files.isDirectory(Path.of("/run/ovnet/netns/ovl-u3")));

        String switchLinks = LabKernel.out("ip", "-n", "ovl-u-sw", "-o", "link", "show");
        String hostLinks = LabKernel.out("ip", "-n", "ovl-u1", "-o", "addr", "show");
        lab.up(oneSegment);
        assertEquals(switchLinks, LabKernel.out("ip", "-n", "ovl-u-sw", "-o", "link", "show"));
        assertEquals(hostLinks, LabKernel.out("ip", "-n", "ovl-u1", "-o", "addr", "show"));

        assertEquals(root, LabKernel.rootSnapshot(), "the root namespace must not change");
    }

    @Test
    void upRepairsAHostWhoseUnderlayInterfaceWasDeleted() {
        lab.up(oneSegment);
        LabKernel.out("ip", "-n", "ovl-u2", "link", "del", "eth0");
        assertNull(LabKernel.ping("ovl-u1", "192.0.2.12"));

        lab.up(oneSegment);

        assertNotNull(LabKernel.ping("ovl-u1", "192.0.2.12"));
    }

    @Test
    void hostsOnTwoSegmentsReachEachOtherThroughTheRouter() {
        String root = LabKernel.rootSnapshot();

        lab.up(twoSegments);

        assertTrue(LabKernel.out("ip", "-n", "ovl-u1", "route", "show", "default").contains("via 192.0.2.1"));
        assertTrue(LabKernel.out("ip", "-n", "ovl-u-sw", "-4", "addr", "show", "dev", "br1")
                .contains("198.51.100.1/24"));
        String across = LabKernel.ping("ovl-u1", "198.51.100.12");
        assertNotNull(across, "ovl-u1 -> ovl-u2 through the router");
        assertTrue(across.contains("ttl=63"), "one router hop: " + across);
        assertNotNull(LabKernel.ping("ovl-u3", "192.0.2.11"), "ovl-u3 -> ovl-u1 through the router");
        String same = LabKernel.ping("ovl-u2", "198.51.100.13");
        assertNotNull(same, "ovl-u2 -> ovl-u3 on one segment");
        assertTrue(same.contains("ttl=64"), "no router on one segment: " + same);
        assertEquals(root, LabKernel.rootSnapshot(), "the root namespace must not change");
    }

    @Test
    void upAfterTheFileDroppedASegmentRebuildsTheLabAsTheFileSays() {
        lab.up(twoSegments);

        lab.up(oneSegment);

        assertFalse(LabKernel.run("ip", "-n", "ovl-u-sw", "link", "show", "dev", "br1").ok(), "br1 is gone");
        assertFalse(LabKernel.out("ip", "-n", "ovl-u-sw", "-4", "addr", "show").contains("192.0.2.1/24"));
        assertEquals("", LabKernel.out("ip", "-n", "ovl-u1", "route", "show", "default"));
        assertEquals(List.of("192.0.2.12/24"), List.of(LabKernel.out("ip", "-n", "ovl-u2", "-4", "-o", "addr", "show",
                "dev", "eth0").split("\\s+")[3]));
        assertTrue(LabKernel.out("ip", "-n", "ovl-u-sw", "link", "show", "dev", "p-ovl-u2").contains("master br0"));
        assertNotNull(LabKernel.ping("ovl-u1", "192.0.2.12"));
        assertNotNull(LabKernel.ping("ovl-u3", "192.0.2.12"));
    }

    @Test
    void downRemovesEverythingAndCanRunAgain() throws Exception {
        lab.up(oneSegment);
        assertTrue(lab.status(oneSegment).up());

        List<String> removed = lab.down(oneSegment);

        assertEquals(List.of("ovl-u-sw", "ovl-u1", "ovl-u2", "ovl-u3"), removed.stream().sorted().toList());
        assertEquals(List.of(), LabKernel.namespaces(PREFIX));
        assertFalse(Files.exists(Path.of("/run/ovnet/netns/ovl-u1")));
        assertTrue(lab.status(oneSegment).down());
        assertEquals(List.of(), lab.down(oneSegment));
    }

    @Test
    void checkOnALabThatIsNotUpSaysSo() {
        LabException e = assertThrows(LabException.class, () -> lab.check(oneSegment));

        assertEquals("lab is not up", e.getMessage());
        assertEquals("run `ovnet lab up -f FILE`", e.hint());
    }
}
