package dev.ovnet.providers.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ovnet.planner.desired.FlannelFiles;
import dev.ovnet.planner.net.Cidr;
import java.util.List;
import org.junit.jupiter.api.Test;

class CniChainTest {

    private final CniChain chain = CniChain.parse("10-ovnet.conflist", FlannelFiles.cniConflist("demo",
            Cidr.parse("10.100.0.0/16"), Cidr.parse("10.100.50.0/24"), 1450, true));

    @Test
    void firstStepGetsNameVersionAndDataDirButNoPrevResult() throws Exception {
        JsonNode bridge = CniChain.JSON.readTree(chain.stdin(0, null, "/run/ovnet/netns/a/var/lib/ovnet-lab/hl"));

        assertEquals("bridge", bridge.path("type").asText());
        assertEquals("demo", bridge.path("name").asText());
        assertEquals("1.0.0", bridge.path("cniVersion").asText());
        assertEquals("/run/ovnet/netns/a/var/lib/ovnet-lab/hl", bridge.path("ipam").path("dataDir").asText());
        assertEquals("10.100.50.0/24", bridge.path("ipam").path("ranges").path(0).path(0).path("subnet").asText());
        assertFalse(bridge.has("prevResult"));
        assertFalse(bridge.has("runtimeConfig"));
    }

    @Test
    void portmapGetsEmptyPortMappingsAndThePreviousResult() throws Exception {
        JsonNode prev = CniChain.JSON.readTree("{\"cniVersion\":\"1.0.0\",\"ips\":[{\"address\":\"10.100.50.2/24\"}]}");

        JsonNode portmap = CniChain.JSON.readTree(chain.stdin(1, prev, "/x"));

        assertEquals("portmap", portmap.path("type").asText());
        assertTrue(portmap.path("runtimeConfig").path("portMappings").isArray());
        assertEquals(0, portmap.path("runtimeConfig").path("portMappings").size());
        assertEquals(prev, portmap.path("prevResult"));
        assertEquals("demo", portmap.path("name").asText());
    }

    @Test
    void deleteRunsInReverseOrder() {
        assertEquals(List.of(1, 0), chain.deleteOrder());
        assertEquals(0, chain.indexOf("bridge"));
        assertEquals(-1, chain.indexOf("flannel"));
    }

    @Test
    void aPluginTypeThatIsAPathIsRefused() {
        String evil = "{\"cniVersion\":\"1.0.0\",\"name\":\"x\",\"plugins\":[{\"type\":\"../../bin/sh\"}]}";

        assertThrows(LabException.class, () -> CniChain.parse("evil.conflist", evil));
    }

    @Test
    void aSinglePluginConfigIsNotAList() {
        LabException e = assertThrows(LabException.class, () -> CniChain.parse("x.conf",
                "{\"cniVersion\":\"1.0.0\",\"name\":\"x\",\"type\":\"bridge\"}"));

        assertTrue(e.getMessage().contains("x.conf"), e.getMessage());
    }
}
