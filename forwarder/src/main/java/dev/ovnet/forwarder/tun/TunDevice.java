package dev.ovnet.forwarder.tun;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A TUN device opened from /dev/net/tun: attached by name to an existing (persistent) device, or created when
 * none exists (then it lives as long as this process, like flannel's). With {@code vnetHdr}, every read and
 * write starts with a 10-byte virtio_net_hdr and the kernel hands over TCP super-packets of up to 64 KiB
 * (TUNSETOFFLOAD TUN_F_CSUM|TUN_F_TSO4); an existing device made without vnet_hdr can be attached this way too,
 * because the kernel takes those flags from each attach.
 */
public final class TunDevice implements AutoCloseable {

    public static final int VNET_HDR_LEN = 10;

    private static final int O_RDWR = 2;
    private static final int O_NONBLOCK = 0x800;
    private static final int O_CLOEXEC = 0x80000;
    private static final int F_GETFL = 3;
    private static final int F_SETFL = 4;
    private static final long TUNSETIFF = 0x400454caL;
    private static final long TUNSETOFFLOAD = 0x400454d0L;
    private static final long TUNSETVNETHDRSZ = 0x400454d8L;
    private static final int IFF_TUN = 0x0001;
    private static final int IFF_NO_PI = 0x1000;
    private static final int IFF_VNET_HDR = 0x4000;
    private static final int TUN_F_CSUM = 0x01;
    private static final int TUN_F_TSO4 = 0x02;

    private final String name;
    private final int fd;
    private final boolean vnetHdr;
    private final boolean created;

    private TunDevice(String name, int fd, boolean vnetHdr, boolean created) {
        this.name = name;
        this.fd = fd;
        this.vnetHdr = vnetHdr;
        this.created = created;
    }

    /** Opens (or creates) {@code name}; with {@code vnetHdr} also enables the TSO offloads or fails. */
    public static TunDevice open(String name, boolean vnetHdr) throws NativeException {
        return open(name, vnetHdr, step -> {
        });
    }

    /**
     * Called before each offload step of {@link #open(String, boolean, Gate)} with its name ({@code IFF_VNET_HDR},
     * {@code TUNSETVNETHDRSZ}, {@code TUNSETOFFLOAD}): it learns which step a failure belongs to, and may refuse
     * the step itself by throwing, as the kernel would (how tests stand in for a kernel without the offloads).
     */
    public interface Gate {
        void enter(String step) throws NativeException;
    }

    /** As {@link #open(String, boolean)}, with {@code gate} told of each offload step before it is taken. */
    public static TunDevice open(String name, boolean vnetHdr, Gate gate) throws NativeException {
        if (name.isEmpty() || name.length() > 15) {
            throw new IllegalArgumentException("interface name must have 1 to 15 characters: " + name);
        }
        boolean existed = Files.exists(Path.of("/sys/class/net", name));
        int fd = (int) Native.check(Native.C.open("/dev/net/tun", O_RDWR | O_CLOEXEC), "open /dev/net/tun");
        try {
            if (vnetHdr) {
                gate.enter("IFF_VNET_HDR");
            }
            ByteBuffer ifr = Ifreq.named(name);
            ifr.putShort(Ifreq.DATA, (short) (IFF_TUN | IFF_NO_PI | (vnetHdr ? IFF_VNET_HDR : 0)));
            Native.check(Native.ioctl(fd, TUNSETIFF, ifr), "TUNSETIFF " + name);
            if (vnetHdr) {
                gate.enter("TUNSETVNETHDRSZ");
                ByteBuffer arg = Native.allocate(4);
                arg.putInt(0, VNET_HDR_LEN);
                Native.check(Native.ioctl(fd, TUNSETVNETHDRSZ, arg), "TUNSETVNETHDRSZ");
                gate.enter("TUNSETOFFLOAD");
                Native.check(Native.C.ioctl(fd, TUNSETOFFLOAD, TUN_F_CSUM | TUN_F_TSO4), "TUNSETOFFLOAD");
            }
            int flags = (int) Native.check(Native.C.fcntl(fd, F_GETFL, 0), "fcntl F_GETFL");
            Native.check(Native.C.fcntl(fd, F_SETFL, flags | O_NONBLOCK), "fcntl F_SETFL O_NONBLOCK");
            return new TunDevice(name, fd, vnetHdr, !existed);
        } catch (NativeException | RuntimeException e) {
            Native.C.close(fd);
            throw e;
        }
    }

    public String name() {
        return name;
    }

    public int fd() {
        return fd;
    }

    /** Whether reads and writes carry a virtio_net_hdr (offload mode). */
    public boolean vnetHdr() {
        return vnetHdr;
    }

    /** Whether this process created the device (so it must configure it, and it vanishes on close). */
    public boolean created() {
        return created;
    }

    @Override
    public void close() {
        Native.C.close(fd);
    }
}
