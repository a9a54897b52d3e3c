package dev.ovnet.planner.config;

import static dev.ovnet.planner.config.ProblemCases.bad;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The state and ssh blocks.
 * Each file is wrong in exactly one way and must give exactly one problem: this message, at this line and column,
 * with this hint.
 */
class StateAndSshProblemsTest {

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void fileWithOneMistakeGivesExactlyThatProblem(String name, String yaml, Problem expected) {
        ProblemCases.assertOnly(yaml, expected);
    }

    @Test
    void aStatePathInsideTheFolderOrAllowedOutsideIsTaken() {
        String yaml = "network: {pool: 10.100.0.0/16}\nhosts: [{name: node-1, address: 192.0.2.11}]\n"
                + "state: {path: %s}\n";
        for (String inside : List.of("ovnet.state.json", "states/demo.json", "./a/../b/state.json")) {
            assertEquals(inside, ConfigParser.parse("ovnet.yaml", yaml.formatted(inside)).state().path());
        }
        for (String outside : List.of("/var/lib/ovnet/demo.json", "~/demo.json", "../demo.json", "a/../../x")) {
            assertThrows(ConfigException.class, () -> ConfigParser.parse("ovnet.yaml", yaml.formatted(outside)));
            assertEquals(outside, ConfigParser.parse("ovnet.yaml", yaml.formatted(outside), true).state().path());
        }
    }

