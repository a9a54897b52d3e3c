package dev.ovnet.forwarder.tun;

import java.nio.ByteBuffer;

/**
 * A reusable vector of outgoing datagrams for one {@code sendmmsg}: each message has a destination, a run of
 * iovecs (gathered by the kernel, so segments need not be copied together) and optionally a UDP_SEGMENT
 * control message that turns it into one GSO send of many equal-sized datagrams.
 */
public final class SendBatch {

    /** Told about each message the kernel refused, with the tag given to {@link #begin}. */
    public interface Failures {
        void failed(Object tag, int errno);
    }

    static final int MMSG = 64;
    private static final int CMSG_SPACE_U16 = 24;

    private final int capacity;
    private final int iovCapacity;
    private final ByteBuffer vec;
    private final ByteBuffer iov;
    private final ByteBuffer names;
    private final ByteBuffer control;
    private final long vecAddress;
    private final long iovAddress;
    private final long namesAddress;
    private final long controlAddress;
    private final Object[] tags;
    private int count;
    private int iovUsed;
    private int messageIovStart;

    public SendBatch(int capacity, int iovCapacity) {
        this.capacity = capacity;
        this.iovCapacity = iovCapacity;
        this.vec = Native.allocate(MMSG * capacity);
        this.iov = Native.allocate(16 * iovCapacity);
        this.names = Native.allocate(16 * capacity);
        this.control = Native.allocate(CMSG_SPACE_U16 * capacity);
        this.vecAddress = Native.address(vec);
        this.iovAddress = Native.address(iov);
        this.namesAddress = Native.address(names);
        this.controlAddress = Native.address(control);
        this.tags = new Object[capacity];
    }

    public boolean isEmpty() {
        return count == 0;
    }

    /** Whether {@code messages} more messages with {@code iovs} pieces in all still fit. */
    public boolean hasRoom(int messages, int iovs) {
        return count + messages <= capacity && iovUsed + iovs <= iovCapacity;
    }

    /** Starts a message to {@code ip:port} (host-order bits). */
    public void begin(int ip, int port, Object tag) {
        int name = count * 16;
        names.putShort(name, Ifreq.AF_INET);
        names.putShort(name + 2, Short.reverseBytes((short) port));
        names.putInt(name + 4, Integer.reverseBytes(ip));
        tags[count] = tag;
        messageIovStart = iovUsed;
    }

    public void add(long address, int length) {
        int at = iovUsed * 16;
        iov.putLong(at, address);
        iov.putLong(at + 8, length);
        iovUsed++;
    }

    /** Ends the message; a {@code segmentSize} above 0 makes it a GSO send cut into datagrams of that size. */
    public void end(int segmentSize) {
        int at = count * MMSG;
        vec.putLong(at, namesAddress + count * 16L);
        vec.putInt(at + 8, 16);
        vec.putLong(at + 16, iovAddress + messageIovStart * 16L);
        vec.putLong(at + 24, iovUsed - messageIovStart);
        if (segmentSize > 0) {
            int c = count * CMSG_SPACE_U16;
            control.putLong(c, 18);
            control.putInt(c + 8, UdpSocket.SOL_UDP);
            control.putInt(c + 12, UdpSocket.UDP_SEGMENT);
            control.putShort(c + 16, (short) segmentSize);
            vec.putLong(at + 32, controlAddress + c);
            vec.putLong(at + 40, CMSG_SPACE_U16);
        } else {
            vec.putLong(at + 32, 0);
            vec.putLong(at + 40, 0);
        }
        vec.putInt(at + 48, 0);
        count++;
    }

    /** Sends every message (a refused one is reported and skipped, the rest still go), then empties the batch. */
    public void flush(int fd, Failures failures) {
        int start = 0;
        while (start < count) {
            int sent = Native.C.sendmmsg(fd, vecAddress + (long) start * MMSG, count - start, 0);
            if (sent > 0) {
                start += sent;
            } else {
                int errno = Native.errno();
                if (errno != Native.EINTR) {
                    failures.failed(tags[start], errno);
                    start++;
                }
            }
        }
        for (int i = 0; i < count; i++) {
            tags[i] = null;
        }
        count = 0;
        iovUsed = 0;
    }
}
