package dev.ovnet.planner.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Which endpoints count as this machine's loopback, and a password over plain http to loopback only. */
class EtcdEndpointTest {

    @ParameterizedTest(name = "{0} loopback: {1}")
    @CsvSource({
            "http://127.0.0.1:2379, true",
            "http://127.255.0.9:2379, true",
            "http://localhost:2379, true",
            "http://LocalHost:2379, true",
            "http://[::1]:2379, true",
            "http://[0:0:0:0:0:0:0:1]:2379, true",
            "http://128.0.0.1:2379, false",
            "http://10.0.0.1:2379, false",
            "http://127.0.0.1.example.org:2379, false",
            "http://localhost.example.org:2379, false",
            "http://[::2]:2379, false",
            "http://[fe80::1]:2379, false",
            "http://[127]:2379, false",
            "http://etcd:2379, false"})
    void loopbackIsOnlyLocalhostAnd127Slash8AndColonColon1(String text, boolean loopback) {
        assertEquals(loopback, EtcdEndpoint.parse(text).orElseThrow().loopback());
    }

    @Test
    void aPasswordMayCrossLoopbackAndTlsButNotPlainHttpToAnotherMachine() {
        StateConfig loopback = parse("""
                  endpoints: [http://127.0.0.1:2379, "http://[::1]:2380", http://localhost:2381]
                """);
        assertEquals(List.of("http://127.0.0.1:2379", "http://[::1]:2380", "http://localhost:2381"),
                loopback.endpoints());
        assertEquals("OVNET_ETCD_PASSWORD", loopback.passwordEnv());
        assertEquals(List.of("http://127.0.0.1:2379"), parse("").endpoints());
        assertEquals(List.of("https://10.0.0.1:2379"), parse("  endpoints: [https://10.0.0.1:2379]\n").endpoints());
        assertEquals(List.of("http://10.0.0.1:2379"), parse("  endpoints: [http://10.0.0.1:2379]\n"
                + "  caFile: ca.pem\n").endpoints());
        assertEquals(0, EtcdEndpoint.clearPasswordAt(List.of(EtcdEndpoint.parse("http://10.0.0.1:2379")
                .orElseThrow()), false));
    }

    /** A state block with user ovnet and its password in OVNET_ETCD_PASSWORD, plus {@code lines}. */
    private static StateConfig parse(String lines) {
        return ConfigParser.parse("ovnet.yaml", Fixtures.MINIMAL + """
                state:
                  backend: etcd
                  username: ovnet
                  passwordEnv: OVNET_ETCD_PASSWORD
                """ + lines).state();
    }
}
