package dev.ovnet.forwarder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The TUN device as apply leaves it: a persistent flannel0 made with {@code ip tuntap add} (no vnet_hdr),
 * addressed, routed and up before the forwarder starts. The forwarder attaches to it in either mode (offload
 * attaches with IFF_VNET_HDR all the same), sizes its queue, and leaves the device in place when it stops.
 */
@Tag("forwarder")
class ForwarderDeviceIT {

    private Lab lab;

    @AfterEach
    void tearDown() {
        if (lab != null) {
            lab.close();
        }
    }

    @ParameterizedTest(name = "plain={0}")
    @ValueSource(booleans = {false, true})
    void attachesToThePersistentDeviceThatApplyCreated(boolean plain) throws Exception {
        lab = Lab.up(1472);
        String[][] hosts = {{Lab.A, "10.5.1.0/32"}, {Lab.B, "10.5.2.0/32"}};
        for (String[] h : hosts) {
            Sh.ok("ip", "-n", h[0], "tuntap", "add", "dev", "flannel0", "mode", "tun");
            Sh.ok("ip", "-n", h[0], "addr", "add", h[1], "dev", "flannel0");
            Sh.ok("ip", "-n", h[0], "link", "set", "flannel0", "mtu", "1472", "up");
            Sh.ok("ip", "-n", h[0], "route", "add", Lab.POOL, "dev", "flannel0");
        }
        String[] mode = plain ? new String[] {"--plain"} : new String[0];
        ForwarderProcess a = lab.forwarder(Lab.A, mode);
        lab.forwarder(Lab.B, mode);
        assertEquals(plain ? "plain" : "offload", a.stats().path("mode").asText());
        assertTrue(ForwarderSafetyIT.ping(Lab.AC, "10.5.2.2", 3).contains(" 0% packet loss"));
        String link = Sh.ok("ip", "-n", Lab.A, "link", "show", "flannel0");
        assertTrue(link.contains("qlen 5000"), link);
        assertTrue(link.contains("mtu 1472"), link);
        assertEquals(0, a.stop());
        assertTrue(Sh.ok("ip", "-n", Lab.A, "-d", "link", "show", "flannel0").contains("tun type tun"));
    }
}
