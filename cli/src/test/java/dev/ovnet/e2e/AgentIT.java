package dev.ovnet.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Agents against a real etcd, each running inside its lab host's namespace: they wait for their network, report
 * the serial they applied, repair what is removed by hand with no ovnet command run, survive etcd going away, and
 * a killed agent leaves the data plane working while its report expires.
 */
@Tag("etcd")
@Tag("e2e")
class AgentIT {

    /**
     * How long a test waits for a repair: well under the agent's periodic full check (10 s), so a repair seen in
     * time came from the kernel monitor; the time itself (about 0.1 s) is measured by bench/agents, not here.
     */
    private static final Duration REPAIR = Duration.ofSeconds(5);

    private static long serial(AgentLab agents) throws Exception {
        Ovnet.Result show = agents.ovnet("show", "--json");
        assertEquals(0, show.exit(), show::toString);
        return new ObjectMapper().readTree(show.out()).get("serial").asLong();
    }

    /** A bridge's operational state changes with its ports' traffic, not with anything ovnet does. */
    private static String withoutCarrier(String fingerprint) {
        return fingerprint.replaceAll(" state (UP|UNKNOWN|DOWN) ", " ");
    }

    @Test
    void agentsWaitThenFollowTheNetworkAndRepairDriftWithNoOvnetCommand() throws Exception {
        String p = "oag-d";
        try (AgentLab agents = new AgentLab(p, AgentLab.yaml(p, "agent", "agent", "agent"))) {
            agents.up();
            for (int i = 1; i <= 3; i++) {
                agents.startAgent(AgentLab.host(p, i));
            }
            String a = AgentLab.host(p, 1);
            AgentLab.await(Duration.ofSeconds(30), () -> agents.agentLog(a).contains("waiting for network"),
                    () -> "agent did not wait: " + agents.agentLog(a));
            Ovnet.Result apply = agents.ovnet("apply", "--auto-approve");
            assertEquals(0, apply.exit(), apply::toString);
            assertTrue(apply.out().contains("Apply complete!"), apply::toString);
            long serial = serial(agents);
            for (int i = 1; i <= 3; i++) {
                JsonNode report = agents.awaitReport(AgentLab.host(p, i), serial, Duration.ofSeconds(30));
                assertEquals("applied", report.get("status").asText(), report::toString);
                assertTrue(report.get("last_error").isNull(), report::toString);
            }
            assertTrue(agents.lab.ovnet("lab", "check").out().contains("6/6 pairs reachable"));

            // a route, a neighbour and an fdb entry removed by hand come back
            String routes = Lab.in(a, "ip", "route", "show", "dev", "flannel.1").out();
            String neighbours = Lab.in(a, "ip", "neigh", "show", "dev", "flannel.1", "nud", "permanent").out();
            String fdb = Lab.in(a, "bridge", "fdb", "show", "dev", "flannel.1").out();
            String route = routes.lines().findFirst().orElseThrow().split(" ")[0];
            String neighbour = neighbours.lines().findFirst().orElseThrow().split(" ")[0];
            String[] entry = fdb.lines().filter(l -> l.contains("permanent")).findFirst().orElseThrow().split(" ");
            assertEquals(0, Lab.in(a, "ip", "route", "del", route, "dev", "flannel.1").exit());
            assertEquals(0, Lab.in(a, "ip", "neigh", "del", neighbour, "dev", "flannel.1").exit());
            String dst = entry[java.util.Arrays.asList(entry).indexOf("dst") + 1];
            assertEquals(0, Lab.in(a, "bridge", "fdb", "del", entry[0], "dev", "flannel.1", "dst", dst, "self")
                    .exit());
            long removed = System.nanoTime();
            AgentLab.await(REPAIR, () -> Lab.in(a, "ip", "route", "show", "dev", "flannel.1").out().equals(routes)
                    && Lab.in(a, "ip", "neigh", "show", "dev", "flannel.1", "nud", "permanent").out().lines()
                            .sorted().toList().equals(neighbours.lines().sorted().toList())
                    && Lab.in(a, "bridge", "fdb", "show", "dev", "flannel.1").out().lines().filter(l ->
                            l.contains("permanent")).sorted().toList().equals(fdb.lines().filter(l ->
                            l.contains("permanent")).sorted().toList()),
                    () -> "not repaired:\n" + agents.agentLog(a));
            long repairMillis = (System.nanoTime() - removed) / 1_000_000;
            JsonNode report = agents.report(a).orElseThrow();
            assertTrue(report.get("drift_repaired").asLong() >= 1, report::toString);
            assertTrue(agents.agentLog(a).contains("repaired drift"), agents.agentLog(a));
            System.out.println("route, neighbour and fdb entry repaired in " + repairMillis + " ms");

            // the whole device of another host removed by hand: rebuilt with everything on it
            String b = AgentLab.host(p, 2);
            assertEquals(0, Lab.in(b, "ip", "link", "del", "flannel.1").exit());
            AgentLab.await(REPAIR, () -> Lab.in(b, "ip", "route", "show", "dev", "flannel.1").out().lines().count()
                    == 2, () -> "device not rebuilt:\n" + agents.agentLog(b));
            AgentLab.await(Duration.ofSeconds(10), () -> agents.lab.ovnet("lab", "check").out()
                    .contains("6/6 pairs reachable"), new Object() {
                        @Override
                        public String toString() {
                            return "not reachable after the repair: " + agents.lab.ovnet("lab", "check") + "\n"
                                    + Lab.listings(b) + agents.agentLog(b);
                        }
                    });
            Ovnet.Result plan = agents.ovnet("plan", "--detailed-exitcode");
            assertEquals(0, plan.exit(), plan::toString);

            // SIGKILL: the data plane keeps working and the report expires with its lease
            String c = AgentLab.host(p, 3);
            agents.killAgent(c);
            assertTrue(agents.lab.ovnet("lab", "check").out().contains("6/6 pairs reachable"));
            AgentLab.await(Duration.ofSeconds(15), () -> agents.report(c).isEmpty(),
                    "the killed agent's report did not expire");
            assertTrue(agents.report(a).isPresent());
        }
    }

