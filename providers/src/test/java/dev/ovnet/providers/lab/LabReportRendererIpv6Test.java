package dev.ovnet.providers.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ovnet.planner.net.Ipv4;
import dev.ovnet.planner.net.Ipv6;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A dual-stack lab check: one matrix per family, and the last line counts each family. */
class LabReportRendererIpv6Test {

    private static final LabContainer A = new LabContainer("a", "a-c1", "o6-a-c1", Ipv4.parse("10.100.1.2"),
            Ipv6.parse("fd10:100:0:1::2"));
    private static final LabContainer B = new LabContainer("b", "b-c1", "o6-b-c1", Ipv4.parse("10.100.2.2"),
            Ipv6.parse("fd10:100:0:2::2"));

    private static LabReport report(boolean ipv6Fails) {
        List<LabReport.Probe> probes = new ArrayList<>();
        for (boolean ipv6 : new boolean[] {false, true}) {
            probes.add(new LabReport.Probe(A, B, new PingResult(3, 3, 0.05, "3/3 replies"), ipv6));
            probes.add(new LabReport.Probe(B, A, ipv6 && ipv6Fails
                    ? new PingResult(3, 0, Double.NaN, "Destination unreachable") : new PingResult(3, 3, 0.05, "ok"),
                    ipv6));
        }
        return new LabReport(List.of(A, B), probes, List.of());
    }

    @Test
    void eachFamilyHasItsMatrixAndItsCount() {
        LabReport report = report(false);
        String text = LabReportRenderer.render(report);
        assertTrue(report.dualStack());
        assertTrue(text.contains("a-c1       a     10.100.1.2  fd10:100:0:1::2\n"), text);
        assertTrue(text.contains("\nIPv4\nfrom \\ to"), text);
        assertTrue(text.contains("\nIPv6\nfrom \\ to"), text);
        assertTrue(text.endsWith("lab check: 4/4 pairs reachable (IPv4 2/2, IPv6 2/2)\n"), text);
    }

    @Test
    void aPairThatFailsInOneFamilyOnlyIsNamedWithItsFamily() {
        LabReport report = report(true);
        String text = LabReportRenderer.render(report);
        assertFalse(report.ok());
        assertEquals(3, report.reachableCount());
        assertTrue(text.contains("unreachable: b-c1 -> a-c1 (IPv6) (fd10:100:0:1::2): Destination unreachable"), text);
        assertTrue(text.endsWith("lab check: 3/4 pairs reachable (IPv4 2/2, IPv6 1/2); unreachable: b-c1 -> a-c1"
                + " (IPv6)\n"), text);
        String row = text.substring(text.indexOf("\nIPv6\n")).lines().filter(l -> l.startsWith("b-c1 "))
                .findFirst().orElseThrow();
        assertEquals("b-c1           FAIL         -", row);
    }
}
