package dev.ovnet.providers.forwarding;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ovnet.planner.model.Forwarder;
import dev.ovnet.planner.net.Cidr;
import dev.ovnet.planner.net.Ipv4;
import dev.ovnet.providers.transport.Transport;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Which processes a forwarder's pid file may name before ovnet signals them: only ovnet's forwarder of that device
 * with that pid file; a pid file naming a zombie or kernel thread (empty command line) reads as no process.
 */
class ForwarderRunFilesTest {

    private static final String PID = "/r/flannel0.pid";

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "java -cp ovnet.jar dev.ovnet.cli.Main forward --dev flannel0 --pid-file /r/flannel0.pid | true",
        "java dev.ovnet.forwarder.ForwarderMain forward --dev flannel0 --pid-file /r/flannel0.pid | true",
        "java -cp ovnet.jar dev.ovnet.cli.Main forward --dev flannel1 --pid-file /r/flannel0.pid | false",
        "java -cp ovnet.jar dev.ovnet.cli.Main forward --dev flannel0 --pid-file /tmp/x.pid | false",
        "java -cp ovnet.jar dev.ovnet.cli.Main forward --dev flannel0 | false",
        "python3 evil.py forward --dev flannel0 --pid-file /r/flannel0.pid | false",
        "forward 600 | false",
        "sleep 600 | false",
    })
    void onlyOvnetsForwarderOfThatDeviceAndPidFileCounts(String cmdline, boolean ours) {
        assertEquals(ours, ForwarderRunFiles.isForwarder(List.of(cmdline.split(" ")), "flannel0", PID));
    }

    @Test
    void aZombieOrKernelThreadInThePidFileIsNoForwarderAndIsNotRefused() {
        Forwarder f = new Forwarder("flannel0", Ipv4.parse("0.0.0.0"), 8285, Cidr.parse("10.5.0.0/16"),
                Cidr.parse("10.5.1.0/24"), "/run/ovnet/flannel0.peers", 1);
        Transport host = new Transport() {
            @Override
            public Result run(List<String> argv, byte[] stdin, Duration timeout) {
                return new Result(0, "", ""); // what cat /proc/<pid>/cmdline gives for both
            }

            @Override
            public void writeFile(String path, byte[] content, int mode) {
            }

            @Override
            public Optional<byte[]> readFile(String path) {
                return Optional.of("4242\n".getBytes(StandardCharsets.US_ASCII));
            }

            @Override
            public void deleteFile(String path) {
            }

            @Override
            public void checkFile(String verb, String path) {
            }

            @Override
            public String describe() {
                return "stub";
            }
        };
        assertEquals(Optional.empty(), ForwarderRunFiles.pidToSignal(host, f));
        assertEquals(Optional.empty(), ForwarderRunFiles.livePid(host, f));
    }
}