    @Test
    void whileEtcdIsGoneTheHostStaysAndAfterwardsTheAgentsConverge() throws Exception {
        String p = "oag-e";
        try (AgentLab agents = new AgentLab(p, AgentLab.yaml(p, "agent", "agent"))) {
            agents.up();
            String a = AgentLab.host(p, 1);
            String b = AgentLab.host(p, 2);
            agents.startAgent(a);
            agents.startAgent(b);
            AgentLab.await(Duration.ofSeconds(30), () -> agents.report(a).isPresent() && agents.report(b).isPresent(),
                    () -> "no report: " + agents.agentLog(a));
            assertEquals(0, agents.ovnet("apply", "--auto-approve").exit());
            agents.awaitReport(a, serial(agents), Duration.ofSeconds(30));
            assertTrue(agents.lab.ovnet("lab", "check").out().contains("2/2 pairs reachable"));
            String before = withoutCarrier(Lab.fingerprint(a));

            agents.killEtcd();
            Thread.sleep(2000);
            assertTrue(agents.lab.ovnet("lab", "check").out().contains("2/2 pairs reachable"));
            // drift is still repaired from the last state the agent accepted
            String route = Lab.in(a, "ip", "route", "show", "dev", "flannel.1").out().lines().findFirst()
                    .orElseThrow().split(" ")[0];
            assertEquals(0, Lab.in(a, "ip", "route", "del", route, "dev", "flannel.1").exit());
            AgentLab.await(REPAIR, () -> Lab.in(a, "ip", "route", "show", "dev", "flannel.1").out().contains(route),
                    () -> "not repaired while etcd is away:\n" + agents.agentLog(a));
            assertEquals(before, withoutCarrier(Lab.fingerprint(a)));
            // its report of that repair cannot be written: the agent says so, and goes on
            AgentLab.await(Duration.ofSeconds(20), () -> agents.agentLog(a).contains("keeping the host as it is"),
                    () -> agents.agentLog(a));

            agents.startEtcd();
            // a state it cannot read is refused, reported, and changes nothing; the good one is followed again
            byte[] good = agents.get(agents.stateKey()).orElseThrow();
            agents.put(agents.stateKey(), "{\"version\": 1, \"lineage\": 7}".getBytes(StandardCharsets.UTF_8));
            AgentLab.await(Duration.ofSeconds(20), () -> agents.report(a).map(r -> r.get("last_error").asText())
                    .orElse("").contains("refused the recorded state"), () -> "not refused:\n" + agents.agentLog(a));
            assertEquals(before, withoutCarrier(Lab.fingerprint(a)));
            agents.put(agents.stateKey(), good);
            AgentLab.await(Duration.ofSeconds(10), () -> agents.report(a).map(r -> r.get("last_error").isNull())
                    .orElse(false), () -> "the good state was not taken again:\n" + agents.agentLog(a));
            // so is an older serial of the same state (a restored old copy): the host keeps the newer one
            long applied = agents.report(a).orElseThrow().get("serial").asLong();
            String older = new String(good, StandardCharsets.UTF_8).replaceFirst("\"serial\":\\d+",
                    "\"serial\":" + (applied - 1)).replaceFirst("\"ipMasq\":true", "\"ipMasq\":false");
            agents.put(agents.stateKey(), older.getBytes(StandardCharsets.UTF_8));
            AgentLab.await(Duration.ofSeconds(20), () -> agents.report(a).map(r -> r.get("last_error").asText())
                    .orElse("").contains("is older than serial " + applied), () -> "older serial not refused:\n"
                    + agents.agentLog(a));
            assertEquals(before, withoutCarrier(Lab.fingerprint(a)));
            agents.put(agents.stateKey(), good);
            AgentLab.await(Duration.ofSeconds(10), () -> agents.report(a).map(r -> r.get("last_error").isNull())
                    .orElse(false), () -> "the good state was not taken again:\n" + agents.agentLog(a));

            // a change made after etcd is back reaches both hosts through their agents
            agents.lab.write(AgentLab.yaml(p, "agent", "agent").replace("pool: 10.100.0.0/16",
                    "pool: 10.100.0.0/16\n  mtu: 1300"));
            assertEquals(0, agents.ovnet("apply", "--auto-approve").exit());
            long serial = serial(agents);
            for (String h : new String[] {a, b}) {
                JsonNode report = agents.awaitReport(h, serial, Duration.ofSeconds(30));
                assertTrue(report.get("last_error").isNull(), report::toString);
            }
            assertTrue(Lab.in(a, "ip", "link", "show", "flannel.1").out().contains("mtu 1300"));
            assertTrue(Lab.in(b, "ip", "link", "show", "flannel.1").out().contains("mtu 1300"));
        }
    }

