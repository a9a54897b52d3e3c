package dev.ovnet.forwarder;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Runs {@link ForwarderBenchmark} under failsafe. Tagged "benchmark", which the default test groups leave out:
 * {@code mvn -o -pl forwarder -am verify -Dit.groups=benchmark -Dit.test=ForwarderBenchmarkIT}. The table goes to
 * forwarder/target/forwarder-benchmark.txt.
 */
@Tag("benchmark")
class ForwarderBenchmarkIT {

    @Test
    void ovnetIsMeasuredAgainstTheKernelBackendsAndSocat() throws Exception {
        int seconds = Integer.getInteger("ovf.bench.seconds", 10);
        String table = ForwarderBenchmark.run(seconds, System.out::println);
        System.out.println(table);
        Files.writeString(Path.of("target", "forwarder-benchmark.txt"), table);
        assertTrue(table.contains("ovnet offload"));
    }
}
