package dev.ovnet.forwarder.tun;

import java.nio.ByteBuffer;

/**
 * Waits until one of a few descriptors is ready or the shared {@link Wakeup} fires. The forwarder's loops read
 * until EAGAIN and only then wait here, so a busy tunnel makes few poll calls (flannel's "optimistic read").
 */
public final class Poller {

    public static final short POLLIN = 0x1;
    public static final short POLLOUT = 0x4;
    public static final int WOKEN = -1;
    public static final int TIMEOUT = -2;

    private final ByteBuffer fds;
    private final long address;
    private final int count;

    /** Waits for {@code events} on every one of {@code descriptors}, and for the wakeup. */
    public Poller(Wakeup wakeup, short events, int... descriptors) {
        this.count = descriptors.length + 1;
        this.fds = Native.allocate(8 * count);
        this.address = Native.address(fds);
        fds.putInt(0, wakeup.fd());
        fds.putShort(4, POLLIN);
        for (int i = 0; i < descriptors.length; i++) {
            fds.putInt(8 * (i + 1), descriptors[i]);
            fds.putShort(8 * (i + 1) + 4, events);
        }
    }

    public Poller(int fd, short events, Wakeup wakeup) {
        this(wakeup, events, fd);
    }

    /** Blocks until a descriptor is ready (true) or the wakeup fired (false). */
    public boolean await() throws NativeException {
        return awaitFor(-1) >= 0;
    }

    /**
     * Waits at most {@code millis} (-1: no limit); returns the index of the first ready descriptor, {@link #WOKEN}
     * or {@link #TIMEOUT}.
     */
    public int awaitFor(int millis) throws NativeException {
        while (true) {
            for (int i = 0; i < count; i++) {
                fds.putShort(8 * i + 6, (short) 0);
            }
            int rc = Native.C.poll(address, count, millis);
            if (rc < 0) {
                if (Native.errno() == Native.EINTR) {
                    continue;
                }
                throw new NativeException("poll", Native.errno());
            }
            if (rc == 0) {
                return TIMEOUT;
            }
            if (fds.getShort(6) != 0) {
                return WOKEN;
            }
            for (int i = 1; i < count; i++) {
                if (fds.getShort(8 * i + 6) != 0) {
                    return i - 1;
                }
            }
        }
    }
}
