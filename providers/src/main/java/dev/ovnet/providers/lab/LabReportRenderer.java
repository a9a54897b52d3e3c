package dev.ovnet.providers.lab;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Text for a person: the containers with their addresses, the round-trip matrix (row pings column; {@code -} for
 * pairs on one host, which the check does not test; on a dual-stack lab one matrix per family, headed IPv4 and IPv6,
 * and the last line also counts per family; on an IPv6-only lab the IPv6 matrix alone) and a last line that a CI log can grep:
 * {@code lab check: 6/6 pairs reachable} or {@code lab check: 4/6 pairs reachable; unreachable: a-c1 -> c-c1, ...}.
 */
public final class LabReportRenderer {

    private static final String CORNER = "from \\ to";

    private LabReportRenderer() {
    }

    public static String render(LabReport report) {
        StringBuilder out = new StringBuilder();
        int labelWidth = CORNER.length();
        for (LabContainer c : report.containers()) {
            labelWidth = Math.max(labelWidth, c.label().length());
        }
        int hostWidth = Math.max(4, report.containers().stream().mapToInt(c -> c.host().length()).max().orElse(4));
        out.append(pad("container", labelWidth)).append("  ").append(pad("host", hostWidth)).append("  address\n");
        for (LabContainer c : report.containers()) {
            out.append(pad(c.label(), labelWidth)).append("  ").append(pad(c.host(), hostWidth)).append("  ")
                    .append(c.address() == null ? c.address6() : c.address() + (c.address6() == null ? ""
                            : "  " + c.address6())).append('\n');
        }
        out.append('\n');
        if (report.dualStack()) {
            out.append("IPv4\n");
            matrix(out, report, labelWidth, false);
            out.append("\nIPv6\n");
            matrix(out, report, labelWidth, true);
        } else if (report.ipv6Only()) {
            out.append("IPv6\n");
            matrix(out, report, labelWidth, true);
        } else {
            matrix(out, report, labelWidth, false);
        }
        out.append('\n');
        for (LabReport.Probe probe : report.unreachable()) {
            out.append("unreachable: ").append(probe.pair()).append(" (").append(probe.target()).append("): ")
                    .append(probe.result().detail()).append('\n');
        }
        for (String problem : report.problems()) {
            out.append("problem: ").append(problem).append('\n');
        }
        out.append(summary(report)).append('\n');
        return out.toString();
    }

    /** One family's round-trip matrix: row pings column, {@code -} for pairs on one host. */
    private static void matrix(StringBuilder out, LabReport report, int labelWidth, boolean ipv6) {
        int cellWidth = 10;
        for (LabContainer c : report.containers()) {
            cellWidth = Math.max(cellWidth, c.label().length() + 2);
        }
        out.append(pad(CORNER, labelWidth));
        for (LabContainer c : report.containers()) {
            out.append(padLeft(c.label(), cellWidth));
        }
        out.append('\n');
        boolean anyLossy = false;
        for (LabContainer from : report.containers()) {
            out.append(pad(from.label(), labelWidth));
            for (LabContainer to : report.containers()) {
                Optional<PingResult> cell = report.result(from.label(), to.label(), ipv6);
                anyLossy |= cell.map(PingResult::lossy).orElse(false);
                out.append(padLeft(cell.map(LabReportRenderer::cell).orElse("-"), cellWidth));
            }
            out.append('\n');
        }
        if (anyLossy) {
            out.append("(* some packets were lost)\n");
        }
    }

    /** The last line alone. */
    public static String summary(LabReport report) {
        String line = "lab check: " + report.reachableCount() + "/" + report.probes().size() + " pairs reachable";
        if (report.probes().isEmpty()) {
            line += " (the lab needs containers on two hosts to test a pair)";
        }
        if (report.dualStack()) {
            line += " (" + family(report, false, "IPv4") + ", " + family(report, true, "IPv6") + ")";
        } else if (report.ipv6Only()) {
            line += " (IPv6 only)";
        }
        if (!report.allReachable()) {
            line += "; unreachable: " + report.unreachable().stream().map(LabReport.Probe::pair)
                    .collect(Collectors.joining(", "));
        }
        if (!report.problems().isEmpty()) {
            line += "; " + report.problems().size() + (report.problems().size() == 1 ? " problem" : " problems");
        }
        return line;
    }

    private static String family(LabReport report, boolean ipv6, String name) {
        List<LabReport.Probe> probes = report.probes(ipv6);
        return name + " " + probes.stream().filter(p -> p.result().reachable()).count() + "/" + probes.size();
    }

    static String cell(PingResult result) {
        if (!result.reachable()) {
            return "FAIL";
        }
        double ms = result.avgRttMs();
        String text = Double.isNaN(ms) ? "ok"
                : String.format(Locale.ROOT, ms < 1 ? "%.3f ms" : ms < 100 ? "%.1f ms" : "%.0f ms", ms);
        return result.lossy() ? text + "*" : text;
    }

    private static String pad(String text, int width) {
        return text.length() >= width ? text : text + " ".repeat(width - text.length());
    }

    private static String padLeft(String text, int width) {
        return text.length() >= width ? text : " ".repeat(width - text.length()) + text;
    }
}
