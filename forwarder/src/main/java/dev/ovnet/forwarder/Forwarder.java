package dev.ovnet.forwarder;

import dev.ovnet.forwarder.ModeChoice.Offload;
import dev.ovnet.forwarder.tun.LinkConfig;
import dev.ovnet.forwarder.tun.Native;
import dev.ovnet.forwarder.tun.NativeException;
import dev.ovnet.forwarder.tun.TunDevice;
import dev.ovnet.forwarder.tun.UdpSocket;
import dev.ovnet.forwarder.tun.Wakeup;
import java.io.IOException;
import java.nio.file.Files;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import sun.misc.Signal;

/**
 * One running forwarder: the socket and TUN device (offload mode when the kernel allows, plain otherwise), a
 * thread per direction, and the control thread that reloads the peer table and writes the stats. {@link #run}
 * blocks until SIGTERM/SIGINT (exit 0) or until a data thread dies (exit 1, so apply sees the drift).
 */
final class Forwarder {

    private final ForwarderConfig config;
    /** What a test makes the offload probe treat as refused; empty in production. */
    private final Set<Offload> injected;
    private final Consumer<String> log;
    private final CountDownLatch closed = new CountDownLatch(1);

    private Forwarder(ForwarderConfig config, Set<Offload> injected, Consumer<String> log) {
        this.config = config;
        this.injected = injected;
        this.log = log;
    }

    /**
     * Runs in the foreground until stopped; returns the exit code. Setup problems throw. {@code refused} is
     * empty except in tests, which make the offload probe treat those capabilities as refused.
     */
    static int run(ForwarderConfig config, Set<Offload> refused, Consumer<String> log) {
        return new Forwarder(config, refused, log).run();
    }

    private int run() {
        PeerTable table = PeerControl.load(config);
        UdpSocket socket = openSocket();
        TunDevice tun = null;
        Wakeup wakeup = null;
        try {
            ModeChoice[] mode = new ModeChoice[1];
            tun = openTun(socket, mode);
            socket.buffers(tun.vnetHdr() ? ForwarderConfig.OFFLOAD_SOCKET_BUFFER : ForwarderConfig.SOCKET_BUFFER);
            configure(tun);
            wakeup = new Wakeup();
            DataPlane plane = new DataPlane(tun.fd(), socket.fd(), tun.vnetHdr(), config.pool(), config.subnet(),
                    table, wakeup, log);
            return serve(plane, mode[0]);
        } catch (NativeException e) {
            throw new ForwarderException("cannot set up the forwarder on " + config.dev() + ": " + e.getMessage(),
                    "run as root (CAP_NET_ADMIN), check /dev/net/tun and that the port is free", e);
        } finally {
            if (tun != null) {
                tun.close();
            }
            socket.close();
            if (wakeup != null) {
                wakeup.close();
            }
            closed.countDown();
        }
    }

