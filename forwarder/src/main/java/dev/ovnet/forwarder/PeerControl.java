package dev.ovnet.forwarder;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Objects;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import sun.misc.Signal;

/**
 * The forwarder's control thread: reloads the peer table on SIGHUP or when the file changes (checked every
 * second: modification time, size and inode, so apply's atomic rename is seen), logs one line per peer added,
 * removed or changed, and writes the stats file every two seconds. A file that cannot be read or parsed leaves
 * the running table alone and is logged; packets of unchanged peers are never interrupted, because the data
 * threads simply see the new table at their next batch.
 */
final class PeerControl {

    private static final long TICK_MILLIS = 1000;

    private final ForwarderConfig config;
    private final DataPlane plane;
    private final Consumer<String> log;
    private final StatsFile stats;
    private final Semaphore wake = new Semaphore(0);
    private final Thread thread;
    private volatile boolean running = true;
    private Object seen;

    PeerControl(ForwarderConfig config, DataPlane plane, Consumer<String> log, ModeChoice mode) {
        this.config = config;
        this.plane = plane;
        this.log = log;
        this.stats = new StatsFile(config, plane, mode);
        this.thread = new Thread(this::loop, "ovnet-forward-control");
        this.thread.setDaemon(true);
        this.seen = version();
    }

    /** The initial table; a missing or bad file stops the start. */
    static PeerTable load(ForwarderConfig config) {
        try {
            String text = Files.readString(config.peers(), StandardCharsets.UTF_8);
            return PeerTable.of(PeerFile.parse(config.peers().toString(), text, config.pool(), config.subnet()), null);
        } catch (IOException e) {
            throw new ForwarderException("cannot read the peer file " + config.peers() + ": " + e,
                    "ovnet apply writes it; give its path with --peers");
        }
    }

    void start() {
        Signal.handle(new Signal("HUP"), signal -> {
            wake.release();
        });
        thread.start();
    }

    void stop() {
        running = false;
        wake.release();
        try {
            thread.join(3000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        stats.write();
    }

    private void loop() {
        long ticks = 0;
        while (running) {
            boolean signalled;
            try {
                signalled = wake.tryAcquire(TICK_MILLIS, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                return;
            }
            if (!running) {
                return;
            }
            wake.drainPermits();
            Object now = version();
            if (signalled || !Objects.equals(now, seen)) {
                seen = now;
                reload(signalled ? "SIGHUP" : "file changed");
            }
            if (signalled || ++ticks % 2 == 0) {
                stats.write();
            }
        }
    }

    private Object version() {
        try {
            BasicFileAttributes a = Files.readAttributes(config.peers(), BasicFileAttributes.class);
            return a.lastModifiedTime() + "/" + a.size() + "/" + a.fileKey();
        } catch (IOException e) {
            return null;
        }
    }

    void reload(String why) {
        PeerTable old = plane.table();
        PeerTable next;
        try {
            String text = Files.readString(config.peers(), StandardCharsets.UTF_8);
            next = PeerTable.of(PeerFile.parse(config.peers().toString(), text, config.pool(), config.subnet()), old);
        } catch (NoSuchFileException e) {
            stats.reloadFailed("peer file " + config.peers() + " is missing");
            log.accept("peer table kept (" + why + "): " + config.peers() + " is missing");
            return;
        } catch (IOException | ForwarderException e) {
            stats.reloadFailed(e.getMessage());
            log.accept("peer table kept (" + why + "): " + e.getMessage());
            return;
        }
        plane.table(next);
        stats.reloaded();
        int changes = 0;
        for (Peer peer : old.peers()) {
            if (next.find(peer) == null) {
                Peer moved = sameSubnet(next, peer);
                if (moved != null) {
                    log.accept("peer changed " + peer.subnet() + ": " + peer.address() + ":" + peer.port() + " -> "
                            + moved.address() + ":" + moved.port());
                } else {
                    log.accept("peer removed " + peer.subnet() + " -> " + peer.address() + ":" + peer.port());
                }
                changes++;
            }
        }
        for (Peer peer : next.peers()) {
            if (old.find(peer) == null && sameSubnet(old, peer) == null) {
                log.accept("peer added " + peer.subnet() + " -> " + peer.address() + ":" + peer.port());
                changes++;
            }
        }
        log.accept("peer table reloaded (" + why + "): " + next.peers().size() + " peers, " + changes + " changed");
    }

    private static Peer sameSubnet(PeerTable table, Peer like) {
        for (Peer peer : table.peers()) {
            if (peer.subnet().equals(like.subnet())) {
                return peer;
            }
        }
        return null;
    }
}
