package dev.ovnet.forwarder;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ovnet.planner.net.Cidr;
import dev.ovnet.planner.net.Ipv4;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * The forwarder's options are defined once, in {@link ForwardCommand}: {@code ovnet forward} and the forwarder's
 * own {@link ForwarderMain} read the same command line into the same settings and report errors alike.
 */
class ForwardCommandTest {

    private static final String[] REQUIRED = {"--peers", "/run/ovnet/flannel0.peers", "--pool", "10.5.0.0/16",
            "--subnet", "10.5.1.0/24"};

    @Test
    void theDefaultsAreFlannels() {
        ForwardCommand command = new ForwardCommand();
        new CommandLine(command).parseArgs(REQUIRED);
        assertEquals(new ForwarderConfig(Path.of("/run/ovnet/flannel0.peers"), "flannel0", Ipv4.parse("0.0.0.0"),
                8285, Cidr.parse("10.5.0.0/16"), Cidr.parse("10.5.1.0/24"), 0, false, null, null), command.config());
    }

    @Test
    void theStandaloneMainSkipsTheLeadingForwardAndPrintsTheErrorWithItsHint() {
        String err = errorOf("forward", "--peers", "/p", "--pool", "10.5.0.0/16", "--subnet", "10.6.1.0/24");
        assertEquals("Error: the subnet 10.6.1.0/24 is not inside the pool 10.5.0.0/16\n"
                + "  give --subnet the lease of this host, inside --pool\n", err);
    }

    @Test
    void aMissingOptionIsAUsageErrorThatNamesIt() {
        assertEquals("Error: Missing required option: '--peers=FILE'\n", errorOf("--pool", "10.5.0.0/16",
                "--subnet", "10.5.1.0/24"));
    }

    /** What {@link ForwarderMain} prints on stderr for {@code args}; it must exit 1 without starting anything. */
    private static String errorOf(String... args) {
        PrintStream saved = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            assertEquals(1, ForwarderMain.run(args, new ForwardCommand()));
        } finally {
            System.setErr(saved);
        }
        return captured.toString(StandardCharsets.UTF_8);
    }
}
