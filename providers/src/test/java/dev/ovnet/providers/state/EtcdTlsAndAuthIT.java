package dev.ovnet.providers.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ovnet.planner.config.StateConfig;
import dev.ovnet.planner.spi.StateException;
import dev.ovnet.planner.spi.StateLock;
import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.auth.Permission;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The connection options of a state block against a real etcd: client-certificate TLS, and user/password. */
@Tag("etcd")
class EtcdTlsAndAuthIT {

    @TempDir
    Path dir;

    private void openssl(String... args) throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>(List.of("openssl"));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, process.waitFor(), String.join(" ", command) + "\n" + output);
    }

    /** A CA, a server certificate for 127.0.0.1 and a client certificate, EC keys in PKCS#8. */
    private void makeCertificates() throws Exception {
        openssl("req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
                "-keyout", "ca.key", "-out", "ca.crt", "-days", "2", "-subj", "/CN=ovnet-test-ca");
        Files.writeString(dir.resolve("server.ext"), "subjectAltName=IP:127.0.0.1\n"
                + "extendedKeyUsage=serverAuth,clientAuth\n");
        Files.writeString(dir.resolve("client.ext"), "extendedKeyUsage=clientAuth\n");
        for (String name : List.of("server", "client")) {
            openssl("req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-keyout",
                    name + ".key", "-out", name + ".csr", "-subj", "/CN=" + name);
            openssl("x509", "-req", "-in", name + ".csr", "-CA", "ca.crt", "-CAkey", "ca.key", "-CAcreateserial",
                    "-out", name + ".crt", "-days", "2", "-extfile", name + ".ext");
        }
    }

    @Test
    void clientCertificateTlsWorksWithFilesRelativeToTheYamlFolder() throws Exception {
        makeCertificates();
        try (EtcdProcess etcd = EtcdProcess.tls(new EtcdProcess.TlsFiles(dir.resolve("ca.crt"),
                dir.resolve("server.crt"), dir.resolve("server.key")))) {
            assertTrue(etcd.endpoint(0).startsWith("https://"));
            StateConfig config = new StateConfig(StateConfig.ETCD, null, etcd.endpoints(), "/coreos.com/network",
                    "ca.crt", "client.crt", "client.key", null, null);
            try (EtcdStateStore store = (EtcdStateStore) StateStores.open(config, dir, "demo")) {
                try (StateLock lock = store.lock("apply", Duration.ZERO)) {
                    store.write(StateFixtures.sample(1));
                }
                assertEquals(StateFixtures.sample(1), store.read().orElseThrow());
            }
            StateConfig noClientCert = new StateConfig(StateConfig.ETCD, null, etcd.endpoints(),
                    "/coreos.com/network", "ca.crt", null, null, null, null);
            StateException e = assertThrows(StateException.class,
                    () -> StateStores.open(noClientCert, dir, "demo"));
            assertTrue(e.getMessage().startsWith("cannot reach etcd https://127.0.0.1:"), e.getMessage());
            StateConfig missingFile = new StateConfig(StateConfig.ETCD, null, etcd.endpoints(),
                    "/coreos.com/network", "nope.crt", null, null, null, null);
            e = assertThrows(StateException.class, () -> StateStores.open(missingFile, dir, "demo"));
            assertEquals("cannot read the etcd TLS file " + dir.resolve("nope.crt"), e.getMessage());
        }
    }

    @Test
    void aUserWithThePasswordFromTheNamedVariableGetsInAndAWrongOneIsRefused() throws Exception {
        try (EtcdProcess etcd = EtcdProcess.single()) {
            try (Client admin = Client.builder().endpoints(etcd.endpoints().toArray(String[]::new)).build()) {
                ByteSequence root = bytes("root");
                admin.getAuthClient().userAdd(root, bytes("r00t-pw")).get();
                admin.getAuthClient().userGrantRole(root, root).get();
                admin.getAuthClient().roleAdd(bytes("ovnet")).get();
                admin.getAuthClient().roleGrantPermission(bytes("ovnet"), bytes("/coreos.com/network"),
                        bytes("/coreos.com/networl"), Permission.Type.READWRITE).get();
                admin.getAuthClient().userAdd(bytes("ovnet"), bytes("s3cret")).get();
                admin.getAuthClient().userGrantRole(bytes("ovnet"), bytes("ovnet")).get();
                admin.getAuthClient().authEnable().get();
            }
            EtcdSettings settings = new EtcdSettings(etcd.endpoints(), "/coreos.com/network", null, null, null,
                    "ovnet", "OVNET_ETCD_PASSWORD", Duration.ofSeconds(5));
            try (EtcdStateStore store = EtcdStateStore.open(settings, "demo", null, null,
                    Map.of("OVNET_ETCD_PASSWORD", "s3cret")::get)) {
                try (StateLock lock = store.lock("apply", Duration.ZERO)) {
                    store.write(StateFixtures.sample(1));
                }
                assertEquals(1, store.read().orElseThrow().serial());
            }
            StateException wrong = assertThrows(StateException.class, () -> EtcdStateStore.open(settings, "demo",
                    null, null, Map.of("OVNET_ETCD_PASSWORD", "guess")::get));
            assertTrue(wrong.getMessage().contains("refused user ovnet"), wrong.getMessage());
            assertTrue(wrong.hint().contains("$OVNET_ETCD_PASSWORD"), wrong.hint());
            StateException unset = assertThrows(StateException.class, () -> EtcdStateStore.open(settings, "demo",
                    null, null, name -> null));
            assertEquals("the environment variable OVNET_ETCD_PASSWORD (state.passwordEnv) is not set",
                    unset.getMessage());
        }
    }

    private static ByteSequence bytes(String text) {
        return ByteSequence.from(text, StandardCharsets.UTF_8);
    }
}
