package dev.ovnet.cli;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ovnet.planner.desired.HostFacts;
import dev.ovnet.planner.model.Link;
import dev.ovnet.planner.model.Route;
import dev.ovnet.planner.net.Cidr;
import dev.ovnet.planner.net.Ipv4;
import dev.ovnet.planner.net.Mac;
import dev.ovnet.planner.plan.HostReading;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The saved plan's file, byte for byte: a plan written by an earlier ovnet must still read, and the same plan must
 * be the same bytes (its HMAC covers its one-line form). A damaged field is named by its path.
 */
class PlanFilesFormatTest {

    private static final String FILE = """
                {
                  "format_version" : 1,
                  "ovnet_version" : "0.1.0 (commit abc)",
                  "created" : "2026-01-02T03:04:05Z",
                  "config" : {
                    "path" : "/srv/lab.yaml",
                    "sha256" : "abababababababababababababababababababababababababababababababab"
                  },
                  "state" : {
                    "existed" : true,
                    "lineage" : "3f1c2a8e-5b7d-4c1e-9a0f-6d2b8e4c7a11",
                    "serial" : 7,
                    "hosts" : [ {
                      "name" : "node-1",
                      "lease" : "10.5.1.0/24",
                      "status" : "applied",
                      "applied_serial" : 7
                    } ]
                  },
                  "plan" : {
                    "destroy" : false,
                    "refreshed" : true,
                    "complete" : false,
                    "targets" : [ "node-*" ],
                    "target_hosts" : [ "node-1", "node-2" ],
                    "sha256" : "cdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcd"
                  },
                  "readings" : {
                    "node-1" : {
                      "facts" : {
                        "iface" : "eth0",
                        "mtu" : 1500,
                        "segment" : null,
                        "randomFully" : true,
                        "assumed" : true
                      },
                      "objects" : [ ]
                    },
                    "node-2" : {
                      "facts" : {
                        "iface" : "eth0",
                        "mtu" : 1500,
                        "segment" : "192.0.2.0/24",
                        "randomFully" : true,
                        "assumed" : false
                      },
                      "objects" : [ {
                        "kind" : "route",
                        "dst" : "10.5.2.0/24",
                        "via" : "192.0.2.12",
                        "dev" : "eth0",
                        "onlink" : true
                      }, {
                        "kind" : "link",
                        "name" : "flannel.1",
                        "type" : "vxlan",
                        "vni" : 1,
                        "local" : "192.0.2.11",
                        "dev" : "eth0",
                        "port" : 8472,
                        "mtu" : 1450,
                        "mac" : "0a:00:00:00:00:01"
                      } ]
                    }
                  },
                  "hmac_sha256" : "efefefefefefefefefefefefefefefefefefefefefefefefefefefefefefefef"
                }
                """;

    private static final ObjectMapper MAPPER = new ObjectMapper();

    @TempDir
    Path dir;

    private static SavedPlan plan() {
        HostReading reading = new HostReading(new HostFacts("eth0", 1500, Cidr.parse("192.0.2.0/24"), true, false),
                List.of(new Route(Cidr.parse("10.5.2.0/24"), Ipv4.parse("192.0.2.12"), "eth0", true),
                        Link.vxlan("flannel.1", 1, Ipv4.parse("192.0.2.11"), "eth0", 8472, 1450,
                                Mac.parse("0a:00:00:00:00:01"))));
        return new SavedPlan(1, "0.1.0 (commit abc)", "2026-01-02T03:04:05Z", Path.of("/srv/lab.yaml"),
                "ab".repeat(32), true, "3f1c2a8e-5b7d-4c1e-9a0f-6d2b8e4c7a11", 7,
                List.of(new SavedPlan.HostLine("node-1", "10.5.1.0/24", "applied", 7)), false, true, false,
                List.of("node-*"), Set.of("node-2", "node-1"), "cd".repeat(32),
                Map.of("node-2", reading, "node-1", new HostReading(HostFacts.assumed(null), List.of())),
                "ef".repeat(32));
    }

    @Test
    void aPlanIsWrittenAndReadInTheSameBytesAsBefore() throws Exception {
        Path file = dir.resolve("p.plan");
        PlanFiles.write(file, plan());
        assertEquals(FILE, Files.readString(file));
        assertEquals(plan(), PlanFiles.read(file));
        String unsigned = FILE.replaceFirst(",\\n  \"hmac_sha256\".*\n", "\n");
        String oneLine = MAPPER.writeValueAsString(MAPPER.readTree(unsigned));
        assertEquals(oneLine, new String(PlanFiles.content(plan()), StandardCharsets.UTF_8),
                "the HMAC covers the one-line form without the HMAC");
    }

    @Test
    void aDamagedFieldIsNamedByItsPath() throws Exception {
        assertAll(
                () -> assertDamaged("\"lease\" : \"10.5.1.0/24\"", "\"lease\" : 42",
                        "state.hosts[0].lease: must be a string, found 42"),
                () -> assertDamaged("\"destroy\" : false", "\"destroy\" : false, \"secret\" : 1",
                        "plan.secret: unknown field (not part of saved plan format version 1)"),
                () -> assertDamaged("\"kind\" : \"route\"", "\"kind\" : \"rule\"",
                        "readings.node-2.objects[0].kind: \"rule\" is not one of link, address, route, neighbour,"
                                + " fdb, sysctl, iptables, file, forwarder, wgkey, wgpeer"),
                () -> assertDamaged("\"mtu\" : 1450", "\"mtu\" : 1450.5",
                        "readings.node-2.objects[1].mtu: must be a whole number, found 1450.5"),
                () -> assertDamaged("\"serial\" : 7", "\"serial\" : null", "state.serial: must not be null"),
                () -> assertDamaged("\"created\" : \"2026-01-02T03:04:05Z\",", "", "created: missing"),
                () -> assertDamaged("\"iface\" : \"eth0\"", "\"iface\" : \"e#x\"",
                        "readings.node-1.facts.iface: \"e#x\" is not an interface name"
                                + " (up to 15 letters, digits, '_', '.' or '-')"),
                () -> assertDamaged(FILE, "[]", "the file: must be an object"));
    }

    private void assertDamaged(String from, String to, String problem) throws Exception {
        Path file = dir.resolve("damaged.plan");
        Files.writeString(file, FILE.replaceFirst(Pattern.quote(from), Matcher.quoteReplacement(to)));
        PlanFileException e = assertThrows(PlanFileException.class, () -> PlanFiles.read(file));
        assertEquals("cannot read the saved plan " + file + ": " + problem, e.getMessage());
    }
}
