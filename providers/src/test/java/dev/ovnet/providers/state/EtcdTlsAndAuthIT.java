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
import io.etcd.jetcd.options.GetOption;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The connection options of a state block against a real etcd: client-certificate TLS, https:// endpoints that
 * always mean verified TLS (never plaintext, the system's trust store without a caFile), and user/password.
 */
@Tag("etcd")
class EtcdTlsAndAuthIT {

    @TempDir
    Path dir;

    private void openssl(String... args) throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>(List.of("openssl"));
        command.addAll(List.of(args));
        run(command);
    }

    /** Runs a command in the test's folder; it must succeed. */
    private void run(List<String> command) throws IOException, InterruptedException {
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
            assertTrue(e.getMessage().startsWith("etcd " + etcd.endpoint(0) + " refused the TLS handshake: "),
                    e.getMessage());
            assertTrue(e.hint().startsWith("etcd asks for a client certificate: give state.certFile and"
                    + " state.keyFile"), e.hint());
            StateConfig missingFile = new StateConfig(StateConfig.ETCD, null, etcd.endpoints(),
                    "/coreos.com/network", "nope.crt", null, null, null, null);
            e = assertThrows(StateException.class, () -> StateStores.open(missingFile, dir, "demo"));
            assertEquals("cannot read the etcd TLS file " + dir.resolve("nope.crt"), e.getMessage());
        }
    }

    @Test
    void anHttpsEndpointToAPlaintextEtcdIsRefusedAndNothingIsWritten() throws Exception {
        try (EtcdProcess etcd = EtcdProcess.single()) {
            String https = etcd.endpoint(0).replace("http://", "https://");
            StateConfig config = new StateConfig(StateConfig.ETCD, null, List.of(https), "/coreos.com/network",
                    null, null, null, null, null);
            StateException e = assertThrows(StateException.class, () -> {
                try (EtcdStateStore store = (EtcdStateStore) StateStores.open(config, dir, "demo");
                        StateLock lock = store.lock("apply", Duration.ZERO)) {
                    store.write(StateFixtures.sample(1));
                }
            });
            assertTrue(e.getMessage().startsWith("TLS with etcd " + https + " failed: "), e.getMessage());
            assertTrue(e.hint().startsWith("an https:// endpoint always speaks TLS"), e.hint());
            System.out.println("https:// to a plaintext etcd: " + e.getMessage() + " / " + e.hint());
            try (Client plain = Client.builder().endpoints(etcd.endpoints().toArray(String[]::new)).build()) {
                assertEquals(0, plain.getKVClient().get(bytes("/"), GetOption.builder().isPrefix(true).build())
                        .get().getCount(), "keys written to the plaintext etcd");
            }
        }
    }

    @Test
    void anHttpsEndpointWhoseCaIsNotInTheSystemTrustStoreIsRefusedWithoutCaFile() throws Exception {
        makeCertificates();
        try (EtcdProcess etcd = EtcdProcess.tls(new EtcdProcess.TlsFiles(dir.resolve("ca.crt"),
                dir.resolve("server.crt"), dir.resolve("server.key")))) {
            StateConfig config = new StateConfig(StateConfig.ETCD, null, etcd.endpoints(), "/coreos.com/network",
                    null, null, null, null, null);
            StateException e = assertThrows(StateException.class, () -> StateStores.open(config, dir, "demo"));
            assertTrue(e.getMessage().startsWith("etcd " + etcd.endpoint(0) + " presented a TLS certificate that is"
                    + " not trusted: "), e.getMessage());
            assertTrue(e.hint().startsWith("give state.caFile: the PEM file of the CA that signed etcd's server"
                    + " certificate"), e.hint());
            System.out.println("https:// to an etcd of an unknown CA: " + e.getMessage() + " / " + e.hint());
        }
    }

    @Test
    void withoutCaFileTheSystemTrustStoreDecides() throws Exception {
        makeCertificates();
        // the JDK's default trust store, which ovnet uses without a caFile, is the one these properties name
        String[] keys = {"javax.net.ssl.trustStore", "javax.net.ssl.trustStorePassword",
            "javax.net.ssl.trustStoreType"};
        String[] before = Arrays.stream(keys).map(System::getProperty).toArray(String[]::new);
        try (EtcdProcess etcd = EtcdProcess.tls(new EtcdProcess.TlsFiles(dir.resolve("ca.crt"),
                dir.resolve("server.crt"), dir.resolve("server.key")))) {
            StateConfig config = new StateConfig(StateConfig.ETCD, null, etcd.endpoints(), "/coreos.com/network",
                    null, "client.crt", "client.key", null, null);
            StateException e = assertThrows(StateException.class, () -> StateStores.open(config, dir, "demo"));
            assertTrue(e.getMessage().contains("presented a TLS certificate that is not trusted"), e.getMessage());
            run(List.of("keytool", "-importcert", "-noprompt", "-alias", "ovnet-test-ca", "-file", "ca.crt",
                    "-keystore", "trust.p12", "-storetype", "PKCS12", "-storepass", "changeit"));
            System.setProperty(keys[0], dir.resolve("trust.p12").toString());
            System.setProperty(keys[1], "changeit");
            System.setProperty(keys[2], "PKCS12");
            try (EtcdStateStore store = (EtcdStateStore) StateStores.open(config, dir, "demo")) {
                try (StateLock lock = store.lock("apply", Duration.ZERO)) {
                    store.write(StateFixtures.sample(1));
                }
                assertEquals(StateFixtures.sample(1), store.read().orElseThrow());
            }
            // a trusted certificate must still name the endpoint's host: it has 127.0.0.1, not localhost
            StateConfig otherName = new StateConfig(StateConfig.ETCD, null, List.of(etcd.endpoint(0).replace(
                    "127.0.0.1", "localhost")), "/coreos.com/network", null, "client.crt", "client.key", null, null);
            e = assertThrows(StateException.class, () -> StateStores.open(otherName, dir, "demo"));
            assertTrue(e.getMessage().startsWith("etcd https://localhost:" + etcd.endpoint(0).replaceAll(".*:", "")
                    + " presented a TLS certificate for another name: "), e.getMessage());
            assertTrue(e.hint().startsWith("write each endpoint with a host name or address that etcd's"
                    + " certificate names"), e.hint());
        } finally {
            for (int i = 0; i < keys.length; i++) {
                if (before[i] == null) {
                    System.clearProperty(keys[i]);
                } else {
                    System.setProperty(keys[i], before[i]);
                }
            }
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
