package dev.ovnet.providers.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ovnet.planner.net.Ipv4;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LabReportRendererTest {

    private static final LabContainer A = new LabContainer("a", "a-c1", "ovl-a-c1", Ipv4.parse("10.100.1.2"));
    private static final LabContainer B = new LabContainer("b", "b-c1", "ovl-b-c1", Ipv4.parse("10.100.2.2"));
    private static final LabContainer C = new LabContainer("c", "c-c1", "ovl-c-c1", Ipv4.parse("10.100.3.2"));

    private static LabReport report(List<String> failing) {
        List<LabReport.Probe> probes = new ArrayList<>();
        for (LabContainer from : List.of(A, B, C)) {
            for (LabContainer to : List.of(A, B, C)) {
                if (from != to) {
                    boolean fails = failing.contains(from.label() + ">" + to.label());
                    probes.add(new LabReport.Probe(from, to, fails
                            ? new PingResult(3, 0, Double.NaN, "connect: Network is unreachable")
                            : new PingResult(3, 3, 0.061, "3/3 replies")));
                }
            }
        }
        return new LabReport(List.of(A, B, C), probes, List.of());
    }

    @Test
    void allReachableEndsWithTheCountLine() {
        LabReport report = report(List.of());
        String text = LabReportRenderer.render(report);

        assertTrue(report.allReachable());
        assertTrue(report.ok());
        assertTrue(text.endsWith("lab check: 6/6 pairs reachable\n"), text);
        assertTrue(text.contains("a-c1       a     10.100.1.2"), text);
        String row = text.lines().filter(l -> l.startsWith("a-c1 ") && l.contains("ms")).findFirst().orElseThrow();
        assertEquals("a-c1              -  0.061 ms  0.061 ms", row);
    }

    @Test
    void unreachablePairsAreMarkedAndListed() {
        LabReport report = report(List.of("a-c1>c-c1", "c-c1>a-c1"));
        String text = LabReportRenderer.render(report);

        assertFalse(report.allReachable());
        assertEquals(4, report.reachableCount());
        assertTrue(text.endsWith("lab check: 4/6 pairs reachable; unreachable: a-c1 -> c-c1, c-c1 -> a-c1\n"), text);
        assertTrue(text.contains("unreachable: a-c1 -> c-c1 (10.100.3.2): connect: Network is unreachable"), text);
        String row = text.lines().filter(l -> l.startsWith("c-c1 ") && l.contains("FAIL")).findFirst().orElseThrow();
        assertEquals("c-c1           FAIL  0.061 ms         -", row);
    }

    @Test
    void aProblemFailsTheReportEvenWhenEveryPairAnswers() {
        LabReport base = report(List.of());
        LabReport report = new LabReport(base.containers(), base.probes(), List.of("a-c1: CNI CHECK failed"));

        assertTrue(report.allReachable());
        assertFalse(report.ok());
        String text = LabReportRenderer.render(report);
        assertTrue(text.contains("problem: a-c1: CNI CHECK failed"), text);
        assertTrue(text.endsWith("lab check: 6/6 pairs reachable; 1 problem\n"), text);
    }
}
