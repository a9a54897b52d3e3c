package dev.ovnet.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ovnet.providers.state.EtcdProcess;
import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.options.GetOption;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the etcd endpoints of a state block promise, as a user of the built jar sees it: an https:// endpoint is
 * TLS or nothing (a plaintext etcd behind it stops the command), and a password over plain http:// to another
 * machine is refused when the file is validated. No host is touched: etcd is checked before anything else.
 */
@Tag("etcd")
class EtcdTrustIT {

    @TempDir
    Path dir;

    private Path write(String state) throws Exception {
        Path yaml = dir.resolve("ovnet.yaml");
        Files.writeString(yaml, "network:\n  pool: 10.100.0.0/16\nstate:\n  backend: etcd\n" + state
                + "hosts:\n  - {name: ovte-a, address: 192.0.2.11, connection: netns}\n");
        return yaml;
    }

    @Test
    void planAgainstAPlaintextEtcdBehindAnHttpsEndpointStopsWithATlsErrorAndWritesNothing() throws Exception {
        try (EtcdProcess etcd = EtcdProcess.single()) {
            String https = etcd.endpoint(0).replace("http://", "https://");
            Path yaml = write("  endpoints: [" + https + "]\n  prefix: /ovte/network\n");
            Ovnet.Result plan = Ovnet.run("plan", "-f", yaml.toString());
            assertEquals(1, plan.exit(), plan::toString);
            assertTrue(plan.err().contains("TLS with etcd " + https + " failed: "), plan::toString);
            assertTrue(plan.err().contains("an https:// endpoint always speaks TLS"), plan::toString);
            try (Client client = Client.builder().endpoints(etcd.endpoint(0)).build()) {
                assertEquals(0, client.getKVClient().get(ByteSequence.from("/", StandardCharsets.UTF_8),
                        GetOption.builder().isPrefix(true).build()).get().getCount());
            }
        }
    }

    @Test
    void validateRefusesAPasswordOverPlainHttpToAnotherMachineAndAcceptsLoopback() throws Exception {
        Path yaml = write("  endpoints: [http://192.0.2.5:2379]\n  username: ovnet\n"
                + "  passwordEnv: OVNET_ETCD_PASSWORD\n");
        Ovnet.Result refused = Ovnet.run("validate", "-f", yaml.toString());
        assertEquals(1, refused.exit(), refused::toString);
        assertTrue(refused.err().contains(yaml + ":5:15: state.endpoints[0] http://192.0.2.5:2379 would carry the"
                + " password of etcd user ovnet in clear"), refused::toString);
        assertTrue(refused.err().contains("write https://192.0.2.5:2379 (verified TLS; add caFile"), refused::toString);
        write("  endpoints: [http://127.0.0.1:2379]\n  username: ovnet\n  passwordEnv: OVNET_ETCD_PASSWORD\n");
        Ovnet.Result loopback = Ovnet.run("validate", "-f", yaml.toString());
        assertEquals(0, loopback.exit(), loopback::toString);
    }
}
