package dev.ovnet.providers.tun;

import java.nio.ByteBuffer;

/**
 * Waits until one descriptor is ready or the shared {@link Wakeup} fires. The forwarder's loops read until
 * EAGAIN and only then wait here, so a busy tunnel makes few poll calls (flannel's "optimistic read").
 */
public final class Poller {

    public static final short POLLIN = 0x1;
    public static final short POLLOUT = 0x4;

    private final ByteBuffer fds = Native.allocate(16);
    private final long address = Native.address(fds);

    public Poller(int fd, short events, Wakeup wakeup) {
        fds.putInt(0, fd);
        fds.putShort(4, events);
        fds.putInt(8, wakeup.fd());
        fds.putShort(12, POLLIN);
    }

    /** Blocks until the descriptor is ready (true) or the wakeup fired (false). */
    public boolean await() throws NativeException {
        while (true) {
            fds.putShort(6, (short) 0);
            fds.putShort(14, (short) 0);
            int rc = Native.C.poll(address, 2, -1);
            if (rc < 0) {
                if (Native.errno() == Native.EINTR) {
                    continue;
                }
                throw new NativeException("poll", Native.errno());
            }
            if (fds.getShort(14) != 0) {
                return false;
            }
            if (fds.getShort(6) != 0) {
                return true;
            }
        }
    }
}
