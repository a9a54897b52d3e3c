package dev.ovnet.forwarder;

import dev.ovnet.forwarder.tun.Native;
import dev.ovnet.forwarder.tun.NativeException;
import dev.ovnet.forwarder.tun.Poller;

/**
 * Writes packets into the (non-blocking) TUN descriptor: waits for room on EAGAIN instead of dropping, counts
 * and logs (the first few) packets the kernel refuses.
 */
final class TunWriter {

    private static final int LOGGED_ERRORS = 5;

    private final DataPlane plane;
    private final Poller writable;
    private int logged;

    TunWriter(DataPlane plane) {
        this.plane = plane;
        this.writable = new Poller(plane.tunFd, Poller.POLLOUT, plane.wakeup);
    }

    void write(long address, int length) throws NativeException {
        while (true) {
            if (Native.C.write(plane.tunFd, address, length) >= 0 || !retry()) {
                return;
            }
        }
    }

    void writev(long iov, int count) throws NativeException {
        while (true) {
            if (Native.C.writev(plane.tunFd, iov, count) >= 0 || !retry()) {
                return;
            }
        }
    }

    /** After a failed write: true to try again, false when the packet is dropped. */
    private boolean retry() throws NativeException {
        int errno = Native.errno();
        if (errno == Native.EINTR) {
            return true;
        }
        if (errno == Native.EAGAIN) {
            return writable.await();
        }
        plane.counters.tunWriteErrors++;
        if (logged < LOGGED_ERRORS) {
            logged++;
            plane.log.accept("write to TUN failed: " + Native.describe(errno) + " (packet dropped)");
        }
        return false;
    }
}
