package dev.ovnet.providers.kernel;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Tells an agent that its kernel changed: links, addresses, routes, neighbours and fdb entries (the kernel sends
 * fdb changes of a vxlan device as neighbour notifications). It runs {@code ip monitor} as a child process and calls
 * back on every line it prints: Java has no netlink socket of its own, and iproute2 already subscribes to exactly
 * these notification groups and is on every host ovnet runs on. The child is started again when it dies; iptables
 * rules and files send no notification, which is why agents also check periodically.
 */
public final class KernelMonitor implements AutoCloseable {

    static final List<String> COMMAND = List.of("ip", "monitor", "link", "address", "route", "neigh");

    private final Runnable onChange;
    private final Thread thread;
    private volatile boolean closed;
    private volatile Process process;

    private KernelMonitor(Runnable onChange) {
        this.onChange = onChange;
        this.thread = new Thread(this::run, "ovnet-kernel-monitor");
        this.thread.setDaemon(true);
    }

    /** Starts watching this process's network namespace. */
    public static KernelMonitor start(Runnable onChange) {
        KernelMonitor monitor = new KernelMonitor(onChange);
        monitor.thread.start();
        return monitor;
    }

    private void run() {
        while (!closed) {
            try {
                process = new ProcessBuilder(COMMAND).redirectErrorStream(true).start();
                try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(),
                        StandardCharsets.UTF_8))) {
                    // a change during the restart could have been missed: check once whenever it (re)starts
                    onChange.run();
                    while (lines.readLine() != null) {
                        onChange.run();
                    }
                }
            } catch (IOException e) {
                // ip is missing or died: the periodic check still repairs, and the child is tried again below
            }
            if (!closed) {
                sleep();
            }
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        closed = true;
        Process p = process;
        if (p != null) {
            p.destroy();
        }
        thread.interrupt();
    }
}
