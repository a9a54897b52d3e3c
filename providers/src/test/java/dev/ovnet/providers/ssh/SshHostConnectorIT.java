package dev.ovnet.providers.ssh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ovnet.planner.config.Connection;
import dev.ovnet.planner.plan.HostPlan;
import dev.ovnet.planner.plan.HostReading;
import dev.ovnet.planner.spi.ApplyListener;
import dev.ovnet.planner.spi.ApplyResult;
import dev.ovnet.planner.spi.Host;
import dev.ovnet.planner.spi.HostTarget;
import dev.ovnet.planner.spi.ReadRequest;
import dev.ovnet.providers.transport.Transport;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The ssh {@code HostConnector}: a host built on a live transport, and no transport left open on failure. */
@Tag("ssh")
class SshHostConnectorIT {

    private static SshdLab lab;

    @BeforeAll
    static void start() throws Exception {
        lab = SshdLab.start(1);
    }

    @AfterAll
    static void stop() {
        lab.close();
    }

    /** Stands in for LinuxHost: only what the connector hands over matters here. */
    record TransportHost(String name, Transport transport) implements Host {
        @Override
        public HostReading read(ReadRequest request) {
            throw new UnsupportedOperationException();
        }

        @Override
        public ApplyResult apply(HostPlan plan, ApplyListener listener) {
            throw new UnsupportedOperationException();
        }

        @Override
        public boolean probe(dev.ovnet.planner.spi.Probe probe) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void close() {
            transport.close();
        }
    }

    @Test
    void hostGetsAWorkingTransportAndTheAcceptNewNotice() {
        Path knownHosts = lab.dir().resolve("kh-connector");
        List<String> notices = new ArrayList<>();
        SshHostConnector connector = new SshHostConnector(lab.connector(true, Map.of()),
                (target, transport) -> new TransportHost(target.name(), transport), notices::add);
        try (Host host = connector.connect(lab.target(1, lab.ssh("root", knownHosts, false)))) {
            assertEquals("node-1", host.name());
            Transport transport = ((TransportHost) host).transport();
            assertEquals("192.0.2.1", transport.run(List.of("sh", "-c",
                    "ip -4 -o addr show eth0 | awk '{print $4}' | cut -d/ -f1")).stdout().trim());
        }
        assertEquals(1, notices.size());
        assertTrue(notices.get(0).startsWith("added the ED25519 key SHA256:"), notices.get(0));
    }

    @Test
    void transportIsClosedWhenTheHostCannotBeBuilt() throws Exception {
        Path knownHosts = lab.dir().resolve("kh-failing");
        java.nio.file.Files.writeString(knownHosts, lab.knownHostsLine(1) + "\n");
        AtomicReference<Transport> handed = new AtomicReference<>();
        SshHostConnector connector = new SshHostConnector(lab.connector(false, Map.of()), (target, transport) -> {
            handed.set(transport);
            throw new IllegalStateException("provider failed");
        });
        assertThrows(IllegalStateException.class,
                () -> connector.connect(lab.target(1, lab.ssh("root", knownHosts, false))));
        assertThrows(IllegalStateException.class, () -> handed.get().run(List.of("true")));
    }

    @Test
    void refusesHostsThatAreNotSsh() {
        SshHostConnector connector = new SshHostConnector(lab.connector(false, Map.of()),
                (target, transport) -> new TransportHost(target.name(), transport));
        HostTarget local = new HostTarget("here", Connection.LOCAL, null, null, null, "/");
        assertThrows(IllegalArgumentException.class, () -> connector.connect(local));
    }
}
