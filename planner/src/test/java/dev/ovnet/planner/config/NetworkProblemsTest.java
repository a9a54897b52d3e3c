package dev.ovnet.planner.config;

import static dev.ovnet.planner.config.ProblemCases.bad;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The network block: name, pool, flannel's subnet rules, backend, mtu, ipMasq, runtime.
 * Each file is wrong in exactly one way and must give exactly one problem: this message, at this line and column,
 * with this hint.
 */
class NetworkProblemsTest {

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void fileWithOneMistakeGivesExactlyThatProblem(String name, String yaml, Problem expected) {
        ProblemCases.assertOnly(yaml, expected);
    }

    static Stream<Arguments> cases() {
        return Stream.of(
                bad("networkNameUpperCase", """
                        network:
                          pool: 10.100.0.0/16
                          name: Demo
                        hosts:
                          - name: node-1
                            address: 192.0.2.11
                        """,
                        3, 9,
                        "network.name Demo is not a valid network name",
                        "use 1 to 63 lower-case letters, digits, '_', '.' or '-', starting with a letter or "
                                + "digit, e.g. demo"),
                bad("networkNameSemicolon", """
                        network:
                          pool: 10.100.0.0/16
                          name: demo;rm
                        hosts:
                          - name: node-1
                            address: 192.0.2.11
                        """,
                        3, 9,
                        "network.name \"demo;rm\" is not a valid network name",
                        "use 1 to 63 lower-case letters, digits, '_', '.' or '-', starting with a letter or "
                                + "digit, e.g. demo"),
                bad("networkNameTooLong", """
                        network:
                          pool: 10.100.0.0/16
                          name: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa
                        hosts:
                          - name: node-1
                            address: 192.0.2.11
                        """,
                        3, 9,
                        "network.name aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa is not a "
                                + "valid network name",
                        "use 1 to 63 lower-case letters, digits, '_', '.' or '-', starting with a letter or "
                                + "digit, e.g. demo"),
                bad("poolMissing", """
                        network:
                          name: demo
                        hosts:
                          - name: node-1
                            address: 192.0.2.11
                        """,
                        1, 1,
                        "network.pool is required",
                        "add pool: 10.100.0.0/16"),
                bad("poolEmpty", """
                        network:
                          pool:
                        hosts:
                          - name: node-1
                            address: 192.0.2.11
                        """,
                        2, 8,
                        "network.pool has no value",
                        "write pool: 10.100.0.0/16"),
                bad("poolNotCidr", """
                        network:
                          pool: 10.100.0.0
                        hosts:
                          - name: node-1
                            address: 192.0.2.11
                        """,
                        2, 9,
                        "network.pool 10.100.0.0 is not an IPv4 network",
                        "add the prefix length, e.g. 10.100.0.0/16"),
                bad("poolHostBits", """
                        network:
                          pool: 10.100.1.0/16
                        hosts:
                          - name: node-1
                            address: 192.0.2.11
                        """,
                        2, 9,
                        "network.pool 10.100.1.0/16 has host bits set",
                        "write 10.100.0.0/16 (the /16 that holds 10.100.1.0)"),
                bad("poolIpv6", """
                        network:
                          pool: fd00::/48
                        hosts:
                          - name: node-1
                            address: 192.0.2.11
                        """,
                        2, 9,
                        "network.pool fd00::/48 is an IPv6 network",
                        "write an IPv4 network, e.g. 10.100.0.0/16; IPv6 goes under pool6"),
                bad("poolNumber", """
                        network:
                          pool: 10
                        hosts:
                          - name: node-1
                            address: 192.0.2.11
                        """,
                        2, 9,
                        "network.pool 10 is not an IPv4 network",
                        "write address/length, e.g. 10.100.0.0/16"),
                bad("poolList", """
                        network:
                          pool: [10.100.0.0/16]
                        hosts:
                          - name: node-1
                            address: 192.0.2.11
                        """,
                        2, 9,
                        "network.pool must be text, e.g. 10.100.0.0/16",
                        "it is a list here; write pool: 10.100.0.0/16"),
                bad("poolTooSmall", """
                        network:
                          pool: 10.100.0.0/29
                        hosts:
                          - name: node-1
                            address: 192.0.2.11
                        """,
                        2, 9,
                        "network.pool 10.100.0.0/29 is too small: the smallest pool is a /28",
                        "use a /28 or a larger pool, e.g. 10.100.0.0/28, which leases 3 subnets of /30 (the pool's first subnet is never leased)"),
                bad("subnetLengthTooLong", """
                        network:
                          pool: 10.100.0.0/16
                          subnetLength: 31
                        hosts:
                          - name: node-1
                            address: 192.0.2.11
                        """,
                        3, 17,
                        "network.subnetLength 31 is longer than /30",
                        "write 30 or less: each subnet needs room for a gateway and containers"),
                bad("subnetLengthFewerThanFour", """
                        network:
                          pool: 10.100.0.0/16
                          subnetLength: 17
                        hosts:
                          - name: node-1
                            address: 192.0.2.11
                        """,
                        3, 17,
                        "network.subnetLength 17 leaves room for fewer than four subnets in the pool 10.100.0.0/16",
                        "the pool must hold at least four subnets: write 18 to 30, or use a larger pool"),
                bad("subnetLengthQuoted", """
                        network:
                          pool: 10.100.0.0/16
                          subnetLength: "24"
                        hosts:
                          - name: node-1
                            address: 192.0.2.11
                        """,
                        3, 17,
                        "network.subnetLength must be a whole number, e.g. 24",
                        "it is the quoted text \"24\" here; write subnetLength: 24"),
                bad("subnetLengthHuge", """
                        network:
                          pool: 10.100.0.0/16
                          subnetLength: 99999999999999999999
                        hosts:
                          - name: node-1
                            address: 192.0.2.11
                        """,
                        3, 17,
                        "network.subnetLength 99999999999999999999 is longer than /30",
                        "write 30 or less: each subnet needs room for a gateway and containers"),
                bad("subnetLengthNegative", """
                        network:
                          pool: 10.100.0.0/16
                          subnetLength: -1
                        hosts:
                          - name: node-1
                            address: 192.0.2.11
                        """,
                        3, 17,
                        "network.subnetLength -1 is out of range",
                        "write a prefix length from 18 to 30, e.g. 24"),
                bad("subnetLengthFraction", """
                        network:
                          pool: 10.100.0.0/16
                          subnetLength: 24.5
                        hosts:
                          - name: node-1
                            address: 192.0.2.11
                        """,
                        3, 17,
                        "network.subnetLength must be a whole number, e.g. 24",
                        "it is 24.5 here; write subnetLength: 24"),
                bad("subnetMinOutsidePool", """
                        network:
                          pool: 10.100.0.0/16
                          subnetMin: 10.200.1.0
                        hosts:
                          - name: node-1
                            address: 192.0.2.11
                        """,
                        3, 14,
                        "network.subnetMin 10.200.1.0 is outside the pool 10.100.0.0/16",
                        "write an address inside 10.100.0.0/16 on a /24 boundary, e.g. 10.100.1.0"),
                bad("subnetMinNotAligned", """
                        network:
                          pool: 10.100.0.0/16
                          subnetMin: 10.100.1.7
                        hosts:
                          - name: node-1
                            address: 192.0.2.11
                        """,
                        3, 14,
                        "network.subnetMin 10.100.1.7 is not on a /24 boundary",
                        "write 10.100.1.0, the start of the /24 that holds 10.100.1.7"),
                bad("subnetMinNotAddress", """
                        network:
                          pool: 10.100.0.0/16
                          subnetMin: 10.100.1
                        hosts:
                          - name: node-1
                            address: 192.0.2.11
                        """,
                        3, 14,
                        "network.subnetMin 10.100.1 is not an IPv4 address",
                        "write four numbers from 0 to 255 joined by dots, e.g. 10.100.1.0"),
                bad("subnetMinWrittenAsCidr", """
                        network:
                          pool: 10.100.0.0/16
                          subnetMin: 10.100.1.0/24
                        hosts:
                          - name: node-1
                            address: 192.0.2.11
                        """,
                        3, 14,
                        "network.subnetMin 10.100.1.0/24 is not an IPv4 address",
                        "write the address without the /length: 10.100.1.0"),
                bad("subnetMaxBelowMin", """
                        network:
                          pool: 10.100.0.0/16
                          subnetMin: 10.100.9.0
                          subnetMax: 10.100.2.0
                        hosts:
                          - name: node-1
                            address: 192.0.2.11
                        """,
                        4, 14,
                        "network.subnetMin 10.100.9.0 is above network.subnetMax 10.100.2.0",
                        "write subnetMin at or below subnetMax"),
                bad("subnetMaxBelowDefaultMin", """
                        network:
                          pool: 10.100.0.0/16
                          subnetMax: 10.100.0.0
                        hosts:
                          - name: node-1
                            address: 192.0.2.11
                        """,
                        3, 14,
                        "network.subnetMin 10.100.1.0 (the default) is above network.subnetMax 10.100.0.0",
                        "write a subnetMax of 10.100.1.0 or more (the pool's first subnet is never used)"),
                bad("unknownKeyAbbreviation", """
                        network:
                          pool: 10.100.0.0/16
                          subnetLen: 24
                        hosts:
                          - name: node-1
                            address: 192.0.2.11
                        """,
                        3, 3,
                        "network.subnetLen is not a known key",
                        "did you mean subnetLength?"),
                bad("backendNotMapping", """
                        network:
                          pool: 10.100.0.0/16
                          backend: vxlan
                        hosts:
                          - name: node-1
                            address: 192.0.2.11
                        """,
                        3, 12,
                        "network.backend must be a mapping that names the type, not the text vxlan",
                        "write backend: {type: vxlan}"),
                bad("backendWithoutType", """
                        network:
                          pool: 10.100.0.0/16
                          backend:
                            vni: 2
                        hosts:
                          - name: node-1
                            address: 192.0.2.11
                        """,
                        3, 3,
                        "network.backend.type is required",
                        "add type: vxlan"),
                bad("backendTypeUnknown", """
                        network:
                          pool: 10.100.0.0/16
                          backend:
                            type: geneve
                        hosts:
                          - name: node-1
                            address: 192.0.2.11
                        """,
                        4, 11,
                        "network.backend.type geneve is not one of vxlan, host-gw, udp, wireguard",
                        "write one of vxlan, host-gw, udp, wireguard"),
                bad("backendTypeTypo", """
                        network:
                          pool: 10.100.0.0/16
                          backend:
                            type: vxaln
                        hosts:
                          - name: node-1
                            address: 192.0.2.11
                        """,
                        4, 11,
                        "network.backend.type vxaln is not one of vxlan, host-gw, udp, wireguard",
                        "did you mean vxlan? write one of vxlan, host-gw, udp, wireguard"),
                bad("vniWithHostGw", """
                        network:
                          pool: 10.100.0.0/16
                          backend:
                            type: host-gw
                            vni: 1
                        hosts:
                          - name: node-1
                            address: 192.0.2.11
                        """,
                        5, 5,
                        "network.backend.vni applies only to type vxlan, not host-gw",
                        "remove vni: only vxlan has a VNI"),
                bad("vniZero", """
                        network:
                          pool: 10.100.0.0/16
                          backend:
                            type: vxlan
                            vni: 0
                        hosts:
                          - name: node-1
                            address: 192.0.2.11
                        """,
                        5, 10,
                        "network.backend.vni 0 is out of range",
                        "write a whole number from 1 to 16777215, e.g. 1"),
                bad("vniTooLarge", """
                        network:
                          pool: 10.100.0.0/16
                          backend:
                            type: vxlan
                            vni: 16777216
                        hosts:
                          - name: node-1
                            address: 192.0.2.11
                        """,
                        5, 10,
                        "network.backend.vni 16777216 is out of range",
                        "write a whole number from 1 to 16777215, e.g. 1"),
                bad("vniText", """
                        network:
                          pool: 10.100.0.0/16
                          backend:
                            type: vxlan
                            vni: many
                        hosts:
                          - name: node-1
                            address: 192.0.2.11
                        """,
                        5, 10,
                        "network.backend.vni must be a whole number, e.g. 1",
                        "it is many here; write vni: 1"),
                bad("portWithHostGw", """
                        network:
                          pool: 10.100.0.0/16
                          backend:
                            type: host-gw
                            port: 8472
                        hosts:
                          - name: node-1
                            address: 192.0.2.11
                        """,
                        5, 5,
                        "network.backend.port applies only to type vxlan, udp and wireguard, not host-gw",
                        "remove port: host-gw sends packets as they are, with no tunnel port"),
                bad("portTooLarge", """
                        network:
                          pool: 10.100.0.0/16
                          backend:
                            type: udp
                            port: 70000
                        hosts:
                          - name: node-1
                            address: 192.0.2.11
                        """,
                        5, 11,
                        "network.backend.port 70000 is out of range",
                        "write a whole number from 1 to 65535, e.g. 8285"),
                bad("portNegative", """
                        network:
                          pool: 10.100.0.0/16
                          backend:
                            type: vxlan
                            port: -1
                        hosts:
                          - name: node-1
                            address: 192.0.2.11
                        """,
                        5, 11,
                        "network.backend.port -1 is out of range",
                        "write a whole number from 1 to 65535, e.g. 8472"),
                bad("pskFileWithVxlan", """
                        network:
                          pool: 10.100.0.0/16
                          backend:
                            type: vxlan
                            pskFile: /etc/ovnet/wg.psk
                        hosts:
                          - name: node-1
                            address: 192.0.2.11
                        """,
                        5, 5,
                        "network.backend.pskFile applies only to type wireguard, not vxlan",
                        "remove pskFile:, or use type: wireguard"),
                bad("wireguardPortsClash", """
                        network:
                          pool: 10.100.0.0/16
                          backend:
                            type: wireguard
                            port6: 51820
                        hosts:
                          - name: node-1
                            address: 192.0.2.11
                        """,
                        5, 12,
                        "network.backend.port6 51820 is the listen port of both wireguard devices (IPv4 and IPv6)",
                        "give port6 a port of its own, e.g. 51821"),
                bad("keepaliveNegative", """
                        network:
                          pool: 10.100.0.0/16
                          backend:
                            type: wireguard
                            persistentKeepalive: -5
                        hosts:
                          - name: node-1
                            address: 192.0.2.11
                        """,
                        5, 26,
                        "network.backend.persistentKeepalive -5 is out of range",
                        "write a whole number from 0 to 65535, e.g. 25"),
                bad("emptyPskFile", """
                        network:
                          pool: 10.100.0.0/16
                          backend:
                            type: wireguard
                            pskFile: " "
                        hosts:
                          - name: node-1
                            address: 192.0.2.11
                        """,
                        5, 14,
                        "network.backend.pskFile is empty",
                        "write the path of a file holding a key from 'wg genpsk', or remove pskFile:"),
                bad("directRoutingWithUdp", """
                        network:
                          pool: 10.100.0.0/16
                          backend:
                            type: udp
                            directRouting: true
                        hosts:
                          - name: node-1
                            address: 192.0.2.11
                        """,
                        5, 5,
                        "network.backend.directRouting applies only to type vxlan, not udp",
                        "remove directRouting:, or use type: vxlan"),
                bad("directRoutingYes", """
                        network:
                          pool: 10.100.0.0/16
                          backend:
                            type: vxlan
                            directRouting: yes
                        hosts:
                          - name: node-1
                            address: 192.0.2.11
                        """,
                        5, 20,
                        "network.backend.directRouting must be true or false",
                        "it is yes here; write directRouting: false"),
                bad("backendKeyWrongCase", """
                        network:
                          pool: 10.100.0.0/16
                          backend:
                            type: vxlan
                            VNI: 4
                        hosts:
                          - name: node-1
                            address: 192.0.2.11
                        """,
                        5, 5,
                        "network.backend.VNI is not a known key",
                        "did you mean vni?"),
                bad("mtuTooSmall", """
                        network:
                          pool: 10.100.0.0/16
                          mtu: 100
                        hosts:
                          - name: node-1
                            address: 192.0.2.11
                        """,
                        3, 8,
                        "network.mtu 100 is out of range",
                        "write a whole number from 576 to 9000, e.g. 1450"),
                bad("mtuWord", """
                        network:
                          pool: 10.100.0.0/16
                          mtu: big
                        hosts:
                          - name: node-1
                            address: 192.0.2.11
                        """,
                        3, 8,
                        "network.mtu must be auto or a whole number, e.g. 1450",
                        "it is big here; write mtu: auto"),
                bad("ipMasqNumber", """
                        network:
                          pool: 10.100.0.0/16
                          ipMasq: 1
                        hosts:
                          - name: node-1
                            address: 192.0.2.11
                        """,
                        3, 11,
                        "network.ipMasq must be true or false",
                        "it is 1 here; write ipMasq: true"),
                bad("runtimeUnknown", """
                        network:
                          pool: 10.100.0.0/16
                          runtime: podman
                        hosts:
                          - name: node-1
                            address: 192.0.2.11
                        """,
                        3, 12,
                        "network.runtime podman is not one of docker, cni, none",
                        "write one of docker, cni, none"));
    }
}
