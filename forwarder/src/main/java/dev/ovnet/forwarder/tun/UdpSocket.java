package dev.ovnet.forwarder.tun;

import java.lang.ref.Reference;
import java.nio.ByteBuffer;

/**
 * The forwarder's UDP socket, a plain native socket because NIO's DatagramChannel cannot carry the control
 * messages that UDP GSO and GRO need. Blocking for sends (so a full send buffer slows the tunnel instead of
 * dropping), receives use MSG_DONTWAIT and {@link Poller}.
 */
public final class UdpSocket implements AutoCloseable {

    public static final int SOL_UDP = 17;
    public static final int UDP_SEGMENT = 103;
    public static final int UDP_GRO = 104;
    private static final int SOL_SOCKET = 1;
    private static final int SO_REUSEADDR = 2;
    private static final int SO_SNDBUF = 7;
    private static final int SO_RCVBUF = 8;
    private static final int SO_SNDBUFFORCE = 32;
    private static final int SO_RCVBUFFORCE = 33;

    private final int fd;
    private final ByteBuffer option = Native.allocate(8);

    private UdpSocket(int fd) {
        this.fd = fd;
    }

    /** A UDP socket bound to {@code address:port} (host-order bits; 0 binds every address). */
    public static UdpSocket bind(int address, int port) throws NativeException {
        int fd = (int) Native.check(Native.C.socket(2, 2 | 0x80000, 0), "socket AF_INET SOCK_DGRAM");
        UdpSocket socket = new UdpSocket(fd);
        try {
            socket.set(SOL_SOCKET, SO_REUSEADDR, 1, "SO_REUSEADDR");
            ByteBuffer sa = Native.allocate(16);
            Ifreq.sockaddr(sa, 0, address, port);
            int rc = Native.C.bind(fd, Native.address(sa), 16);
            Reference.reachabilityFence(sa);
            Native.check(rc, "bind " + port);
            return socket;
        } catch (NativeException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    public int fd() {
        return fd;
    }

    /** Sets both buffers to {@code bytes}, beyond the sysctl limits when allowed (CAP_NET_ADMIN). */
    public void buffers(int bytes) throws NativeException {
        if (!trySet(SOL_SOCKET, SO_RCVBUFFORCE, bytes)) {
            set(SOL_SOCKET, SO_RCVBUF, bytes, "SO_RCVBUF");
        }
        if (!trySet(SOL_SOCKET, SO_SNDBUFFORCE, bytes)) {
            set(SOL_SOCKET, SO_SNDBUF, bytes, "SO_SNDBUF");
        }
    }

    public int receiveBuffer() throws NativeException {
        return get(SOL_SOCKET, SO_RCVBUF, "SO_RCVBUF");
    }

    /** Whether the kernel knows UDP GSO; the per-send segment size then travels in a cmsg. */
    public boolean supportsGso() {
        return trySet(SOL_UDP, UDP_SEGMENT, 0);
    }

    /**
     * Turns coalesced receives on (one recv may return many equal-sized datagrams plus their size) or off;
     * false when the kernel refused.
     */
    public boolean gro(boolean on) {
        return trySet(SOL_UDP, UDP_GRO, on ? 1 : 0);
    }

    private boolean trySet(int level, int name, int value) {
        option.putInt(0, value);
        return Native.C.setsockopt(fd, level, name, Native.address(option), 4) == 0;
    }

    private void set(int level, int name, int value, String what) throws NativeException {
        if (!trySet(level, name, value)) {
            throw new NativeException("setsockopt " + what, Native.errno());
        }
    }

    private int get(int level, int name, String what) throws NativeException {
        option.putInt(4, 4);
        long base = Native.address(option);
        Native.check(Native.C.getsockopt(fd, level, name, base, base + 4), "getsockopt " + what);
        return option.getInt(0);
    }

    @Override
    public void close() {
        Native.C.close(fd);
    }
}
