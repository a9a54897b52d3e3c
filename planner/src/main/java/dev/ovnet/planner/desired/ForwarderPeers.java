package dev.ovnet.planner.desired;

import java.util.List;

/**
 * The udp forwarder's peer table file: one line per peer, {@code <subnet> <address>:<port>}, sorted by subnet,
 * with a comment header. {@code ovnet forward} reads it and reloads it when it changes.
 */
public final class ForwarderPeers {

    private ForwarderPeers() {
    }

    public static String render(List<PeerEntry> peers, int port) {
        StringBuilder out = new StringBuilder(32 + peers.size() * 34);
        out.append("# ovnet forwarder peers: <subnet> <address>:<port>\n");
        for (PeerEntry peer : peers) {
            out.append(peer.subnet()).append(' ').append(peer.address()).append(':').append(port).append('\n');
        }
        return out.toString();
    }
}
