package dev.ovnet.forwarder;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ovnet.planner.net.Cidr;
import dev.ovnet.planner.net.Ipv4;
import dev.ovnet.forwarder.tun.Native;
import dev.ovnet.forwarder.tun.SendBatch;
import dev.ovnet.forwarder.tun.UdpSocket;
import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Cuts a super-packet and sends it with UDP GSO over loopback to an ordinary socket: every datagram that arrives
 * must be a valid IPv4/TCP packet (both checksums verified the slow way) with the right sequence number,
 * length and flags, and the payloads must add up to the original.
 */
class TsoSplitterTest {

    @ParameterizedTest(name = "mss {0}")
    @ValueSource(ints = {1448, 999, 536, 65000})
    void segmentsAreValidPacketsThatAddUpToTheSuperPacket(int mss) throws Exception {
        byte[] payload = Packets.bytes(60_000, mss);
        byte[] superPacket = Packets.tcp(40000, 5201, 0x7ffffff0, 99, 0x80 | 0x18 | 0x01, payload, true);
        superPacket[36] = 0x12;
        ByteBuffer data = Native.allocate(70_000);
        data.put(0, superPacket);
        TsoSplitter splitter = new TsoSplitter(data, Native.address(data), 1);
        try (DatagramChannel receiver = DatagramChannel.open();
                UdpSocket sender = UdpSocket.bind(0x7f000001, 0)) {
            receiver.bind(new InetSocketAddress("127.0.0.1", 0));
            receiver.setOption(java.net.StandardSocketOptions.SO_RCVBUF, 4 << 20);
            int port = ((InetSocketAddress) receiver.getLocalAddress()).getPort();
            Peer peer = new Peer(Cidr.parse("10.5.2.0/24"), Ipv4.parse("127.0.0.1"), port, new PeerCounters());
            SendBatch batch = new SendBatch(64, 4096);
            assertTrue(splitter.split(0, 0, superPacket.length, mss, peer, batch));
            batch.flush(sender.fd(), (tag, errno) -> {
                throw new AssertionError("send failed: " + Native.describe(errno));
            });
            int segments = (payload.length + mss - 1) / mss;
            assertEquals(segments, peer.counters().txPackets());
            ByteArrayOutputStream joined = new ByteArrayOutputStream();
            ByteBuffer in = ByteBuffer.allocate(65536);
            for (int i = 0; i < segments; i++) {
                in.clear();
                receiver.receive(in);
                byte[] p = new byte[in.position()];
                in.flip().get(p);
                ByteBuffer b = ByteBuffer.wrap(p);
                int size = Math.min(mss, payload.length - i * mss);
                assertEquals(52 + size, p.length);
                assertEquals(p.length, b.getShort(2) & 0xffff);
                assertEquals(0xffff, Packets.naiveSum(p, 0, 20), "IP checksum of segment " + i);
                assertEquals(0xffff, Packets.tcpSum(p), "TCP checksum of segment " + i);
                assertEquals(0x7ffffff0 + i * mss, b.getInt(24));
                assertEquals((short) (77 + i), b.getShort(4));
                int flags = p[33] & 0xff;
                assertEquals(i == 0, (flags & 0x80) != 0, "CWR only on the first");
                assertEquals(i == segments - 1, (flags & 0x09) == 0x09, "PSH and FIN only on the last");
                assertTrue((flags & 0x10) != 0);
                joined.write(p, 52, size);
            }
            assertArrayEquals(payload, joined.toByteArray());
        } finally {
            java.lang.ref.Reference.reachabilityFence(data);
        }
    }

    @ParameterizedTest(name = "protocol {0}")
    @ValueSource(ints = {17, 1})
    void refusesWhatIsNotTcp(int protocol) {
        byte[] packet = Packets.tcp(1, 2, 3, 4, 0x10, Packets.bytes(3000, 1), false);
        packet[9] = (byte) protocol;
        ByteBuffer data = Native.allocate(4000);
        data.put(0, packet);
        TsoSplitter splitter = new TsoSplitter(data, Native.address(data), 1);
        Peer peer = new Peer(Cidr.parse("10.5.2.0/24"), Ipv4.parse("127.0.0.1"), 9, new PeerCounters());
        SendBatch batch = new SendBatch(8, 64);
        assertFalse(splitter.split(0, 0, packet.length, 1400, peer, batch));
        assertTrue(batch.isEmpty());
    }
}
