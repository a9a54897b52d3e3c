package dev.ovnet.providers.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Which command lines a forwarder's pid file may name before ovnet signals the process. */
class ForwarderRunFilesTest {

    private static final String PID = "/r/flannel0.pid";

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "java -cp ovnet.jar dev.ovnet.cli.Main forward --dev flannel0 --pid-file /r/flannel0.pid | true",
        "java dev.ovnet.providers.forwarder.ForwarderMain forward --dev flannel0 --pid-file /r/flannel0.pid | true",
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
}
