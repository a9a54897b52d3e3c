package dev.ovnet.forwarder;

import java.nio.ByteBuffer;

/** Builds test packets with a naive, obviously right checksum, and checks checksums the same way. */
final class Packets {

    static final int SRC = 0x0a050102;
    static final int DST = 0x0a050202;

    private Packets() {
    }

    /** RFC 1071 the slow way: 16-bit big-endian words, odd byte padded. */
    static int naiveSum(byte[] data, int offset, int length) {
        long sum = 0;
        for (int i = 0; i + 1 < length; i += 2) {
            sum += ((data[offset + i] & 0xff) << 8) | (data[offset + i + 1] & 0xff);
        }
        if ((length & 1) != 0) {
            sum += (data[offset + length - 1] & 0xff) << 8;
        }
        while ((sum >>> 16) != 0) {
            sum = (sum & 0xffff) + (sum >>> 16);
        }
        return (int) sum;
    }

    /** An IPv4/TCP packet (with a 12-byte timestamp option when {@code options}), checksums filled in. */
    static byte[] tcp(int sport, int dport, int seq, int ack, int flags, byte[] payload, boolean options) {
        int thl = options ? 32 : 20;
        byte[] p = new byte[20 + thl + payload.length];
        ByteBuffer b = ByteBuffer.wrap(p);
        b.put(0, (byte) 0x45).putShort(2, (short) p.length).putShort(4, (short) 77).putShort(6, (short) 0x4000)
                .put(8, (byte) 63).put(9, (byte) 6).putInt(12, SRC).putInt(16, DST);
        b.putShort(10, (short) (~naiveSum(p, 0, 20) & 0xffff));
        b.putShort(20, (short) sport).putShort(22, (short) dport).putInt(24, seq).putInt(28, ack)
                .put(32, (byte) ((thl / 4) << 4)).put(33, (byte) flags).putShort(34, (short) 502);
        if (options) {
            b.putInt(40, 0x0101080a).putInt(44, 123456).putInt(48, 654321);
        }
        System.arraycopy(payload, 0, p, 20 + thl, payload.length);
        b.putShort(36, (short) (~tcpSum(p) & 0xffff));
        return p;
    }

    /** The TCP sum over pseudo header and segment; a packet with a right checksum gives 0xffff. */
    static int tcpSum(byte[] p) {
        int ihl = (p[0] & 0xf) * 4;
        int len = p.length - ihl;
        long sum = naiveSum(p, 12, 8) + 6 + len + naiveSum(p, ihl, len);
        while ((sum >>> 16) != 0) {
            sum = (sum & 0xffff) + (sum >>> 16);
        }
        return (int) sum;
    }

    static byte[] bytes(int length, int seed) {
        byte[] out = new byte[length];
        new java.util.Random(seed).nextBytes(out);
        return out;
    }
}