    @Test
    void agentHostsAreAppliedThroughTheirAgentsAndJoinAndLeaveAMixedNetwork() throws Exception {
        String p = "oag-m";
        String a = AgentLab.host(p, 1);
        String b = AgentLab.host(p, 2);
        String c = AgentLab.host(p, 3);
        String d = AgentLab.host(p, 4);
        try (AgentLab agents = new AgentLab(p, AgentLab.yaml(p, "agent", "agent", "netns", "agent"))) {
            agents.up();
            // d's agent runs before d is in the file: it waits
            agents.lab.write(AgentLab.yaml(p, "agent", "agent", "netns", null));
            for (String h : new String[] {a, b, d}) {
                agents.startAgent(h);
            }
            AgentLab.await(Duration.ofSeconds(30), () -> agents.report(a).isPresent() && agents.report(b).isPresent(),
                    () -> "no agent reported: " + agents.agentLog(a));
            Ovnet.Result apply = agents.ovnet("apply", "--auto-approve");
            assertEquals(0, apply.exit(), apply::toString);
            assertTrue(apply.out().contains("agent host(s) to report serial"), apply::toString);
            assertTrue(apply.out().contains(a + " : ok=") && apply.out().contains(c + " : ok="), apply::toString);
            assertTrue(agents.lab.ovnet("lab", "check").out().contains("6/6 pairs reachable"));
            // plan reads the agent hosts from their reports: nothing to do
            Ovnet.Result plan = agents.ovnet("plan", "--detailed-exitcode");
            assertEquals(0, plan.exit(), plan::toString);

            // a host joins
            agents.lab.write(AgentLab.yaml(p, "agent", "agent", "netns", "agent"));
            Ovnet.Result join = agents.ovnet("apply", "--auto-approve");
            assertEquals(0, join.exit(), () -> join + agents.agentLog(d));
            assertTrue(agents.lab.ovnet("lab", "check").out().contains("12/12 pairs reachable"));

            // a host leaves: its agent removes what ovnet made there
            agents.lab.write(AgentLab.yaml(p, "agent", null, "netns", "agent"));
            Ovnet.Result leave = agents.ovnet("apply", "--auto-approve");
            assertEquals(0, leave.exit(), leave::toString);
            AgentLab.await(Duration.ofSeconds(10), () -> Lab.in(b, "ip", "link", "show", "flannel.1").exit() != 0,
                    () -> "b still holds flannel.1:\n" + agents.agentLog(b));
            assertTrue(agents.lab.ovnet("lab", "check").out().contains("6/6 pairs reachable"));

            // an agent host whose agent is gone: apply waits, then says so (exit 3); plan cannot read it (exit 1)
            agents.killAgent(d);
            AgentLab.await(Duration.ofSeconds(15), () -> agents.report(d).isEmpty(), "d's report did not expire");
            agents.lab.write(AgentLab.yaml(p, "agent", null, "netns", "agent").replace("pool: 10.100.0.0/16",
                    "pool: 10.100.0.0/16\n  mtu: 1300"));
            Ovnet.Result partial = agents.ovnet("plan");
            assertEquals(1, partial.exit(), partial::toString);
            assertTrue((partial.out() + partial.err()).contains(d), partial::toString);

            Ovnet.Result timedOut = agents.ovnet("apply", "--auto-approve", "--agent-timeout", "2s");
            assertEquals(3, timedOut.exit(), timedOut::toString);
            assertTrue(timedOut.err().contains(d + " is unreachable"), timedOut::toString);

            // d's agent back: it catches up on its own; then destroy, and every agent removes its host's objects
            agents.startAgent(d);
            agents.awaitReport(d, serial(agents), Duration.ofSeconds(30));
            assertTrue(Lab.in(d, "ip", "link", "show", "flannel.1").out().contains("mtu 1300"));
            Ovnet.Result destroy = agents.ovnet("destroy", "--auto-approve");
            assertEquals(0, destroy.exit(), destroy::toString);
            for (String h : new String[] {a, c, d}) {
                assertTrue(Lab.in(h, "ip", "link", "show", "flannel.1").exit() != 0, h + " still holds flannel.1:\n"
                        + agents.agentLog(h));
            }
        }
    }

