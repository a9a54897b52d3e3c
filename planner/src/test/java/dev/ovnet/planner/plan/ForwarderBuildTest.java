package dev.ovnet.planner.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ovnet.planner.config.NetworkConfig;
import dev.ovnet.planner.model.Forwarder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The forwarder restarts for a new build or new settings, and only reloads for new peers. */
class ForwarderBuildTest {

    private static final NetworkConfig TWO = FakeHosts.config("udp", "node-1", "node-2");

    /** Per host, how its forwarder changes: "update", "replace: reason", "create" or "delete". */
    private static Map<String, String> forwarderChanges(Plan plan) {
        Map<String, String> out = new TreeMap<>();
        for (HostPlan hp : plan.hosts()) {
            List<Change> changes = new ArrayList<>();
            hp.forEachChange(changes::add);
            for (Change c : changes) {
                if (c.key().kind().equals("forwarder")) {
                    out.put(hp.host(), c instanceof Change.Replace r ? "replace: " + r.reason()
                            : c.action().name().toLowerCase(java.util.Locale.ROOT));
                }
            }
        }
        return out;
    }

    private static FakeHosts appliedWith(String build) {
        FakeHosts hosts = new FakeHosts();
        hosts.apply(hosts.plan(TWO, build, true));
        return hosts;
    }

    @Test
    void theSameBuildChangesNothingAndTheRunningBuildIsRecorded() {
        FakeHosts hosts = appliedWith("build-1");
        assertFalse(hosts.plan(TWO, "build-1", true).hasChanges());
        assertFalse(hosts.plan(TWO, "build-1", false).hasChanges());
        Forwarder running = (Forwarder) hosts.objects.get("node-1").stream().filter(o -> o instanceof Forwarder)
                .findFirst().orElseThrow();
        assertEquals("build-1", running.build());
        assertEquals("build-1", hosts.state.host("node-1").orElseThrow().facts().forwarderBuild());
    }

    @Test
    void aNewBuildRestartsEveryForwarderWithOrWithoutRefresh() {
        FakeHosts hosts = appliedWith("build-1");
        Map<String, String> restart = Map.of("node-1", "replace: binary changed, restart",
                "node-2", "replace: binary changed, restart");
        assertEquals(restart, forwarderChanges(hosts.plan(TWO, "build-2", true)));
        assertEquals(restart, forwarderChanges(hosts.plan(TWO, "build-2", false)));
        hosts.apply(hosts.plan(TWO, "build-2", true));
        assertFalse(hosts.plan(TWO, "build-2", true).hasChanges());
    }

    @Test
    void anUnknownBuildKeepsTheRecordedOne() {
        FakeHosts hosts = appliedWith("build-1");
        assertFalse(hosts.plan(TWO, null, true).hasChanges());
        assertFalse(hosts.plan(TWO, null, false).hasChanges());
    }

    @Test
    void aNewPeerIsAReloadAndANewPortARestart() {
        FakeHosts hosts = appliedWith("build-1");
        NetworkConfig three = FakeHosts.config("udp", "node-1", "node-2", "node-3");
        assertEquals(Map.of("node-1", "update", "node-2", "update", "node-3", "create"),
                forwarderChanges(hosts.plan(three, "build-1", true)));

        NetworkConfig otherPort = dev.ovnet.planner.config.ConfigParser.parse("ovnet.yaml", "network:\n  name: t\n"
                + "  pool: 10.100.0.0/16\n  backend:\n    type: udp\n    port: 8300\nhosts:\n"
                + "  - {name: node-1, address: 192.0.2.11}\n  - {name: node-2, address: 192.0.2.12}\n");
        assertEquals(Map.of("node-1", "replace: settings changed, restart",
                "node-2", "replace: settings changed, restart"), forwarderChanges(hosts.plan(otherPort, "build-2", true)));
    }
}
