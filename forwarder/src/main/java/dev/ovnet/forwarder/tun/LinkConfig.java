package dev.ovnet.forwarder.tun;

import java.lang.ref.Reference;
import java.nio.ByteBuffer;

/**
 * Interface settings through the classic ioctls on an AF_INET socket (no netlink, no child process): queue
 * length, MTU, up, the /32 address and the pool route. Used for the TUN device; ovnet's apply sets the same
 * things on a persistent device beforehand, and the forwarder sets them itself when it created the device.
 */
public final class LinkConfig implements AutoCloseable {

    private static final long SIOCGIFFLAGS = 0x8913;
    private static final long SIOCSIFFLAGS = 0x8914;
    private static final long SIOCSIFADDR = 0x8916;
    private static final long SIOCSIFNETMASK = 0x891c;
    private static final long SIOCSIFMTU = 0x8922;
    private static final long SIOCSIFTXQLEN = 0x8943;
    private static final long SIOCADDRT = 0x890b;
    private static final short IFF_UP = 0x1;
    private static final short RTF_UP = 0x1;

    private final String name;
    private final int sock;

    public LinkConfig(String name) throws NativeException {
        this.name = name;
        this.sock = (int) Native.check(Native.C.socket(2, 2 | 0x80000, 0), "socket AF_INET");
    }

    public void txQueueLength(int length) throws NativeException {
        ByteBuffer ifr = Ifreq.named(name);
        ifr.putInt(Ifreq.DATA, length);
        Native.check(Native.ioctl(sock, SIOCSIFTXQLEN, ifr), "SIOCSIFTXQLEN " + name);
    }

    public void mtu(int mtu) throws NativeException {
        ByteBuffer ifr = Ifreq.named(name);
        ifr.putInt(Ifreq.DATA, mtu);
        Native.check(Native.ioctl(sock, SIOCSIFMTU, ifr), "SIOCSIFMTU " + name);
    }

    /** Sets the interface's primary address with a /32 mask (flannel's "no broadcast routes"). */
    public void address32(int address) throws NativeException {
        ByteBuffer ifr = Ifreq.named(name);
        Ifreq.sockaddr(ifr, Ifreq.DATA, address, 0);
        Native.check(Native.ioctl(sock, SIOCSIFADDR, ifr), "SIOCSIFADDR " + name);
        Ifreq.sockaddr(ifr, Ifreq.DATA, -1, 0);
        Native.check(Native.ioctl(sock, SIOCSIFNETMASK, ifr), "SIOCSIFNETMASK " + name);
    }

    public void up() throws NativeException {
        ByteBuffer ifr = Ifreq.named(name);
        Native.check(Native.ioctl(sock, SIOCGIFFLAGS, ifr), "SIOCGIFFLAGS " + name);
        ifr.putShort(Ifreq.DATA, (short) (ifr.getShort(Ifreq.DATA) | IFF_UP));
        Native.check(Native.ioctl(sock, SIOCSIFFLAGS, ifr), "SIOCSIFFLAGS " + name);
    }

    /** Adds {@code network/prefix dev name}; an existing identical route is fine. */
    public void route(int network, int prefix) throws NativeException {
        ByteBuffer rt = Native.allocate(120);
        ByteBuffer dev = Ifreq.named(name);
        Ifreq.sockaddr(rt, 8, network, 0);
        Ifreq.sockaddr(rt, 24, 0, 0);
        Ifreq.sockaddr(rt, 40, prefix == 0 ? 0 : -1 << (32 - prefix), 0);
        rt.putShort(56, RTF_UP);
        rt.putLong(88, Native.address(dev));
        int rc = Native.ioctl(sock, SIOCADDRT, rt);
        Reference.reachabilityFence(dev);
        if (rc < 0 && Native.errno() != Native.EEXIST) {
            throw new NativeException("SIOCADDRT dev " + name, Native.errno());
        }
    }

    @Override
    public void close() {
        Native.C.close(sock);
    }
}