    @Test
    void udpAgentsReloadTheirForwardersPeersWithoutRestartingThem() throws Exception {
        String p = "oag-u";
        String a = AgentLab.host(p, 1);
        String yaml3 = AgentLab.yaml(p, "agent", "agent", "agent").replace("type: vxlan", "type: udp");
        try (AgentLab agents = new AgentLab(p, yaml3)) {
            agents.up();
            agents.lab.write(AgentLab.yaml(p, "agent", "agent", null).replace("type: vxlan", "type: udp"));
            for (int i = 1; i <= 3; i++) {
                agents.startAgent(AgentLab.host(p, i));
            }
            AgentLab.await(Duration.ofSeconds(30), () -> agents.report(a).isPresent()
                    && agents.report(AgentLab.host(p, 2)).isPresent(), () -> "no report: " + agents.agentLog(a));
            Ovnet.Result apply = agents.ovnet("apply", "--auto-approve");
            assertEquals(0, apply.exit(), apply::toString);
            assertTrue(agents.lab.ovnet("lab", "check").out().contains("2/2 pairs reachable"));
            Path pidFile = Path.of("/run/ovnet/netns/" + a + "/run/ovnet/flannel0.pid");
            String pid = Files.readString(pidFile).trim();

            agents.lab.write(yaml3);
            Ovnet.Result join = agents.ovnet("apply", "--auto-approve");
            assertEquals(0, join.exit(), join::toString);
            AgentLab.await(Duration.ofSeconds(10), () -> agents.lab.ovnet("lab", "check").out()
                    .contains("6/6 pairs reachable"), () -> "not reachable:\n" + agents.agentLog(a));
            assertEquals(pid, Files.readString(pidFile).trim(), "the forwarder of " + a + " was restarted");
        }
    }
}
