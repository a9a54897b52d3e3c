package dev.ovnet.providers.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ovnet.planner.desired.FlannelFiles;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Links planted under a host's root, and roots others can write, as the local transport (this machine and its
 * network namespaces) meets them: each file operation is refused with what is wrong, and nothing outside the
 * root changes.
 */
class PathGuardTest {

    @TempDir
    Path dir;
    private Path root;
    private Path outside;
    private String subnetEnv;
    private final LocalTransport local = new LocalTransport();

    @BeforeEach
    void layout() throws Exception {
        root = Files.createDirectory(dir.resolve("root"));
        Files.setPosixFilePermissions(root, PosixFilePermissions.fromString("rwxr-xr-x"));
        outside = Files.createDirectory(dir.resolve("outside"));
        Files.writeString(outside.resolve("precious"), "keep me\n");
        subnetEnv = FlannelFiles.under(root.toString(), FlannelFiles.SUBNET_ENV);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void aLinkAtSubnetEnvIsRefusedForWriteReadAndRemoveAndWhatItNamesIsUntouched() throws Exception {
        Path link = Path.of(subnetEnv);
        Files.createDirectories(link.getParent());
        Files.createSymbolicLink(link, outside.resolve("precious"));
        TransportException e = assertThrows(TransportException.class,
                () -> local.writeFile(subnetEnv, bytes("FLANNEL_MTU=1\n"), 0644));
        assertEquals("refusing to write " + subnetEnv + " on local: it is a symbolic link (to "
                + outside.resolve("precious") + "), which ovnet does not follow; remove " + subnetEnv
                + "; ovnet writes the file itself", e.getMessage());
        assertTrue(assertThrows(TransportException.class, () -> local.readFile(subnetEnv)).getMessage()
                .startsWith("refusing to read " + subnetEnv + " on local: it is a symbolic link"));
        assertTrue(assertThrows(TransportException.class, () -> local.deleteFile(subnetEnv)).getMessage()
                .startsWith("refusing to remove " + subnetEnv + " on local: it is a symbolic link"));
        assertEquals("keep me\n", Files.readString(outside.resolve("precious")));
        assertTrue(Files.isSymbolicLink(link), "the link is left for the user to look at");
    }

    @Test
    void aLinkedFolderBelowTheRootIsRefusedAndNothingIsWrittenWhereItPoints() throws Exception {
        Files.createDirectories(root.resolve("run"));
        Files.createSymbolicLink(root.resolve("run/flannel"), outside);
        TransportException e = assertThrows(TransportException.class,
                () -> local.writeFile(subnetEnv, bytes("FLANNEL_MTU=1\n"), 0644));
        assertTrue(e.getMessage().startsWith("refusing to write " + subnetEnv + " on local: " + root
                + "/run/flannel is a symbolic link (to " + outside + "), which ovnet does not follow below a host's"
                + " root; remove " + root + "/run/flannel"), e.getMessage());
        assertThrows(TransportException.class, () -> local.deleteFile(subnetEnv));
        assertFalse(Files.exists(outside.resolve("subnet.env")));
    }

    @Test
    void aRootWritableByOthersIsRefusedAndAnOwnerOnlyRootIsWritten() throws Exception {
        Files.setPosixFilePermissions(root, PosixFilePermissions.fromString("rwxrwxrwx"));
        TransportException e = assertThrows(TransportException.class,
                () -> local.writeFile(subnetEnv, bytes("x\n"), 0644));
        assertTrue(e.getMessage().contains("the host's root " + root + " is writable by every user (mode 0777), who"
                + " could plant links under it; make it writable by its owner only: chmod go-w " + root),
                e.getMessage());
        Files.setPosixFilePermissions(root, PosixFilePermissions.fromString("rwxrwxr-x"));
        e = assertThrows(TransportException.class, () -> local.writeFile(subnetEnv, bytes("x\n"), 0644));
        assertTrue(e.getMessage().contains("is writable by its group (mode 0775)"), e.getMessage());
        assertFalse(Files.exists(Path.of(subnetEnv)));

        Files.setPosixFilePermissions(root, PosixFilePermissions.fromString("rwxr-xr-x"));
        local.writeFile(subnetEnv, bytes("x\n"), 0644);
        assertEquals("x\n", new String(local.readFile(subnetEnv).orElseThrow(), StandardCharsets.UTF_8));
        local.deleteFile(subnetEnv);
        assertFalse(Files.exists(Path.of(subnetEnv)));
    }

    @Test
    void aLinkInPlaceOfAnyOtherFileIsRefusedToo() throws Exception {
        Path settings = Files.createDirectories(root.resolve("run/ovnet")).resolve("flannel0.settings");
        Files.createSymbolicLink(settings, outside.resolve("precious"));
        assertThrows(TransportException.class, () -> local.writeFile(settings.toString(), bytes("x"), 0644));
        assertThrows(TransportException.class, () -> local.readFile(settings.toString()));
        assertEquals("keep me\n", Files.readString(outside.resolve("precious")));
    }
}
