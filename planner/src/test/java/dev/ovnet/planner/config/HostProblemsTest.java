package dev.ovnet.planner.config;

import static dev.ovnet.planner.config.ProblemCases.bad;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * One host entry at a time: names, addresses, interfaces, connections, roots, pins.
 * Each file is wrong in exactly one way and must give exactly one problem: this message, at this line and column,
 * with this hint.
 */
class HostProblemsTest {

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void fileWithOneMistakeGivesExactlyThatProblem(String name, String yaml, Problem expected) {
        ProblemCases.assertOnly(yaml, expected);
    }

    static Stream<Arguments> cases() {
        return Stream.of(
                bad("hostsNotList", """
                        network:
                          pool: 10.100.0.0/16
                        hosts:
                          name: node-1
                        """,
                        4, 3,
                        "hosts must be a list, e.g. [{name: node-1, address: 192.0.2.11}]",
                        "it is a mapping here; write hosts: [{name: node-1, address: 192.0.2.11}]"),
                bad("hostsEmpty", """
                        network:
                          pool: 10.100.0.0/16
                        hosts: []
                        """,
                        3, 8,
                        "hosts is empty",
                        "list at least one host, e.g. hosts: [{name: node-1, address: 192.0.2.11}]"),
                bad("hostEntryNotMapping", """
                        network:
                          pool: 10.100.0.0/16
                        hosts:
                          - node-1
                        """,
                        4, 5,
                        "hosts[0] must be a mapping, e.g. {name: node-1, address: 192.0.2.11}",
                        "it is node-1 here; write e.g. {name: node-1, address: 192.0.2.11}"),
                bad("hostNameMissing", """
                        network:
                          pool: 10.100.0.0/16
                        hosts:
                          - address: 192.0.2.11
                        """,
                        4, 5,
                        "hosts[0].name is required",
                        "add name: node-1"),
                bad("hostNameCommandSubstitution", """
                        network:
                          pool: 10.100.0.0/16
                        hosts:
                          - name: $(reboot)
                            address: 192.0.2.11
                        """,
                        4, 11,
                        "hosts[0].name \"$(reboot)\" is not a valid host name",
                        "use 1 to 63 letters, digits, '_', '.' or '-', starting with a letter or digit, e.g. node-1"),
                bad("hostNamePathTraversal", """
                        network:
                          pool: 10.100.0.0/16
                        hosts:
                          - name: ../etc
                            address: 192.0.2.11
                        """,
                        4, 11,
                        "hosts[0].name ../etc is not a valid host name",
                        "use 1 to 63 letters, digits, '_', '.' or '-', starting with a letter or digit, e.g. node-1"),
                bad("hostNameSpace", """
                        network:
                          pool: 10.100.0.0/16
                        hosts:
                          - name: node 1
                            address: 192.0.2.11
                        """,
                        4, 11,
                        "hosts[0].name \"node 1\" is not a valid host name",
                        "use 1 to 63 letters, digits, '_', '.' or '-', starting with a letter or digit, e.g. node-1"),
                bad("hostNameNewline", """
                        network:
                          pool: 10.100.0.0/16
                        hosts:
                          - name: "node\\n1"
                            address: 192.0.2.11
                        """,
                        4, 11,
                        "hosts[0].name \"node\\n1\" contains the control character U+000A",
                        "remove it; write name: node-1"),
                bad("hostNameNul", """
                        network:
                          pool: 10.100.0.0/16
                        hosts:
                          - name: "node\\0"
                            address: 192.0.2.11
                        """,
                        4, 11,
                        "hosts[0].name \"node\\u0000\" contains the control character U+0000",
                        "remove it; write name: node-1"),
                bad("hostNameUnicode", """
                        network:
                          pool: 10.100.0.0/16
                        hosts:
                          - name: nöde
                            address: 192.0.2.11
                        """,
                        4, 11,
                        "hosts[0].name \"nöde\" is not a valid host name",
                        "use 1 to 63 letters, digits, '_', '.' or '-', starting with a letter or digit, e.g. node-1"),
                bad("hostNameNull", """
                        network:
                          pool: 10.100.0.0/16
                        hosts:
                          - name: ~
                            address: 192.0.2.11
                        """,
                        4, 11,
                        "hosts[0].name has no value",
                        "write name: node-1"),
                bad("addressMissing", """
                        network:
                          pool: 10.100.0.0/16
                        hosts:
                          - name: node-1
                        """,
                        4, 5,
                        "hosts[0] (node-1).address is required",
                        "add address: 192.0.2.11"),
                bad("addressOctetTooLarge", """
                        network:
                          pool: 10.100.0.0/16
                        hosts:
                          - name: node-1
                            address: 300.1.1.1
                        """,
                        5, 14,
                        "hosts[0] (node-1).address 300.1.1.1 is not an IPv4 address",
                        "write four numbers from 0 to 255 joined by dots, e.g. 192.0.2.11"),
                bad("addressIpv6", """
                        network:
                          pool: 10.100.0.0/16
                        hosts:
                          - name: node-1
                            address: 2001:db8::1
                        """,
                        5, 14,
                        "hosts[0] (node-1).address 2001:db8::1 is an IPv6 address",
                        "write an IPv4 address, e.g. 192.0.2.11; IPv6 goes under address6"),
                bad("addressLoopback", """
                        network:
                          pool: 10.100.0.0/16
                        hosts:
                          - name: node-1
                            address: 127.0.0.1
                        """,
                        5, 14,
                        "hosts[0] (node-1).address 127.0.0.1 is a loopback address",
                        "write the underlay address other hosts reach this host at, e.g. 192.0.2.11"),
                bad("addressInsidePool", """
                        network:
                          pool: 10.100.0.0/16
                        hosts:
                          - name: node-1
                            address: 10.100.3.4
                        """,
                        5, 14,
                        "hosts[0] (node-1).address 10.100.3.4 is inside the pool 10.100.0.0/16",
                        "the pool is for containers: choose a pool that does not hold the hosts' own addresses"),
                bad("ifaceTooLong", """
                        network:
                          pool: 10.100.0.0/16
                        hosts:
                          - name: node-1
                            address: 192.0.2.11
                            iface: averyveryverylongname
                        """,
                        6, 12,
                        "hosts[0] (node-1).iface averyveryverylongname is longer than 15 characters",
                        "write an interface name of up to 15 letters, digits, '_', '.' or '-', e.g. eth0"),
                bad("ifaceSlash", """
                        network:
                          pool: 10.100.0.0/16
                        hosts:
                          - name: node-1
                            address: 192.0.2.11
                            iface: eth/0
                        """,
                        6, 12,
                        "hosts[0] (node-1).iface eth/0 is not a valid interface name",
                        "write an interface name of up to 15 letters, digits, '_', '.' or '-', e.g. eth0"),
                bad("ifaceShellCharacters", """
                        network:
                          pool: 10.100.0.0/16
                        hosts:
                          - name: node-1
                            address: 192.0.2.11
                            iface: "eth0;reboot"
                        """,
                        6, 12,
                        "hosts[0] (node-1).iface \"eth0;reboot\" is not a valid interface name",
                        "write an interface name of up to 15 letters, digits, '_', '.' or '-', e.g. eth0"),
                bad("ifaceLeadingDash", """
                        network:
                          pool: 10.100.0.0/16
                        hosts:
                          - name: node-1
                            address: 192.0.2.11
                            iface: -rf
                        """,
                        6, 12,
                        "hosts[0] (node-1).iface -rf is not a valid interface name",
                        "write an interface name of up to 15 letters, digits, '_', '.' or '-', e.g. eth0"),
                bad("ifaceDotDot", """
                        network:
                          pool: 10.100.0.0/16
                        hosts:
                          - name: node-1
                            address: 192.0.2.11
                            iface: ..
                        """,
                        6, 12,
                        "hosts[0] (node-1).iface .. is not a valid interface name",
                        "write an interface name of up to 15 letters, digits, '_', '.' or '-', e.g. eth0"),
                bad("connectionUnknown", """
                        network:
                          pool: 10.100.0.0/16
                        hosts:
                          - name: node-1
                            address: 192.0.2.11
                            connection: telnet
                        """,
                        6, 17,
                        "hosts[0] (node-1).connection telnet is not one of ssh, local, netns, agent",
                        "write one of ssh, local, netns, agent"),
                bad("netnsInvalid", """
                        network:
                          pool: 10.100.0.0/16
                        hosts:
                          - name: node-1
                            address: 192.0.2.11
                            connection: netns
                            netns: ns/1
                        """,
                        7, 12,
                        "hosts[0] (node-1).netns ns/1 is not a valid namespace name",
                        "use 1 to 63 letters, digits, '_', '.' or '-', starting with a letter or digit, e.g. node-1"),
                bad("rootRelative", """
                        network:
                          pool: 10.100.0.0/16
                        hosts:
                          - name: node-1
                            address: 192.0.2.11
                            root: srv/node-1
                        """,
                        6, 11,
                        "hosts[0] (node-1).root srv/node-1 is not an absolute path",
                        "write a path that starts with /, e.g. /srv/ovnet/node-1"),
                bad("rootDotDot", """
                        network:
                          pool: 10.100.0.0/16
                        hosts:
                          - name: node-1
                            address: 192.0.2.11
                            root: /srv/../etc
                        """,
                        6, 11,
                        "hosts[0] (node-1).root /srv/../etc contains ..",
                        "write the path without .. segments, e.g. /srv/ovnet/node-1"),
                bad("subnetOutsidePool", """
                        network:
                          pool: 10.100.0.0/16
                        hosts:
                          - name: node-1
                            address: 192.0.2.11
                          - name: node-2
                            address: 192.0.2.12
                            subnet: 10.200.0.0/24
                        """,
                        8, 13,
                        "hosts[1] (node-2).subnet 10.200.0.0/24 is outside the pool 10.100.0.0/16",
                        "write a /24 inside 10.100.0.0/16, or remove the key to let ovnet choose"),
                bad("subnetHostBits", """
                        network:
                          pool: 10.100.0.0/16
                        hosts:
                          - name: node-1
                            address: 192.0.2.11
                            subnet: 10.100.5.1/24
                        """,
                        6, 13,
                        "hosts[0] (node-1).subnet 10.100.5.1/24 has host bits set",
                        "write 10.100.5.0/24 (the /24 that holds 10.100.5.1)"),
                bad("subnetWrongLength", """
                        network:
                          pool: 10.100.0.0/16
                        hosts:
                          - name: node-1
                            address: 192.0.2.11
                            subnet: 10.100.5.0/25
                        """,
                        6, 13,
                        "hosts[0] (node-1).subnet 10.100.5.0/25 is a /25, but network.subnetLength is 24",
                        "write a /24, e.g. 10.100.5.0/24, or remove the key to let ovnet choose"),
                bad("subnetBelowMin", """
                        network:
                          pool: 10.100.0.0/16
                        hosts:
                          - name: node-1
                            address: 192.0.2.11
                            subnet: 10.100.0.0/24
                        """,
                        6, 13,
                        "hosts[0] (node-1).subnet 10.100.0.0/24 is below network.subnetMin 10.100.1.0 (the "
                                + "default: the pool's first subnet is never used)",
                        "write a /24 from 10.100.1.0 to 10.100.255.0, or remove the key to let ovnet choose"),
                bad("subnetAboveMax", """
                        network:
                          pool: 10.100.0.0/16
                          subnetMax: 10.100.9.0
                        hosts:
                          - name: node-1
                            address: 192.0.2.11
                            subnet: 10.100.10.0/24
                        """,
                        7, 13,
                        "hosts[0] (node-1).subnet 10.100.10.0/24 is above network.subnetMax 10.100.9.0",
                        "write a /24 from 10.100.1.0 to 10.100.9.0, or remove the key to let ovnet choose"),
                bad("subnetWithoutLength", """
                        network:
                          pool: 10.100.0.0/16
                        hosts:
                          - name: node-1
                            address: 192.0.2.11
                            subnet: 10.100.7.0
                        """,
                        6, 13,
                        "hosts[0] (node-1).subnet 10.100.7.0 is not an IPv4 network",
                        "add the prefix length, e.g. 10.100.7.0/24"),
                bad("subnetIpv6", """
                        network:
                          pool: 10.100.0.0/16
                        hosts:
                          - name: node-1
                            address: 192.0.2.11
                            subnet: fd00::/64
                        """,
                        6, 13,
                        "hosts[0] (node-1).subnet fd00::/64 is an IPv6 network",
                        "write an IPv4 network, e.g. 10.100.1.0/24; IPv6 goes under subnet6"),
                bad("hostSshWithLocal", """
                        network:
                          pool: 10.100.0.0/16
                        hosts:
                          - name: node-1
                            address: 192.0.2.11
                            connection: local
                            ssh: {user: admin}
                        """,
                        7, 5,
                        "hosts[0] (node-1).ssh applies only to connection ssh, not local",
                        "remove this host's ssh: block"),
                bad("hostSshPortText", """
                        network:
                          pool: 10.100.0.0/16
                        hosts:
                          - name: node-1
                            address: 192.0.2.11
                            ssh: {port: ssh}
                        """,
                        6, 17,
                        "hosts[0] (node-1).ssh.port must be a whole number, e.g. 22",
                        "it is ssh here; write port: 22"),
                bad("hostKeyTypo", """
                        network:
                          pool: 10.100.0.0/16
                        hosts:
                          - name: node-1
                            address: 192.0.2.11
                            adress: 192.0.2.12
                        """,
                        6, 5,
                        "hosts[0] (node-1).adress is not a known key",
                        "did you mean address?"),
                bad("hostKeyBelongsInSsh", """
                        network:
                          pool: 10.100.0.0/16
                        hosts:
                          - name: node-1
                            address: 192.0.2.11
                            user: admin
                        """,
                        6, 5,
                        "hosts[0] (node-1).user is not a known key",
                        "user belongs in ssh; the keys here are name, address, iface, connection, netns, root, "
                                + "subnet, ssh, address6, subnet6"),
                bad("hostDuplicateKey", """
                        network:
                          pool: 10.100.0.0/16
                        hosts:
                          - name: node-1
                            address: 192.0.2.11
                            address: 192.0.2.12
                        """,
                        6, 5,
                        "hosts[0] (node-1).address is given twice (first on line 5)",
                        "keep one address: and remove the other"));
    }
}
