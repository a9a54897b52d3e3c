package dev.ovnet.forwarder.tun;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/** struct ifreq (40 bytes: the name, then a union) and struct sockaddr_in, laid out in direct buffers. */
final class Ifreq {

    static final int SIZE = 40;
    static final int DATA = 16;
    static final short AF_INET = 2;

    private Ifreq() {
    }

    static ByteBuffer named(String name) {
        ByteBuffer ifr = Native.allocate(SIZE);
        byte[] bytes = name.getBytes(StandardCharsets.US_ASCII);
        ifr.put(0, bytes, 0, Math.min(bytes.length, 15));
        return ifr;
    }

    /** Writes a sockaddr_in for {@code address} (host order bits) and {@code port} at {@code offset}. */
    static void sockaddr(ByteBuffer buffer, int offset, int address, int port) {
        buffer.putShort(offset, AF_INET);
        ByteBuffer big = buffer.duplicate().order(ByteOrder.BIG_ENDIAN);
        big.putShort(offset + 2, (short) port);
        big.putInt(offset + 4, address);
    }
}
