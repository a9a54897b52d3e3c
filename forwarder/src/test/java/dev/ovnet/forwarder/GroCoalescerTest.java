package dev.ovnet.forwarder;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ovnet.planner.net.Cidr;
import dev.ovnet.forwarder.tun.Native;
import dev.ovnet.forwarder.tun.Wakeup;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Feeds segments to the coalescer and reads back what it writes (into a file standing in for the TUN): the
 * virtio_net_hdr, the rewritten header and the joined payloads, in per-flow order.
 */
class GroCoalescerTest {

    private static final int MSS = 1000;

    private Path out;
    private int fd;
    private Wakeup wakeup;
    private GroCoalescer coalescer;
    private ByteBuffer data;
    private int used;

    /** One write to the "TUN": its vnet header fields and the packet. */
    record Write(int flags, int gsoType, int hdrLen, int gsoSize, byte[] packet) {
        int seq() {
            return ByteBuffer.wrap(packet).getInt(24);
        }
    }

    @BeforeEach
    void setUp() throws Exception {
        out = Files.createTempFile("ovf-gro", ".bin");
        fd = Native.C.open(out.toString(), 1);
        wakeup = new Wakeup();
        DataPlane plane = new DataPlane(fd, -1, true, Cidr.parse("10.5.0.0/16"), Cidr.parse("10.5.2.0/24"),
                PeerTable.empty(), wakeup, line -> { });
        data = Native.allocate(1 << 20);
        coalescer = new GroCoalescer(new TunWriter(plane), data, Native.address(data));
    }

    @AfterEach
    void tearDown() throws Exception {
        Native.C.close(fd);
        wakeup.close();
        Files.deleteIfExists(out);
    }

    @Test
    void inOrderSegmentsBecomeOneGsoPacketWithThePushOfTheLast() throws Exception {
        ByteArrayOutputStream payload = new ByteArrayOutputStream();
        for (int i = 0; i < 10; i++) {
            byte[] chunk = Packets.bytes(i == 9 ? 300 : MSS, i);
            payload.write(chunk);
            add(Packets.tcp(1, 2, 5000 + i * MSS, 7, i == 9 ? 0x18 : 0x10, chunk, true));
        }
        List<Write> writes = flush();
        assertEquals(1, writes.size());
        Write w = writes.get(0);
        assertEquals(1, w.flags());
        assertEquals(1, w.gsoType());
        assertEquals(52, w.hdrLen());
        assertEquals(MSS, w.gsoSize());
        ByteBuffer p = ByteBuffer.wrap(w.packet());
        assertEquals(52 + 9300, p.getShort(2) & 0xffff);
        assertEquals(0xffff, Packets.naiveSum(w.packet(), 0, 20), "IP header checksum");
        assertEquals(5000, p.getInt(24));
        assertEquals(0x18, w.packet()[33]);
        int pseudo = Checksum.pseudo(Packets.SRC, Packets.DST, 6, 32 + 9300);
        assertEquals(pseudo, p.getShort(36) & 0xffff, "the pseudo-header sum the kernel completes");
        byte[] joined = new byte[9300];
        System.arraycopy(w.packet(), 52, joined, 0, joined.length);
        assertArrayEquals(payload.toByteArray(), joined);
    }

    @Test
    void flowsStayApartAndGapsOrFinsSplitGroupsWithoutReordering() throws Exception {
        add(Packets.tcp(1, 2, 0, 7, 0x10, Packets.bytes(MSS, 1), false));
        add(Packets.tcp(3, 4, 100, 7, 0x10, Packets.bytes(MSS, 2), false));
        add(Packets.tcp(1, 2, MSS, 7, 0x10, Packets.bytes(MSS, 3), false));
        add(Packets.tcp(3, 4, 100 + MSS, 7, 0x10, Packets.bytes(MSS, 4), false));
        add(Packets.tcp(1, 2, 5 * MSS, 7, 0x10, Packets.bytes(MSS, 5), false));
        add(Packets.tcp(1, 2, 6 * MSS, 7, 0x11, Packets.bytes(MSS, 6), false));
        add(Packets.tcp(1, 2, 7 * MSS, 8, 0x10, Packets.bytes(MSS, 7), false));
        add(Packets.tcp(1, 2, 8 * MSS, 8, 0x10, Packets.bytes(MSS, 8), false));
        List<Write> writes = flush();
        List<String> seen = new ArrayList<>();
        for (Write w : writes) {
            seen.add(ByteBuffer.wrap(w.packet()).getShort(20) + ":" + w.seq() + "x" + (w.packet().length - 40));
        }
        assertEquals(List.of("1:0x2000", "3:100x2000", "1:5000x1000", "1:6000x1000", "1:7000x2000"), seen);
        assertEquals(0, writes.get(2).flags(), "a lone segment goes without offload, its checksum checked");
        assertEquals(0xffff, Packets.tcpSum(writes.get(3).packet()), "the FIN segment is written unchanged");
    }

    @Test
    void aSegmentWithAWrongChecksumIsNotMergedButPassedAsReceivedForTheKernelToDrop() throws Exception {
        add(Packets.tcp(1, 2, 0, 7, 0x10, Packets.bytes(MSS, 1), false));
        byte[] damaged = Packets.tcp(1, 2, MSS, 7, 0x10, Packets.bytes(MSS, 2), false);
        damaged[40 + 123] ^= 0x04;
        add(damaged);
        add(Packets.tcp(1, 2, 2 * MSS, 7, 0x10, Packets.bytes(MSS, 3), false));
        add(Packets.tcp(1, 2, 3 * MSS, 7, 0x10, Packets.bytes(MSS, 4), false));
        List<Write> writes = flush();
        List<String> seen = new ArrayList<>();
        for (Write w : writes) {
            seen.add(w.seq() + "x" + (w.packet().length - 40));
        }
        assertEquals(List.of("0x1000", "1000x1000", "2000x2000"), seen);
        assertEquals(0, writes.get(1).flags(), "the damaged segment goes without NEEDS_CSUM: the kernel checks it");
        assertArrayEquals(damaged, writes.get(1).packet());
        assertEquals(1, writes.get(2).flags(), "good segments after it still coalesce");
    }

    @Test
    void otherProtocolsPassUnchanged() throws Exception {
        byte[] udp = Packets.tcp(1, 2, 0, 0, 0x10, Packets.bytes(100, 9), false);
        udp[9] = 17;
        add(udp);
        List<Write> writes = flush();
        assertEquals(1, writes.size());
        assertEquals(0, writes.get(0).gsoType());
        assertArrayEquals(udp, writes.get(0).packet());
    }

    private void add(byte[] packet) throws Exception {
        data.put(used, packet);
        coalescer.add(used, packet.length);
        used += packet.length;
    }

    private List<Write> flush() throws Exception {
        coalescer.flush();
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(out));
        List<Write> writes = new ArrayList<>();
        while (b.remaining() > 10) {
            ByteBuffer h = b.slice(b.position(), 10).order(ByteOrder.LITTLE_ENDIAN);
            int length = b.getShort(b.position() + 12) & 0xffff;
            byte[] packet = new byte[length];
            b.get(b.position() + 10, packet);
            writes.add(new Write(h.get(0), h.get(1), h.getShort(2), h.getShort(4), packet));
            b.position(b.position() + 10 + length);
        }
        return writes;
    }
}
