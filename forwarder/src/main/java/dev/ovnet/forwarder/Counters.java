package dev.ovnet.forwarder;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Forwarder-wide counters of what was dropped and why, besides the per-peer ones. Like {@link PeerCounters},
 * each field has one writer at a time: the first group is the TUN reader's, the second the UDP side's.
 */
public final class Counters {

    long tunMalformed;
    long tunOutsidePool;
    long tunOwnSubnet;
    long tunNoRoute;
    long icmpUnreachableSent;
    long tunSendErrors;

    long udpNonPeer;
    long udpMalformed;
    long udpOutsidePool;
    long udpNotOwnSubnet;
    long udpSpoofedSource;
    long udpMartian;
    long tunWriteErrors;

    /** TUN to UDP drops, by reason, in a fixed order. */
    public Map<String, Long> tunToUdp() {
        Map<String, Long> out = new LinkedHashMap<>();
        out.put("malformed", tunMalformed);
        out.put("outsidePool", tunOutsidePool);
        out.put("ownSubnet", tunOwnSubnet);
        out.put("noRoute", tunNoRoute);
        out.put("icmpUnreachableSent", icmpUnreachableSent);
        out.put("sendErrors", tunSendErrors);
        return out;
    }

    /** UDP to TUN drops, by reason, in a fixed order. */
    public Map<String, Long> udpToTun() {
        Map<String, Long> out = new LinkedHashMap<>();
        out.put("nonPeer", udpNonPeer);
        out.put("malformed", udpMalformed);
        out.put("outsidePool", udpOutsidePool);
        out.put("notOwnSubnet", udpNotOwnSubnet);
        out.put("spoofedSource", udpSpoofedSource);
        out.put("martian", udpMartian);
        out.put("writeErrors", tunWriteErrors);
        return out;
    }
}
