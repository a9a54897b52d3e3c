package dev.ovnet.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A file's {@code state.path} stays in the file's folder unless the person running ovnet passes
 * {@code --allow-state-outside-config-dir}; and a state path that names a file that is no state gives an error
 * that quotes nothing of that file.
 */
class StatePathTest {

    @TempDir
    Path dir;

    @Test
    void aStatePathOutsideTheFilesFolderNeedsTheOption() throws Exception {
        Cli cli = new Cli(dir);
        Path outside = Files.createDirectories(dir.resolve("elsewhere"));
        Path inside = Files.createDirectories(dir.resolve("repo"));
        Path yaml = inside.resolve("ovnet.yaml");
        Files.writeString(yaml, Files.readString(cli.yaml).replace("path: state.json",
                "path: ../elsewhere/state.json"));

        Cli.Result refused = Cli.run("validate", "-f", yaml.toString());
        assertEquals(1, refused.exit(), refused::toString);
        assertTrue(refused.err().contains(yaml + ":7:9: state.path ../elsewhere/state.json is outside the folder of"
                + " this file"), refused::toString);
        assertTrue(refused.err().contains("run ovnet with --allow-state-outside-config-dir"), refused::toString);
        Cli.Result plan = Cli.run("plan", "--refresh=false", "-f", yaml.toString());
        assertEquals(1, plan.exit(), plan::toString);
        assertFalse(Files.exists(outside.resolve("state.json.lock")), "the state outside was locked");

        Cli.Result allowed = Cli.run("validate", "--allow-state-outside-config-dir", "-f", yaml.toString());
        assertEquals(0, allowed.exit(), allowed::toString);
        Cli.Result show = Cli.run("show", "--allow-state-outside-config-dir", "-f", yaml.toString());
        assertEquals(0, show.exit(), show::toString);
    }

    @Test
    void aStatePathNamingAnotherFileQuotesNothingOfIt() throws Exception {
        Cli cli = new Cli(dir);
        Path secret = dir.resolve("credentials");
        Files.writeString(secret, "root:x:0:0:hunter2:/root:/bin/bash\n");
        Files.writeString(cli.yaml, Files.readString(cli.yaml).replace("path: state.json", "path: " + secret));
        Cli.Result show = Cli.run("show", "--allow-state-outside-config-dir", "-f", cli.yaml.toString());
        assertEquals(1, show.exit(), show::toString);
        assertTrue(show.err().contains("cannot read the state " + secret + ": it is not valid JSON"), show::toString);
        assertFalse(show.all().contains("root") || show.all().contains("hunter2"), show::toString);
    }
}
