package dev.ovnet.forwarder;

import dev.ovnet.forwarder.tun.Native;
import dev.ovnet.forwarder.tun.NativeException;
import dev.ovnet.forwarder.tun.TunDevice;
import java.nio.ByteBuffer;

/**
 * One write per packet. On a device with a vnet header (offload mode) each packet is prefixed with an
 * all-zero header through writev, which tells the kernel to check its checksums itself.
 */
final class PlainSink implements TunSink {

    private final TunWriter writer;
    private final long data;
    private final boolean vnetHdr;
    private final ByteBuffer zero = Native.allocate(16);
    private final ByteBuffer iov = Native.allocate(32);
    private final long iovAddress = Native.address(iov);

    PlainSink(TunWriter writer, long data, boolean vnetHdr) {
        this.writer = writer;
        this.data = data;
        this.vnetHdr = vnetHdr;
        iov.putLong(0, Native.address(zero));
        iov.putLong(8, TunDevice.VNET_HDR_LEN);
    }

    @Override
    public void add(int offset, int length) throws NativeException {
        if (vnetHdr) {
            iov.putLong(16, data + offset);
            iov.putLong(24, length);
            writer.writev(iovAddress, 2);
        } else {
            writer.write(data + offset, length);
        }
    }

    @Override
    public void flush() {
    }
}