    private int serve(DataPlane plane, ModeChoice mode) {
        PeerControl control = new PeerControl(config, plane, log, mode);
        TunToUdp tunToUdp = new TunToUdp(plane);
        Thread out = new Thread(tunToUdp, "ovnet-tun-to-udp");
        UdpToTun udpToTun = new UdpToTun(plane, tunToUdp);
        tunToUdp.answers(udpToTun);
        Thread in = new Thread(udpToTun, "ovnet-udp-to-tun");
        Thread hook = new Thread(() -> {
            plane.stop();
            awaitClosed();
        }, "ovnet-forward-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        Signal.handle(new Signal("TERM"), signal -> plane.stop());
        Signal.handle(new Signal("INT"), signal -> plane.stop());
        writePid();
        control.start();
        out.start();
        in.start();
        PeerTable table = plane.table();
        log.accept("forwarding " + config.dev() + " <-> " + config.bind() + ":" + config.port() + ", pool "
                + config.pool() + ", subnet " + config.subnet() + ", " + table.peers().size() + " peers, " + mode.description());
        table.peers().forEach(p -> log.accept("peer added " + p.subnet() + " -> " + p.address() + ":" + p.port()));
        try {
            out.join();
            in.join();
        } catch (InterruptedException e) {
            plane.stop();
            Thread.currentThread().interrupt();
        }
        control.stop();
        deletePid();
        String failure = plane.failure();
        log.accept(failure == null ? "stopped" : "stopped after an error: " + failure);
        return failure == null ? 0 : 1;
    }

    /**
     * Offload mode when the kernel accepts every capability it needs ({@link ModeChoice.Offload}), plain mode
     * otherwise, chosen here without the user's help; {@code mode} receives which and why. Each capability is
     * tried once; a refusal is noted and the probe goes on, so the log names every one that is missing.
     */
    private TunDevice openTun(UdpSocket socket, ModeChoice[] mode) throws NativeException {
        if (config.plain()) {
            mode[0] = ModeChoice.forced();
            return TunDevice.open(config.dev(), false);
        }
        Map<Offload, String> refused = new EnumMap<>(Offload.class);
        try {
            refuseIfInjected(Offload.UDP_SEGMENT);
            if (!socket.supportsGso()) {
                throw new NativeException("setsockopt UDP_SEGMENT", Native.ENOPROTOOPT);
            }
        } catch (NativeException e) {
            refused.put(Offload.UDP_SEGMENT, e.getMessage());
        }
        TunDevice tun = null;
        Offload[] step = {Offload.IFF_VNET_HDR};
        try {
            tun = TunDevice.open(config.dev(), true, name -> {
                step[0] = Offload.valueOf(name);
                refuseIfInjected(step[0]);
            });
        } catch (NativeException e) {
            refused.put(step[0], e.getMessage());
        }
        try {
            refuseIfInjected(Offload.UDP_GRO);
            if (!socket.gro(true)) {
                throw new NativeException("setsockopt UDP_GRO", Native.errno());
            }
        } catch (NativeException e) {
            refused.put(Offload.UDP_GRO, e.getMessage());
        }
        mode[0] = ModeChoice.of(refused);
        if (mode[0].offload()) {
            return tun;
        }
        if (tun != null) {
            tun.close();
        }
        socket.gro(false);
        return TunDevice.open(config.dev(), false);
    }

    /** The test seam: a capability the test named is refused as a kernel without it would refuse it. */
    private void refuseIfInjected(Offload capability) throws NativeException {
        if (injected.contains(capability)) {
            throw new NativeException(capability + " (refused by a test)", Native.EOPNOTSUPP);
        }
    }

    private UdpSocket openSocket() {
        try {
            return UdpSocket.bind(config.bind().bits(), config.port());
        } catch (NativeException e) {
            throw new ForwarderException("cannot open UDP " + config.bind() + ":" + config.port() + ": "
                    + e.getMessage(), "is another forwarder (or flanneld) using the port?", e);
        }
    }

    private void configure(TunDevice tun) throws NativeException {
        try (LinkConfig link = new LinkConfig(tun.name())) {
            if (tun.created()) {
                link.mtu(config.mtu() == 0 ? ForwarderConfig.DEFAULT_MTU : config.mtu());
                link.address32(config.subnet().network().bits());
                link.up();
                link.route(config.pool().network().bits(), config.pool().prefix());
            } else {
                if (config.mtu() != 0) {
                    link.mtu(config.mtu());
                }
                link.up();
            }
            try {
                link.txQueueLength(ForwarderConfig.TX_QUEUE_LENGTH);
            } catch (NativeException e) {
                log.accept("warning: cannot set the TUN queue length: " + e.getMessage());
            }
        }
    }

    private void writePid() {
        if (config.pidFile() != null) {
            try {
                AtomicFile.write(config.pidFile(), ProcessHandle.current().pid() + "\n");
            } catch (IOException e) {
                throw new ForwarderException("cannot write the pid file " + config.pidFile() + ": " + e,
                        "check the directory exists and is writable", e);
            }
        }
    }

    private void deletePid() {
        if (config.pidFile() != null) {
            try {
                Files.deleteIfExists(config.pidFile());
            } catch (IOException e) {
                log.accept("warning: cannot remove " + config.pidFile() + ": " + e);
            }
        }
    }

    private void awaitClosed() {
        try {
            closed.await(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
