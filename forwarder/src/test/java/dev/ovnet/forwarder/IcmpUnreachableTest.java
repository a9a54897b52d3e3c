package dev.ovnet.forwarder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ovnet.planner.net.Cidr;
import dev.ovnet.planner.net.Ipv4;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;

class IcmpUnreachableTest {

    private static final Cidr POOL = Cidr.parse("10.5.0.0/16");

    private final ByteBuffer out = ByteBuffer.allocate(256);
    private final ByteBuffer outLe = out.duplicate().order(ByteOrder.LITTLE_ENDIAN);

    @Test
    void answersLikeARouterFromAPoolAddressThatIsNotThisHosts() {
        IcmpUnreachable icmp = new IcmpUnreachable(POOL, Cidr.parse("10.5.1.0/24"));
        byte[] syn = Packets.tcp(40000, 80, 1, 0, 0x02, new byte[0], true);
        int length = icmp.build(ByteBuffer.wrap(syn), 0, syn.length, out, outLe, 0);
        assertEquals(20 + 8 + 28, length);
        byte[] reply = new byte[length];
        out.get(0, reply);
        assertEquals(0xffff, Packets.naiveSum(reply, 0, 20), "IP header checksum");
        assertEquals(0xffff, Packets.naiveSum(reply, 20, length - 20), "ICMP checksum");
        assertEquals(1, reply[9]);
        assertEquals(Ipv4.parse("10.5.0.0").bits(), out.getInt(12));
        assertEquals(Packets.SRC, out.getInt(16));
        assertEquals(3, reply[20]);
        assertEquals(0, reply[21]);
        assertEquals(ByteBuffer.wrap(syn, 0, 28), ByteBuffer.wrap(reply, 28, 28), "quotes the header and 8 bytes");

        IcmpUnreachable first = new IcmpUnreachable(POOL, Cidr.parse("10.5.0.0/24"));
        first.build(ByteBuffer.wrap(syn), 0, syn.length, out, outLe, 0);
        assertEquals(Ipv4.parse("10.5.255.255").bits(), out.getInt(12), "the pool's first address is ours");
    }

    @Test
    void staysSilentAboutErrorsAndLaterFragmentsAndIsRateLimited() {
        IcmpUnreachable icmp = new IcmpUnreachable(POOL, Cidr.parse("10.5.1.0/24"));
        byte[] error = Packets.tcp(1, 2, 3, 4, 0x10, new byte[8], false);
        error[9] = 1;
        error[20] = 3;
        assertEquals(0, icmp.build(ByteBuffer.wrap(error), 0, error.length, out, outLe, 0));
        byte[] fragment = Packets.tcp(1, 2, 3, 4, 0x10, new byte[8], false);
        fragment[7] = 10;
        assertEquals(0, icmp.build(ByteBuffer.wrap(fragment), 0, fragment.length, out, outLe, 0));
        byte[] echo = DatagramTool.echo(Packets.SRC, Packets.DST, 1);
        int sent = 0;
        for (int i = 0; i < 200; i++) {
            sent += icmp.build(ByteBuffer.wrap(echo), 0, echo.length, out, outLe, 0) > 0 ? 1 : 0;
        }
        assertTrue(sent >= 50 && sent < 60, sent + ": a burst of 50, then 100 per second");
    }
}
