package dev.ovnet.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The README's commands, read from README.md and run exactly as printed ({@code ./ovnet ... -f examples/lab.yaml})
 * by bash on a terminal ({@code script}, so that apply and destroy ask and get "yes"), in a folder that holds
 * {@code ./ovnet} (the built jar) and the examples, the lab renamed to this test's prefix so it cannot meet anyone
 * else's lab. Each command must exit as the README says: the first command brings the lab up, applies and checks
 * it; the tour runs once on the applied lab (no changes: every command 0) and once after its own destroy
 * ({@code --detailed-exitcode} 2, apply asks and applies); then the README's {@code lab down} leaves nothing.
 */
@Tag("e2e")
class ReadmeTourIT {

    private static final String P = "oux-t";
    private static final Path REPO = Path.of("..").toAbsolutePath().normalize();

    @Test
    void theReadmeCommandsRunAsPrinted() throws Exception {
        String readme = Files.readString(REPO.resolve("README.md"));
        String first = readme.lines().filter(l -> l.startsWith("./ovnet lab up ")).findFirst().orElseThrow();
        Matcher down = Pattern.compile("`(\\./ovnet lab down [^`]*)`").matcher(readme);
        assertTrue(down.find(), "the README says how to take the lab down");
        List<String> tour = tour(readme);
        assertEquals(8, tour.size(), tour::toString);

        String lab = Files.readString(REPO.resolve("examples/lab.yaml")).replace("lab-node-", P + "-node-")
                .replace("name: lab\n", "name: " + P + "\n");
        try (Lab cleanup = new Lab(P, lab)) {
            Path dir = cleanup.dir;
            Files.createDirectories(dir.resolve("examples"));
            Files.writeString(dir.resolve("examples/lab.yaml"), lab);
            Files.copy(REPO.resolve("examples/vxlan-3hosts.yaml"), dir.resolve("examples/vxlan-3hosts.yaml"));
            Path launcher = dir.resolve("ovnet");
            Files.writeString(launcher, "#!/bin/sh\nexec java -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -jar "
                    + Ovnet.JAR + " \"$@\"\n");
            Files.setPosixFilePermissions(launcher, PosixFilePermissions.fromString("rwxr-xr-x"));

            Ovnet.Result up = typed(dir, first);
            assertEquals(0, up.exit(), () -> first + "\n" + up);
            assertTrue(up.out().contains("6/6 pairs reachable"), up::toString);

            for (int pass = 1; pass <= 2; pass++) {
                for (String command : tour) {
                    int expected = pass == 2 && command.contains("--detailed-exitcode") ? 2 : 0;
                    Ovnet.Result r = typed(dir, command);
                    String shown = "pass " + pass + ": " + command + "\n" + r;
                    assertEquals(expected, r.exit(), shown);
                    if (command.contains("| jq")) {
                        assertTrue(r.out().contains("\"add\""), shown);
                    }
                    if (pass == 2 && command.endsWith("apply -f examples/lab.yaml")) {
                        assertTrue(r.out().contains("Do you want to perform these actions?")
                                && r.out().contains("Apply complete!"), shown);
                    }
                    if (command.contains("destroy")) {
                        assertTrue(r.out().contains("Do you really want to destroy all resources?")
                                && r.out().contains("Destroy complete!"), shown);
                    }
                }
            }

            Ovnet.Result gone = typed(dir, down.group(1));
            assertEquals(0, gone.exit(), gone::toString);
            assertEquals(List.of(), Lab.namespaces(P), "lab down left the lab's namespaces");
            assertFalse(Lab.namespaces("ovnet-lab-" + P).contains("ovnet-lab-" + P), "the switch is still there");
        }
    }

    /** The commands of the README's short tour, without their comments. */
    private static List<String> tour(String readme) {
        String block = readme.substring(readme.indexOf("## A short tour"));
        block = block.substring(block.indexOf("```sh\n") + 6);
        block = block.substring(0, block.indexOf("```"));
        List<String> commands = new ArrayList<>();
        for (String line : block.split("\n")) {
            if (!line.isBlank()) {
                commands.add(line.replaceFirst("\\s+#.*$", ""));
            }
        }
        return commands;
    }

    /** Runs {@code line} as typed into bash on a terminal in {@code dir}, answering "yes" to a prompt. */
    private static Ovnet.Result typed(Path dir, String line) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder("script", "-qec", line, "/dev/null").directory(dir.toFile());
        pb.environment().put("CI", "true");
        pb.environment().put("SHELL", "/bin/bash");
        pb.environment().remove("NO_COLOR");
        Path out = Files.createTempFile("ovnet-tour", ".out");
        try {
            pb.redirectOutput(out.toFile()).redirectErrorStream(true);
            Process p = pb.start();
            try (var in = p.getOutputStream()) {
                in.write("yes\n".getBytes(StandardCharsets.UTF_8));
            } catch (IOException e) {
                // the command finished without reading its input
            }
            if (!p.waitFor(300, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException("timed out: " + line);
            }
            return new Ovnet.Result(p.exitValue(), Files.readString(out).replace("\r", ""), "");
        } finally {
            Files.deleteIfExists(out);
        }
    }
}
