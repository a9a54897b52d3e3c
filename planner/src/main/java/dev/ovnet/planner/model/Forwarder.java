package dev.ovnet.planner.model;

import dev.ovnet.planner.net.Cidr;
import dev.ovnet.planner.net.Ipv4;
import java.util.Optional;

/**
 * The udp backend's userspace forwarder process on a host: its TUN device, the address and port it listens
 * on, the pool and the host's own subnet, and the file holding its peer table. Its settings are these fields;
 * a change to the peer table alone does not restart it (it reloads the file).
 */
public record Forwarder(String dev, Ipv4 bind, int port, Cidr pool, Cidr subnet, String peerFile, int peers)
        implements KernelObject {

    @Override
    public Phase phase() {
        return Phase.FORWARDER;
    }

    @Override
    public ObjectKey key() {
        return new ObjectKey(Phase.FORWARDER, "forwarder", dev);
    }

    @Override
    public String describe() {
        return "forwarder " + dev + " \u2192 " + peers + (peers == 1 ? " peer" : " peers");
    }

    /** A changed peer count alone is a reload; anything else restarts the process. */
    @Override
    public Optional<String> replaceReason(KernelObject before) {
        Forwarder old = (Forwarder) before;
        Forwarder sameCount = new Forwarder(old.dev, old.bind, old.port, old.pool, old.subnet, old.peerFile, peers);
        return sameCount.equals(this) ? Optional.empty() : Optional.of("settings changed, restart");
    }
}
