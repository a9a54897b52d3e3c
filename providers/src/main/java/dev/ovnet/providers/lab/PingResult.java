package dev.ovnet.providers.lab;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What one {@code ping -c N} said: replies received out of sent, the average round-trip time, and when nothing
 * came back, why (ping's own words, e.g. {@code Network is unreachable} or {@code 100% packet loss}).
 */
public record PingResult(int sent, int received, double avgRttMs, String detail) {

    private static final Pattern COUNTS = Pattern.compile("(\\d+) packets transmitted, (\\d+) (?:packets )?received");
    private static final Pattern FROM = Pattern.compile("(?m)^From (\\S+) icmp_seq=\\d+ (.+)$");
    private static final Pattern RTT = Pattern.compile("= [0-9.]+/([0-9.]+)/[0-9.]+(?:/[0-9.]+)? ms");

    public boolean reachable() {
        return received > 0;
    }

    public boolean lossy() {
        return received > 0 && received < sent;
    }

    /** Parses iputils (or busybox) ping output; {@code sent} is what was asked when ping says nothing. */
    public static PingResult parse(int sent, int exit, String stdout, String stderr) {
        Matcher counts = COUNTS.matcher(stdout);
        int transmitted = sent;
        int received = 0;
        if (counts.find()) {
            transmitted = Integer.parseInt(counts.group(1));
            received = Integer.parseInt(counts.group(2));
        }
        Matcher rtt = RTT.matcher(stdout);
        Matcher from = FROM.matcher(stdout);
        double avg = received > 0 && rtt.find() ? Double.parseDouble(rtt.group(1)) : Double.NaN;
        String detail;
        if (received > 0) {
            detail = received + "/" + transmitted + " replies";
        } else if (!stderr.isBlank()) {
            detail = lastLine(stderr);
        } else if (from.find()) {
            detail = from.group(2) + " (from " + from.group(1) + ")";
        } else if (stdout.contains("packet loss")) {
            detail = "no reply to " + transmitted + " pings";
        } else {
            detail = "no reply (exit " + exit + ")";
        }
        return new PingResult(transmitted, received, avg, detail);
    }

    private static String lastLine(String text) {
        String[] lines = text.strip().split("\n");
        String last = lines[lines.length - 1].strip();
        return last.startsWith("ping: ") ? last.substring(6) : last;
    }
}
