package dev.ovnet.forwarder.tun;

import java.lang.ref.Reference;
import java.nio.ByteBuffer;

/** An eventfd that, once fired, stays readable: it tells every {@link Poller} of the forwarder to stop. */
public final class Wakeup implements AutoCloseable {

    private final int fd;

    public Wakeup() throws NativeException {
        this.fd = (int) Native.check(Native.C.eventfd(0, 0x80000 | 0x800), "eventfd");
    }

    public int fd() {
        return fd;
    }

    public void fire() {
        ByteBuffer one = Native.allocate(8);
        one.putLong(0, 1);
        Native.C.write(fd, Native.address(one), 8);
        Reference.reachabilityFence(one);
    }

    @Override
    public void close() {
        Native.C.close(fd);
    }
}
