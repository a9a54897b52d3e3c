package dev.ovnet.providers.forwarding;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ForwarderLogTailTest {

    @Test
    void aFailureThatSystemdRetriedIsShownOnce() {
        String once = "Error: cannot set up the forwarder on flannel0: SIOCSIFFLAGS flannel0: Operation not permitted\n"
                + "  run as root (CAP_NET_ADMIN), check /dev/net/tun and that the port is free\n";
        String log = "forwarding flannel0 <-> 192.0.2.41:8285\npeer added 10.100.2.0/24 -> 192.0.2.42:8285\n"
                + once.repeat(8);
        assertEquals("forwarding flannel0 <-> 192.0.2.41:8285\npeer added 10.100.2.0/24 -> 192.0.2.42:8285\n"
                + once.strip(), ForwarderRunFiles.logTail(log));
    }

    @Test
    void onlyTheLastLinesOfALongLogAreKept() {
        String log = IntStream.rangeClosed(1, 25).mapToObj(i -> "line " + i).collect(Collectors.joining("\n"));
        assertEquals(IntStream.rangeClosed(16, 25).mapToObj(i -> "line " + i).collect(Collectors.joining("\n")),
                ForwarderRunFiles.logTail(log + "\n\n"));
    }

    @Test
    void anEmptyLogGivesNothing() {
        assertEquals("", ForwarderRunFiles.logTail("\n \n"));
    }
}
