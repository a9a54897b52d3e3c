package dev.ovnet.providers.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ovnet.planner.plan.HostReading;
import dev.ovnet.planner.state.HostStatus;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class AgentReportTest {

    @Test
    void aReportWithWhatItsAgentReadComesBackAsWritten() {
        HostReading reading = new HostReading(StateFixtures.host(2, HostStatus.APPLIED,
                null).facts(), StateFixtures.everyKind(StateFixtures.ROOT_2));
        AgentReport report = new AgentReport("node-2", "applied", 7, "2026-12-07T09:15:18Z", 3,
                "2026-12-07T09:15:08Z create route 10.100.2.0/24", null, "0.1.0", reading);
        AgentReport back = AgentReport.decode(report.encode(), "k");
        assertEquals(report, back);
        String json = new String(report.encode(), StandardCharsets.UTF_8);
        assertTrue(json.startsWith("{\"host\":\"node-2\",\"status\":\"applied\",\"serial\":7,"), json);
    }

    @Test
    void aWaitingAgentReportsNoReading() {
        AgentReport waiting = new AgentReport("node-2", "waiting for network demo to be recorded", 0, null, 0, null,
                null, "0.1.0", null);
        assertNull(AgentReport.decode(waiting.encode(), "k").reading());
    }

    @Test
    void whatIsNotAReportIsRefusedNamingItsKey() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> AgentReport.decode("{\"host\":1}".getBytes(StandardCharsets.UTF_8), "/p/agents/x"));
        assertTrue(e.getMessage().contains("/p/agents/x"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> AgentReport.decode("not json".getBytes(
                StandardCharsets.UTF_8), "/p/agents/x"));
    }
}
