package dev.ovnet.providers.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ovnet.planner.config.StateConfig;
import dev.ovnet.planner.spi.StateException;
import dev.ovnet.planner.spi.StateStore;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StateStoresTest {

    @TempDir
    Path dir;

    @Test
    void aRelativeLocalPathIsRelativeToTheYamlFolder() {
        StateStore store = StateStores.open(StateConfig.defaults(), dir, "demo");
        LocalStateStore local = assertInstanceOf(LocalStateStore.class, store);
        assertEquals(dir.resolve("ovnet.state.json"), local.path());
        StateConfig nested = new StateConfig("local", "state/../states/net.json", List.of(), null, null, null,
                null, null, null);
        assertEquals(dir.resolve("states/net.json"), ((LocalStateStore) StateStores.open(nested, dir, "demo"))
                .path());
        StateConfig absolute = new StateConfig("local", "/var/lib/ovnet/x.json", List.of(), null, null, null,
                null, null, null);
        assertEquals(Path.of("/var/lib/ovnet/x.json"), ((LocalStateStore) StateStores.open(absolute, dir, "d"))
                .path());
    }

    @Test
    void anEtcdThatCannotBeReachedStopsBeforeAnythingElse() throws Exception {
        StateConfig etcd = new StateConfig("etcd", null, List.of("http://127.0.0.1:" + EtcdProcess.freePort()),
                "/coreos.com/network", null, null, null, null, null);
        StateException e = assertThrows(StateException.class, () -> StateStores.open(etcd, dir, "demo"));
        assertTrue(e.getMessage().startsWith("cannot reach etcd http://127.0.0.1:"), e.getMessage());
    }

    /**
     * Refused before any connection. Should that ever break, the endpoints still reach nothing but this machine:
     * free loopback ports, and 0.0.0.0, which Linux connects to locally but which is no loopback address.
     */
    @Test
    void settingsMadeOutsideTheFileAreHeldToTheSameEndpointRules() throws Exception {
        String local = "http://0.0.0.0:" + EtcdProcess.freePort();
        EtcdSettings password = new EtcdSettings(List.of(local), "/coreos.com/network", null, null, null, "ovnet",
                "OVNET_ETCD_PASSWORD", Duration.ofSeconds(1));
        StateException clear = assertThrows(StateException.class, () -> EtcdStateStore.open(password, "demo",
                null, null, name -> "s3cret"));
        assertEquals("state.endpoints[0] " + local + " would carry the password of etcd user ovnet in clear: plain"
                + " http:// is readable by anyone on the way", clear.getMessage());
        assertTrue(clear.hint().startsWith("write https://0.0.0.0:"), clear.hint());
        String https = "https://127.0.0.1:" + EtcdProcess.freePort();
        String http = "http://127.0.0.1:" + EtcdProcess.freePort();
        EtcdSettings mixed = EtcdSettings.plain(List.of(https, http), "/p").withConnectTimeout(Duration.ofSeconds(1));
        StateException e = assertThrows(StateException.class, () -> EtcdStateStore.open(mixed, "demo"));
        assertEquals("state.endpoints[1] " + http + " is http:// but state.endpoints[0] " + https + " is https://:"
                + " one list of endpoints uses one scheme", e.getMessage());
        assertTrue(EtcdSettings.plain(List.of(https), "/p").tls());
        assertEquals(false, EtcdSettings.plain(List.of(http), "/p").tls());
    }

    @Test
    void etcdSettingsComeFromTheStateBlock() {
        StateConfig config = new StateConfig("etcd", null, List.of("https://10.0.0.1:2379", "https://10.0.0.2:2379"),
                "/coreos.com/network/", "tls/ca.pem", "tls/client.pem", "/etc/ovnet/client-key.pem", "ovnet",
                "OVNET_ETCD_PASSWORD");
        EtcdSettings settings = EtcdSettings.of(config, dir);
        assertEquals(new EtcdSettings(List.of("https://10.0.0.1:2379", "https://10.0.0.2:2379"),
                "/coreos.com/network", dir.resolve("tls/ca.pem"), dir.resolve("tls/client.pem"),
                Path.of("/etc/ovnet/client-key.pem"), "ovnet", "OVNET_ETCD_PASSWORD", Duration.ofSeconds(5)),
                settings);
        assertEquals("/ovnet/demo/state", new EtcdKeys("/", "demo").state());
        assertEquals("/coreos.com/network/subnets/10.1.2.0-24",
                new EtcdKeys(settings.prefix(), "demo").subnet("10.1.2.0-24"));
    }
}
