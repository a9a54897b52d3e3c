package dev.ovnet.forwarder.tun;

import java.nio.ByteBuffer;

/**
 * A reusable {@code recvmmsg} vector over one direct buffer cut into equal slots. After {@link #receive}, each
 * message tells its length, sender, truncation and, with UDP GRO, the size of the datagrams it holds.
 */
public final class ReceiveBatch {

    private static final int MSG_TRUNC = 0x20;
    private static final int MSG_DONTWAIT = 0x40;
    private static final int CONTROL = 64;
    private static final int MMSG = SendBatch.MMSG;

    private final int capacity;
    private final int slot;
    private final ByteBuffer data;
    private final ByteBuffer vec;
    private final ByteBuffer names;
    private final ByteBuffer control;
    /** Only its address is used, but the buffer must stay reachable or its memory is freed under the kernel. */
    private final ByteBuffer iov;
    private final long vecAddress;
    private final long controlAddress;
    private final long dataAddress;

    public ReceiveBatch(int capacity, int slot) {
        this.capacity = capacity;
        this.slot = slot;
        this.data = Native.allocate(capacity * slot);
        this.vec = Native.allocate(MMSG * capacity);
        this.names = Native.allocate(16 * capacity);
        this.control = Native.allocate(CONTROL * capacity);
        this.iov = Native.allocate(16 * capacity);
        this.vecAddress = Native.address(vec);
        this.controlAddress = Native.address(control);
        this.dataAddress = Native.address(data);
        long iovAddress = Native.address(iov);
        long namesAddress = Native.address(names);
        for (int i = 0; i < capacity; i++) {
            iov.putLong(i * 16, dataAddress + (long) i * slot);
            iov.putLong(i * 16 + 8, slot);
            vec.putLong(i * MMSG, namesAddress + i * 16L);
            vec.putLong(i * MMSG + 16, iovAddress + i * 16L);
            vec.putLong(i * MMSG + 24, 1);
            vec.putLong(i * MMSG + 32, controlAddress + (long) i * CONTROL);
        }
    }

    /** The buffer holding every slot; message {@code i} starts at {@link #offset}. */
    public ByteBuffer data() {
        return data;
    }

    public long dataAddress() {
        return dataAddress;
    }

    /** Receives what is queued without blocking: the number of messages, 0 when none. */
    public int receive(int fd) throws NativeException {
        for (int i = 0; i < capacity; i++) {
            int at = i * MMSG;
            vec.putInt(at + 8, 16);
            vec.putLong(at + 40, CONTROL);
            vec.putInt(at + 48, 0);
        }
        while (true) {
            int n = Native.C.recvmmsg(fd, vecAddress, capacity, MSG_DONTWAIT, 0);
            if (n >= 0) {
                return n;
            }
            int errno = Native.errno();
            if (errno == Native.EAGAIN) {
                return 0;
            }
            if (errno != Native.EINTR) {
                throw new NativeException("recvmmsg", errno);
            }
        }
    }

    public int offset(int i) {
        return i * slot;
    }

    public int length(int i) {
        return vec.getInt(i * MMSG + 56);
    }

    public boolean truncated(int i) {
        return (vec.getInt(i * MMSG + 48) & MSG_TRUNC) != 0;
    }

    /** The sender's IPv4 address as host-order bits. */
    public int sourceIp(int i) {
        return Integer.reverseBytes(names.getInt(i * 16 + 4));
    }

    public int sourcePort(int i) {
        return Short.reverseBytes(names.getShort(i * 16 + 2)) & 0xffff;
    }

    /** With UDP GRO: the size of each datagram in message {@code i} (the last may be shorter); 0 if one datagram. */
    public int segmentSize(int i) {
        long length = vec.getLong(i * MMSG + 40);
        int c = i * CONTROL;
        int end = c + (int) Math.min(length, CONTROL);
        while (c + 16 <= end) {
            long cmsgLen = control.getLong(c);
            if (cmsgLen < 16) {
                return 0;
            }
            if (control.getInt(c + 8) == UdpSocket.SOL_UDP && control.getInt(c + 12) == UdpSocket.UDP_GRO) {
                return control.getInt(c + 16);
            }
            c += (int) ((cmsgLen + 7) & ~7L);
        }
        return 0;
    }
}
