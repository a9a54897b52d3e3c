package dev.ovnet.providers.lab;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The lab's record read from disk: no record means nothing is the lab's; a damaged one stops with a way out. */
class LabRecordTest {

    @TempDir
    Path dir;

    @Test
    void withoutARecordNoNamespaceIsTheLabs() {
        LabRecord record = LabRecord.load(dir.resolve("ovnet-lab-demo.json"));
        assertFalse(record.madeByLab("node-1"));
        record.removed("node-1");
        assertFalse(Files.exists(record.file()), "forgetting what was never there writes nothing");
    }

    @Test
    void aNamespaceListedWithAnotherInodeIsNotTheLabs() throws Exception {
        Path file = dir.resolve("ovnet-lab-demo.json");
        Files.writeString(file, "{\"namespaces\": {\"ovtn-r-none\": 1}}\n");
        assertFalse(LabRecord.load(file).madeByLab("ovtn-r-none"));
    }

    @Test
    void aDamagedRecordIsRefusedNamingItAndHowToGoOn() throws Exception {
        Path file = dir.resolve("ovnet-lab-demo.json");
        Files.writeString(file, "{\"namespaces\": {\"node-1\": \"x\"}}\n");
        LabException e = assertThrows(LabException.class, () -> LabRecord.load(file));
        assertTrue(e.getMessage().startsWith("cannot read the lab's record " + file + ": "), e.getMessage());
        assertTrue(e.hint().contains("remove " + file), e.hint());
    }
}
