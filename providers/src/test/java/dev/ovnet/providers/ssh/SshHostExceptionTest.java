package dev.ovnet.providers.ssh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ovnet.planner.spi.HostFailure;
import org.junit.jupiter.api.Test;

class SshHostExceptionTest {

    @Test
    void theFailureTheEngineReportsKeepsTheHintOnItsSecondLine() {
        HostFailure failure = new SshHostException("node-1", "node-1 (192.0.2.1:22) is unreachable: connection refused",
                "check that sshd runs on 192.0.2.1").failure();
        assertEquals("node-1", failure.host());
        assertNull(failure.command());
        assertTrue(failure.unreachable());
        assertEquals("node-1 (192.0.2.1:22) is unreachable: connection refused\n  check that sshd runs on 192.0.2.1",
                failure.detail());
    }

    @Test
    void withoutAHintTheDetailIsTheMessage() {
        assertEquals("node-1: no address to connect to",
                new SshHostException("node-1", "node-1: no address to connect to", null).failure().detail());
    }
}
