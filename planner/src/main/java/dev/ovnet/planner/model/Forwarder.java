package dev.ovnet.planner.model;

import dev.ovnet.planner.net.Cidr;
import dev.ovnet.planner.net.Ipv4;
import java.util.Optional;

/**
 * The udp backend's userspace forwarder process on a host: its TUN device, the address and port it listens
 * on, the pool and the host's own subnet, the file holding its peer table, and the build it runs
 * ({@code build}: the sha256 of the ovnet jar, null when unknown). Its settings are these fields; a change to
 * the peer table alone does not restart it (it reloads the file), a change of settings or of build does.
 */
public record Forwarder(String dev, Ipv4 bind, int port, Cidr pool, Cidr subnet, String peerFile, int peers,
        String build) implements KernelObject {

    public Forwarder(String dev, Ipv4 bind, int port, Cidr pool, Cidr subnet, String peerFile, int peers) {
        this(dev, bind, port, pool, subnet, peerFile, peers, null);
    }

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

    /**
     * A changed peer count alone is a reload; changed settings or a changed build restart the process. A build
     * that is not known on this side (null) is no reason to restart.
     */
    @Override
    public Optional<String> replaceReason(KernelObject before) {
        Forwarder old = (Forwarder) before;
        if (!old.dev.equals(dev) || !old.bind.equals(bind) || old.port != port || !old.pool.equals(pool)
                || !old.subnet.equals(subnet) || !old.peerFile.equals(peerFile)) {
            return Optional.of("settings changed, restart");
        }
        if (build != null && !build.equals(old.build)) {
            return Optional.of("binary changed, restart");
        }
        return Optional.empty();
    }

}
