package dev.ovnet.forwarder;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ovnet.forwarder.tun.Native;
import java.nio.ByteBuffer;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ChecksumTest {

    @Test
    void matchesTheNaiveSumForEveryOffsetAndLength() {
        Random random = new Random(7);
        byte[] data = new byte[3000];
        random.nextBytes(data);
        ByteBuffer direct = Native.allocate(data.length);
        direct.put(0, data);
        for (int offset = 0; offset < 9; offset++) {
            for (int length = 0; length < 1500; length += 1 + random.nextInt(7)) {
                assertEquals(Packets.naiveSum(data, offset, length), Checksum.sum(direct, offset, length),
                        "offset " + offset + " length " + length);
            }
        }
    }

    @Test
    void aFilledInTcpChecksumVerifies() {
        byte[] p = Packets.tcp(1000, 2000, 1, 2, 0x18, Packets.bytes(777, 1), true);
        assertEquals(0xffff, Packets.tcpSum(p));
        ByteBuffer direct = Native.allocate(p.length);
        direct.put(0, p);
        long sum = Checksum.pseudo(Packets.SRC, Packets.DST, 6, p.length - 20)
                + Checksum.sum(direct, 20, p.length - 20);
        assertEquals(0, Checksum.finish(sum));
    }
}
