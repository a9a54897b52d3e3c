package dev.ovnet.forwarder;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.Random;

/**
 * Sends crafted datagrams to a forwarder's port, run inside a namespace by the tests:
 * {@code icmp HOST PORT SRC DST COUNT} sends ICMP echo requests (valid checksums) from SRC to DST in flannel's
 * format; {@code garbage HOST PORT COUNT SEED} sends random junk, half of it shaped like IPv4 headers with
 * wrong lengths, versions or header lengths. With {@code --from-port N} first, they leave from local port N, the
 * port a peer's forwarder sends from (shared with a forwarder running there, which also sets SO_REUSEADDR).
 */
public final class DatagramTool {

    private DatagramTool() {
    }

    public static void main(String[] all) throws Exception {
        int fromPort = all[0].equals("--from-port") ? Integer.parseInt(all[1]) : 0;
        String[] args = fromPort == 0 ? all : java.util.Arrays.copyOfRange(all, 2, all.length);
        InetSocketAddress to = new InetSocketAddress(InetAddress.getByName(args[1]), Integer.parseInt(args[2]));
        try (DatagramSocket socket = new DatagramSocket(null)) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(fromPort));
            if (args[0].equals("icmp")) {
                int count = Integer.parseInt(args[5]);
                for (int i = 0; i < count; i++) {
                    byte[] packet = echo(ip(args[3]), ip(args[4]), i);
                    socket.send(new DatagramPacket(packet, packet.length, to));
                    Thread.sleep(10);
                }
            } else {
                garbage(socket, to, Integer.parseInt(args[3]), new Random(Long.parseLong(args[4])));
            }
        }
    }

    static byte[] echo(int src, int dst, int seq) {
        ByteBuffer b = ByteBuffer.allocate(20 + 8 + 32);
        b.put(0, (byte) 0x45).putShort(2, (short) b.capacity()).putShort(4, (short) seq).put(8, (byte) 64)
                .put(9, (byte) 1).putInt(12, src).putInt(16, dst);
        b.putShort(10, (short) Checksum.finish(Checksum.sum(b, 0, 20)));
        b.put(20, (byte) 8).putShort(24, (short) 0x4f56).putShort(26, (short) seq);
        for (int i = 28; i < b.capacity(); i++) {
            b.put(i, (byte) i);
        }
        b.putShort(22, (short) Checksum.finish(Checksum.sum(b, 20, b.capacity() - 20)));
        return b.array();
    }

    private static void garbage(DatagramSocket socket, InetSocketAddress to, int count, Random random)
            throws Exception {
        for (int i = 0; i < count; i++) {
            int length = random.nextInt(10) == 0 ? random.nextInt(9000) : random.nextInt(1600);
            byte[] data = new byte[length];
            random.nextBytes(data);
            if (length >= 20 && random.nextBoolean()) {
                ByteBuffer b = ByteBuffer.wrap(data);
                b.put(0, (byte) (random.nextInt(4) == 0 ? 0x65 : 0x40 | random.nextInt(16)));
                b.putShort(2, (short) (random.nextBoolean() ? length + 1 + random.nextInt(100) : random.nextInt()));
                b.put(12, (byte) 10).put(13, (byte) 5).put(16, (byte) 10).put(17, (byte) 5).put(18, (byte) 2);
            }
            socket.send(new DatagramPacket(data, data.length, to));
            if (i % 200 == 0) {
                Thread.sleep(1);
            }
        }
    }

    private static int ip(String text) {
        return dev.ovnet.planner.net.Ipv4.parse(text).bits();
    }
}
