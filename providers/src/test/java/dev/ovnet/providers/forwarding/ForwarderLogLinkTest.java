package dev.ovnet.providers.forwarding;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ovnet.planner.model.Forwarder;
import dev.ovnet.planner.net.Cidr;
import dev.ovnet.planner.net.Ipv4;
import dev.ovnet.providers.transport.LocalTransport;
import dev.ovnet.providers.transport.TransportException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The forwarder's log is appended to by whatever starts it, so a link planted there stops the start. */
class ForwarderLogLinkTest {

    @TempDir
    Path dir;

    @Test
    void aLinkPlantedAtTheLogIsRefusedBeforeTheForwarderIsStartedOrAnythingWritten() throws Exception {
        Path root = Files.createDirectory(dir.resolve("root"),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
        Path outside = Files.writeString(dir.resolve("precious"), "keep me\n");
        Forwarder f = new Forwarder("flannel0", Ipv4.parse("192.0.2.11"), 8285, Cidr.parse("10.100.0.0/16"),
                Cidr.parse("10.100.1.0/24"), root + "/run/ovnet/flannel0.peers", 1);
        Path log = Path.of(ForwarderRunFiles.file(f, "log"));
        Files.createDirectories(log.getParent());
        Files.createSymbolicLink(log, outside);
        AtomicBoolean launched = new AtomicBoolean();

        TransportException e = assertThrows(TransportException.class, () -> ForwarderRunFiles.start(
                new LocalTransport(), f, Optional.empty(), "start the forwarder", () -> launched.set(true)));

        assertTrue(e.getMessage().startsWith("refusing to append to " + log + " on local: it is a symbolic link (to "
                + outside + "), which ovnet does not follow"), e.getMessage());
        assertFalse(launched.get());
        assertFalse(Files.exists(Path.of(ForwarderRunFiles.file(f, "settings"))), "nothing written");
        assertEquals("keep me\n", Files.readString(outside));
    }
}
