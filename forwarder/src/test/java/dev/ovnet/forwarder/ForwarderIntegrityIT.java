package dev.ovnet.forwarder;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Large random files through the tunnel, compared by SHA-256. Coalesced packets are not re-checked by the
 * receiving TCP, so a checksum or coalescing bug would corrupt data silently: these tests are the guard. The
 * interoperation case puts a plain one-packet forwarder (flannel's behaviour) on the other side, whose kernel
 * verifies every TCP checksum the offload side computed (with an odd MSS, 1431, to catch odd-length segments);
 * TcpInCsumErrors must stay 0 everywhere.
 */
@Tag("forwarder")
class ForwarderIntegrityIT {

    private Lab lab;

    @AfterEach
    void tearDown() {
        if (lab != null) {
            lab.close();
        }
    }

    @Test
    void a256MiBFileCrossesBothWaysIntactInOffloadMode() throws Exception {
        lab = Lab.up(1472);
        ForwarderProcess a = lab.forwarder(Lab.A);
        ForwarderProcess b = lab.forwarder(Lab.B);
        assertEquals("offload", a.stats().path("mode").asText());
        assertEquals("offload", b.stats().path("mode").asText());
        roundTrip(lab, 256);
    }

    @Test
    void offloadAndPlainForwardersInteroperateBothWays() throws Exception {
        lab = Lab.up(1471);
        ForwarderProcess a = lab.forwarder(Lab.A);
        ForwarderProcess b = lab.forwarder(Lab.B, "--plain");
        assertEquals("offload", a.stats().path("mode").asText());
        assertEquals("plain", b.stats().path("mode").asText());
        roundTrip(lab, 64);
    }

    /** Sends a random file from A's container to B's and back, and checks digests and TCP checksum errors. */
    static void roundTrip(Lab lab, int megabytes) throws Exception {
        long errors = Transfer.tcpChecksumErrors();
        Path file = Transfer.randomFile(lab.dir().resolve("data"), megabytes);
        String digest = Transfer.sha256(file);
        Path there = Transfer.send(file, Lab.AC, Lab.BC, "10.5.2.2", lab.dir().resolve("there"));
        assertEquals(digest, Transfer.sha256(there), "A to B");
        Files.delete(there);
        Path back = Transfer.send(file, Lab.BC, Lab.AC, "10.5.1.2", lab.dir().resolve("back"));
        assertEquals(digest, Transfer.sha256(back), "B to A");
        assertEquals(errors, Transfer.tcpChecksumErrors(), "TcpInCsumErrors rose");
    }
}
