package dev.ovnet.forwarder;

import dev.ovnet.planner.net.Cidr;
import dev.ovnet.forwarder.tun.Wakeup;
import java.util.function.Consumer;

/**
 * What the forwarder's threads share: the two descriptors, the mode, the rules, the counters, the current peer
 * table (swapped whole on reload) and the wakeup that stops them.
 */
final class DataPlane {

    final int tunFd;
    final int udpFd;
    final boolean offload;
    final Policy policy;
    final Counters counters = new Counters();
    final Wakeup wakeup;
    final Cidr pool;
    final Cidr own;
    final Consumer<String> log;
    private volatile PeerTable table;
    private volatile boolean running = true;
    private volatile String failure;

    DataPlane(int tunFd, int udpFd, boolean offload, Cidr pool, Cidr own, PeerTable table, Wakeup wakeup,
            Consumer<String> log) {
        this.tunFd = tunFd;
        this.udpFd = udpFd;
        this.offload = offload;
        this.pool = pool;
        this.own = own;
        this.policy = new Policy(pool, own);
        this.table = table;
        this.wakeup = wakeup;
        this.log = log;
    }

    PeerTable table() {
        return table;
    }

    void table(PeerTable next) {
        table = next;
    }

    boolean running() {
        return running;
    }

    /** A thread died: log why, remember it (the process then exits with 1) and stop the other thread. */
    void fail(String thread, Throwable cause) {
        failure = thread + ": " + cause;
        log.accept("forwarding stopped: " + failure);
        stop();
    }

    String failure() {
        return failure;
    }

    void stop() {
        running = false;
        wakeup.fire();
    }
}
