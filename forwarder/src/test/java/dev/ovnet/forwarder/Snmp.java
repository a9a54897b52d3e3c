package dev.ovnet.forwarder;

import java.util.List;

/** Counters from /proc/net/snmp as a namespace sees them (e.g. Tcp InCsumErrors, Icmp InEchos). */
final class Snmp {

    private Snmp() {
    }

    static long get(String ns, String protocol, String field) {
        List<String> lines = Sh.okIn(ns, "cat", "/proc/net/snmp").lines().filter(l -> l.startsWith(protocol + ":"))
                .toList();
        String[] names = lines.get(0).split("\\s+");
        String[] values = lines.get(1).split("\\s+");
        for (int i = 1; i < names.length; i++) {
            if (names[i].equals(field)) {
                return Long.parseLong(values[i]);
            }
        }
        throw new AssertionError("no " + protocol + " " + field + " in /proc/net/snmp");
    }
}