    static Stream<Arguments> cases() {
        return Stream.of(
                bad("stateBackendUnknown", """
                        network:
                          pool: 10.100.0.0/16
                        hosts:
                          - name: node-1
                            address: 192.0.2.11
                        state:
                          backend: consul
                        """,
                        7, 12,
                        "state.backend consul is not one of local, etcd",
                        "write one of local, etcd"),
                bad("statePasswordRefused", """
                        network:
                          pool: 10.100.0.0/16
                        hosts:
                          - name: node-1
                            address: 192.0.2.11
                        state:
                          backend: etcd
                          username: ovnet
                          password: secret
                        """,
                        9, 3,
                        "state.password is not allowed: ovnet.yaml never holds a password",
                        "write passwordEnv: ETCD_PASSWORD and put the password in that environment variable"),
                bad("stateNotMapping", """
                        network:
                          pool: 10.100.0.0/16
                        hosts:
                          - name: node-1
                            address: 192.0.2.11
                        state: etcd
                        """,
                        6, 8,
                        "state must be a mapping, e.g. {backend: local}",
                        "it is etcd here; write e.g. {backend: local}"),
                bad("stateAbsolutePathRefused", """
                        network:
                          pool: 10.100.0.0/16
                        hosts:
                          - name: node-1
                            address: 192.0.2.11
                        state:
                          path: /etc/shadow
                        """,
                        7, 9,
                        "state.path /etc/shadow is outside the folder of this file",
                        "write a path relative to this file's folder without '..' above it, e.g. ovnet.state.json; to keep the state elsewhere on purpose, run ovnet with --allow-state-outside-config-dir"),
                bad("stateHomePathRefused", """
                        network:
                          pool: 10.100.0.0/16
                        hosts:
                          - name: node-1
                            address: 192.0.2.11
                        state:
                          path: ~/.aws/credentials
                        """,
                        7, 9,
                        "state.path ~/.aws/credentials is outside the folder of this file",
                        "write a path relative to this file's folder without '..' above it, e.g. ovnet.state.json; to keep the state elsewhere on purpose, run ovnet with --allow-state-outside-config-dir"),
                bad("stateParentPathRefused", """
                        network:
                          pool: 10.100.0.0/16
                        hosts:
                          - name: node-1
                            address: 192.0.2.11
                        state:
                          path: states/../../secrets.json
                        """,
                        7, 9,
                        "state.path states/../../secrets.json is outside the folder of this file",
                        "write a path relative to this file's folder without '..' above it, e.g. ovnet.state.json; to keep the state elsewhere on purpose, run ovnet with --allow-state-outside-config-dir"),
                bad("caFileEmptyText", """
                        network:
                          pool: 10.100.0.0/16
                        hosts:
                          - name: node-1
                            address: 192.0.2.11
                        state:
                          backend: etcd
                          caFile: ""
                        """,
                        8, 11,
                        "state.caFile is empty",
                        "write caFile: /etc/etcd/ca.crt"),
                bad("endpointsNotList", """
                        network:
                          pool: 10.100.0.0/16
                        hosts:
                          - name: node-1
                            address: 192.0.2.11
                        state:
                          backend: etcd
                          endpoints: http://127.0.0.1:2379
                        """,
                        8, 14,
                        "state.endpoints must be a list, e.g. [http://127.0.0.1:2379]",
                        "it is http://127.0.0.1:2379 here; write endpoints: [http://127.0.0.1:2379]"),
                bad("endpointWithoutPort", """
                        network:
                          pool: 10.100.0.0/16
                        hosts:
                          - name: node-1
                            address: 192.0.2.11
                        state:
                          backend: etcd
                          endpoints: [http://127.0.0.1]
                        """,
                        8, 15,
                        "state.endpoints[0] http://127.0.0.1 is not an etcd endpoint",
                        "write http://host:port or https://host:port, e.g. http://127.0.0.1:2379"),
                bad("endpointsEmpty", """
                        network:
                          pool: 10.100.0.0/16
                        hosts:
                          - name: node-1
                            address: 192.0.2.11
                        state:
                          backend: etcd
                          endpoints: []
                        """,
                        8, 14,
                        "state.endpoints is empty",
                        "list at least one, e.g. endpoints: [http://127.0.0.1:2379]"),
                bad("passwordOverPlainHttpToAnotherMachine", """
                        network:
                          pool: 10.100.0.0/16
                        hosts:
                          - name: node-1
                            address: 192.0.2.11
                        state:
                          backend: etcd
                          endpoints: [http://127.0.0.1:2379, http://10.0.0.2:2379]
                          username: ovnet
                          passwordEnv: ETCD_PASSWORD
                        """,
                        8, 38,
                        "state.endpoints[1] http://10.0.0.2:2379 would carry the password of etcd user ovnet in"
                                + " clear: plain http:// is readable by anyone on the way",
                        "write https://10.0.0.2:2379 (verified TLS; add caFile when etcd's CA is not in the system's"
                                + " trust store), or reach etcd on a loopback endpoint such as http://127.0.0.1:2379"
                                + " (e.g. through an SSH tunnel)"),
                bad("passwordOverPlainHttpToAHostName", """
                        network:
                          pool: 10.100.0.0/16
                        hosts:
                          - name: node-1
                            address: 192.0.2.11
                        state:
                          backend: etcd
                          username: ovnet
                          passwordEnv: ETCD_PASSWORD
                          endpoints:
                            - http://localhost.example.org:2379
                        """,
                        11, 7,
                        "state.endpoints[0] http://localhost.example.org:2379 would carry the password of etcd user"
                                + " ovnet in clear: plain http:// is readable by anyone on the way",
                        "write https://localhost.example.org:2379 (verified TLS; add caFile when etcd's CA is not in"
                                + " the system's trust store), or reach etcd on a loopback endpoint such as"
                                + " http://127.0.0.1:2379 (e.g. through an SSH tunnel)"),
                bad("endpointsMixHttpAndHttps", """
                        network:
                          pool: 10.100.0.0/16
                        hosts:
                          - name: node-1
                            address: 192.0.2.11
                        state:
                          backend: etcd
                          endpoints: [https://10.0.0.1:2379, http://10.0.0.2:2379]
                          username: ovnet
                          passwordEnv: ETCD_PASSWORD
                        """,
                        8, 38,
                        "state.endpoints[1] http://10.0.0.2:2379 is http:// but state.endpoints[0]"
                                + " https://10.0.0.1:2379 is https://: one list of endpoints uses one scheme",
                        "write every endpoint with https:// (verified TLS; add caFile when etcd's CA is not in the"
                                + " system's trust store)"),
                bad("prefixTrailingSlash", """
                        network:
                          pool: 10.100.0.0/16
                        hosts:
                          - name: node-1
                            address: 192.0.2.11
                        state:
                          backend: etcd
                          prefix: /coreos.com/network/
                        """,
                        8, 11,
                        "state.prefix /coreos.com/network/ is not a valid etcd prefix",
                        "write a key path that starts with / and does not end with /, e.g. /coreos.com/network"),
                bad("prefixRelative", """
                        network:
                          pool: 10.100.0.0/16
                        hosts:
                          - name: node-1
                            address: 192.0.2.11
                        state:
                          backend: etcd
                          prefix: coreos.com/network
                        """,
                        8, 11,
                        "state.prefix coreos.com/network is not a valid etcd prefix",
                        "write a key path that starts with / and does not end with /, e.g. /coreos.com/network"),
                bad("passwordEnvInvalid", """
                        network:
                          pool: 10.100.0.0/16
                        hosts:
                          - name: node-1
                            address: 192.0.2.11
                        state:
                          backend: etcd
                          username: ovnet
                          passwordEnv: $PASS
                        """,
                        9, 16,
                        "state.passwordEnv \"$PASS\" is not an environment variable name",
                        "write the variable's name (letters, digits and '_', not starting with a digit), e.g. "
                                + "ETCD_PASSWORD"),
                bad("passwordEnvWithoutUsername", """
                        network:
                          pool: 10.100.0.0/16
                        hosts:
                          - name: node-1
                            address: 192.0.2.11
                        state:
                          backend: etcd
                          passwordEnv: ETCD_PASSWORD
                        """,
                        8, 3,
                        "state.passwordEnv needs state.username",
                        "add username: ovnet"),
                bad("certFileWithoutKeyFile", """
                        network:
                          pool: 10.100.0.0/16
                        hosts:
                          - name: node-1
                            address: 192.0.2.11
                        state:
                          backend: etcd
                          certFile: /etc/c.crt
                        """,
                        8, 3,
                        "state.certFile needs state.keyFile",
                        "add keyFile: /etc/etcd/client.key"),
                bad("sshPortZero", """
                        network:
                          pool: 10.100.0.0/16
                        hosts:
                          - name: node-1
                            address: 192.0.2.11
                        ssh:
                          port: 0
                        """,
                        7, 9,
                        "ssh.port 0 is out of range",
                        "write a whole number from 1 to 65535, e.g. 22"),
                bad("sshSudoYes", """
                        network:
                          pool: 10.100.0.0/16
                        hosts:
                          - name: node-1
                            address: 192.0.2.11
                        ssh:
                          sudo: yes
                        """,
                        7, 9,
                        "ssh.sudo must be true or false",
                        "it is yes here; write sudo: false"),
                bad("sshUserShell", """
                        network:
                          pool: 10.100.0.0/16
                        hosts:
                          - name: node-1
                            address: 192.0.2.11
                        ssh:
                          user: root; rm -rf /
                        """,
                        7, 9,
                        "ssh.user \"root; rm -rf /\" is not a valid user name",
                        "use up to 32 letters, digits, '_', '.' or '-', not starting with '-' or '.', e.g. root"),
                bad("sshKeySnakeCase", """
                        network:
                          pool: 10.100.0.0/16
                        hosts:
                          - name: node-1
                            address: 192.0.2.11
                        ssh:
                          identity_file: ~/.ssh/id
                        """,
                        7, 3,
                        "ssh.identity_file is not a known key",
                        "did you mean identityFile?"));
    }
}
