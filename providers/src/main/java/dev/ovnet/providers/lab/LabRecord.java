package dev.ovnet.providers.lab;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ovnet.providers.transport.LocalTransport;
import dev.ovnet.providers.transport.TransportException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeMap;

/**
 * What the lab made on this machine: every namespace that {@code lab up} (or {@code lab check}, for containers)
 * created, with the inode of the namespace it created, kept in {@code /run/ovnet/lab/<switch namespace>.json}
 * (mode 0600; the switch namespace names the lab, {@code ovnet-lab-<network name>} by default). {@code lab down}
 * removes, and stops processes in, only the namespaces listed here that are still the ones the lab made: a
 * namespace that merely has a lab host's name, or was made again by someone else since, is left alone. The file
 * lives under /run, so it goes with a reboot, as the namespaces do.
 */
final class LabRecord {

    static final Path DIR = Path.of("/run/ovnet/lab");
    private static final Path NETNS_DIR = Path.of("/run/netns");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path file;
    private final Map<String, Long> made;

    private LabRecord(Path file, Map<String, Long> made) {
        this.file = file;
        this.made = made;
    }

    /** The record of the lab whose switch namespace is {@code switchNamespace}; empty when there is none. */
    static LabRecord of(String switchNamespace) {
        return load(DIR.resolve(switchNamespace + ".json"));
    }

    static LabRecord load(Path file) {
        Map<String, Long> made = new TreeMap<>();
        try {
            JsonNode namespaces = JSON.readTree(Files.readAllBytes(file)).path("namespaces");
            for (Iterator<Map.Entry<String, JsonNode>> it = namespaces.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                if (!e.getValue().canConvertToLong()) {
                    throw new IOException("namespaces." + e.getKey() + " is not an inode number");
                }
                made.put(e.getKey(), e.getValue().asLong());
            }
        } catch (NoSuchFileException e) {
            // nothing made yet (or by an ovnet that kept no record)
        } catch (IOException | RuntimeException e) {
            throw new LabException("cannot read the lab's record " + file + ": " + e.getMessage(),
                    "remove " + file + "; lab down then leaves every namespace alone, and `ip netns del NAME`"
                            + " removes the lab's namespaces by hand");
        }
        return new LabRecord(file, made);
    }

    /** Remembers that the lab just created {@code netns}. */
    synchronized void created(String netns) {
        identity(netns).ifPresent(inode -> {
            made.put(netns, inode);
            save();
        });
    }

    /** Whether {@code netns} exists as the very namespace the lab created (not one made again since). */
    synchronized boolean madeByLab(String netns) {
        Long inode = made.get(netns);
        OptionalLong now = identity(netns);
        return inode != null && now.isPresent() && now.getAsLong() == inode;
    }

    /** Forgets {@code netns} (it was removed); the file goes with the last entry. */
    synchronized void removed(String netns) {
        if (made.remove(netns) != null) {
            save();
        }
    }

    Path file() {
        return file;
    }

    /** Every namespace the record lists as made by the lab, in name order. */
    synchronized List<String> namespaces() {
        return List.copyOf(made.keySet());
    }

    /** The inode of the namespace's file under /run/netns: the same namespace keeps it, a new one gets another. */
    private static OptionalLong identity(String netns) {
        try {
            return OptionalLong.of(((Number) Files.getAttribute(NETNS_DIR.resolve(netns), "unix:ino")).longValue());
        } catch (IOException | UnsupportedOperationException e) {
            return OptionalLong.empty();
        }
    }

    private void save() {
        try {
            if (made.isEmpty()) {
                Files.deleteIfExists(file);
                return;
            }
            Files.createDirectories(file.getParent(), PosixFilePermissions.asFileAttribute(
                    PosixFilePermissions.fromString("rwx------")));
            ObjectNode root = JSON.createObjectNode();
            made.forEach(root.putObject("namespaces")::put);
            byte[] bytes = JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root)
                    .concat("\n").getBytes(StandardCharsets.UTF_8);
            LocalTransport.writeAtomically(file, bytes, 0600);
        } catch (IOException | TransportException e) {
            throw new LabException("cannot write the lab's record " + file + ": " + e.getMessage(),
                    "lab down removes only the namespaces this file lists; check that /run/ovnet can be written");
        }
    }
}
