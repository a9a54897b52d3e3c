package dev.ovnet.planner.config;

import static dev.ovnet.planner.config.ProblemCases.bad;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The IPv6 keys, one mistake per file: exactly this message at this line and column, with this hint.
 */
class Ipv6ProblemsTest {

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void fileWithOneMistakeGivesExactlyThatProblem(String name, String yaml, Problem expected) {
        ProblemCases.assertOnly(yaml, expected);
    }

    static Stream<Arguments> cases() {
        return Stream.of(
                bad("pool6Ipv4", """
                        network:
                          pool: 10.100.0.0/16
                          pool6: 10.200.0.0/16
                        hosts:
                          - {name: node-1, address: 192.0.2.11, address6: "fd00::11"}
                        """,
                        3, 10,
                        "network.pool6 10.200.0.0/16 is an IPv4 network",
                        "write an IPv6 network, e.g. fd10:100::/48; IPv4 goes under pool"),
                bad("pool6HostBits", """
                        network:
                          pool: 10.100.0.0/16
                          pool6: "fd10:100::1/48"
                        hosts:
                          - {name: node-1, address: 192.0.2.11, address6: "fd00::11"}
                        """,
                        3, 10,
                        "network.pool6 fd10:100::1/48 has host bits set",
                        "write fd10:100::/48 (the /48 that holds fd10:100::1)"),
                bad("pool6Malformed", """
                        network:
                          pool: 10.100.0.0/16
                          pool6: "fd10:100:::/48"
                        hosts:
                          - {name: node-1, address: 192.0.2.11, address6: "fd00::11"}
                        """,
                        3, 10,
                        "network.pool6 fd10:100:::/48 is not an IPv6 network",
                        "write address/length, e.g. fd10:100::/48"),
                bad("pool6TooSmall", """
                        network:
                          pool: 10.100.0.0/16
                          pool6: "fd10::/126"
                        hosts:
                          - {name: node-1, address: 192.0.2.11, address6: "fd00::11"}
                        """,
                        3, 10,
                        "network.pool6 fd10::/126 is too small: the smallest pool6 is a /124",
                        "use a /124 or a larger pool6, e.g. fd10::/124, which holds four /126 subnets"),
                bad("pool6TooSmallForHosts", """
                        network:
                          pool: 10.100.0.0/16
                          pool6: "fd10::/124"
                        hosts:
                          - {name: node-1, address: 192.0.2.11, address6: "fd00::11"}
                          - {name: node-2, address: 192.0.2.12, address6: "fd00::12"}
                          - {name: node-3, address: 192.0.2.13, address6: "fd00::13"}
                          - {name: node-4, address: 192.0.2.14, address6: "fd00::14"}
                        """,
                        3, 10,
                        "network.pool6 fd10::/124 has room for 3 subnets of /126 (fd10::4 to fd10::c), but there are"
                                + " 4 hosts",
                        "use a larger pool6 such as fd10::/123, or a wider range from subnetMin6 to subnetMax6"),
                bad("subnetLength6TooLong", """
                        network:
                          pool: 10.100.0.0/16
                          pool6: fd10:100::/48
                          subnetLength6: 127
                        hosts:
                          - {name: node-1, address: 192.0.2.11, address6: "fd00::11"}
                        """,
                        4, 18,
                        "network.subnetLength6 127 is longer than /126",
                        "write 126 or less, usually 64: each subnet needs room for a gateway and containers"),
                bad("subnetLength6TooShort", """
                        network:
                          pool: 10.100.0.0/16
                          pool6: fd10:100::/48
                          subnetLength6: 49
                        hosts:
                          - {name: node-1, address: 192.0.2.11, address6: "fd00::11"}
                        """,
                        4, 18,
                        "network.subnetLength6 49 leaves room for fewer than four subnets in the pool6 fd10:100::/48",
                        "the pool6 must hold at least four subnets: write 50 to 126, or use a larger pool6"),
                bad("subnetMin6Unaligned", """
                        network:
                          pool: 10.100.0.0/16
                          pool6: fd10:100::/48
                          subnetMin6: "fd10:100:0:1::5"
                        hosts:
                          - {name: node-1, address: 192.0.2.11, address6: "fd00::11"}
                        """,
                        4, 15,
                        "network.subnetMin6 fd10:100:0:1::5 is not on a /64 boundary",
                        "write fd10:100:0:1::, the start of the /64 that holds fd10:100:0:1::5"),
                bad("subnetMax6OutsidePool", """
                        network:
                          pool: 10.100.0.0/16
                          pool6: fd10:100::/48
                          subnetMax6: "fd10:101::"
                        hosts:
                          - {name: node-1, address: 192.0.2.11, address6: "fd00::11"}
                        """,
                        4, 15,
                        "network.subnetMax6 fd10:101:: is outside the pool6 fd10:100::/48",
                        "write an address inside fd10:100::/48 on a /64 boundary, e.g. fd10:100:0:1::"),
                bad("subnetLength6WithoutPool6", """
                        network:
                          pool: 10.100.0.0/16
                          subnetLength6: 64
                        hosts:
                          - {name: node-1, address: 192.0.2.11}
                        """,
                        3, 3,
                        "network.subnetLength6 needs network.pool6, which is not given",
                        "add pool6: fd10:100::/48 to make the network dual-stack, or remove subnetLength6"),
                bad("pool6WithUdp", """
                        network:
                          pool: 10.100.0.0/16
                          pool6: fd10:100::/48
                          backend: {type: udp}
                        hosts:
                          - {name: node-1, address: 192.0.2.11, address6: "fd00::11"}
                        """,
                        3, 10,
                        "network.pool6 is given, but backend udp carries IPv4 only",
                        "use backend type vxlan or host-gw for a dual-stack network, or remove pool6"),
                // wireguard is dual-stack (flannel-wg-v6): its only problem here is the host without address6
                bad("pool6WithWireguard", """
                        network:
                          pool: 10.100.0.0/16
                          pool6: fd10:100::/48
                          backend: {type: wireguard}
                        hosts:
                          - {name: node-1, address: 192.0.2.11, address6: "fd00::11"}
                          - {name: node-2, address: 192.0.2.12}
                        """,
                        7, 5,
                        "hosts[1] (node-2) has no address6, which network.pool6 requires",
                        "add address6: the host's underlay IPv6 address other hosts reach it at, e.g."
                                + " fd00:192:0:2::11"),
                bad("ipv6OnlyWireguard", """
                        network:
                          pool6: fd10:100::/48
                          backend: {type: wireguard}
                        hosts:
                          - {name: node-1, address6: "fd00::11"}
                        """,
                        2, 10,
                        "network.pool6 without pool: ovnet's wireguard backend needs an IPv4 pool beside pool6 (the"
                                + " IPv6 device flannel-wg-v6 rides next to flannel-wg, as in flannel's separate mode)",
                        "add pool: 10.100.0.0/16 to make the network dual-stack, or use backend type vxlan or host-gw"
                                + " for an IPv6-only network"),
                bad("vniTooLongForTheIpv6Device", """
                        network:
                          pool: 10.100.0.0/16
                          pool6: fd10:100::/48
                          backend: {type: vxlan, vni: 10000}
                        hosts:
                          - {name: node-1, address: 192.0.2.11, address6: "fd00::11"}
                        """,
                        3, 10,
                        "network.pool6 needs the device flannel-v6.10000, whose name is longer than Linux's 15"
                                + " characters",
                        "use a backend vni of 9999 or less on a dual-stack network"),
                bad("ipv6OnlyHostAddress", """
                        network:
                          pool6: fd10:100::/48
                        hosts:
                          - {name: node-1, address: 192.0.2.11, address6: "fd00::11"}
                        """,
                        4, 20,
                        "hosts[0] (node-1).address is IPv4, but the network has no pool (IPv6 only)",
                        "remove address and give the host's IPv6 underlay address as address6, or add network.pool"
                                + " to make the network dual-stack"),
                bad("ipv6OnlySubnetLength", """
                        network:
                          pool6: fd10:100::/48
                          subnetLength: 24
                        hosts:
                          - {name: node-1, address6: "fd00::11"}
                        """,
                        3, 3,
                        "network.subnetLength belongs to pool, which this IPv6-only network leaves out",
                        "remove subnetLength (the IPv6 subnets take subnetLength6), or add pool: 10.100.0.0/16 to"
                                + " make the network dual-stack"),
                bad("ipv6OnlyUdp", """
                        network:
                          pool6: fd10:100::/48
                          backend: {type: udp}
                        hosts:
                          - {name: node-1, address6: "fd00::11"}
                        """,
                        2, 10,
                        "network.pool6 is given, but backend udp carries IPv4 only",
                        "use backend type vxlan or host-gw for an IPv6-only network"),
                bad("ipv6OnlyLabWithoutSegments6", """
                        network:
                          pool6: fd10:100::/48
                        hosts:
                          - {name: node-1, address6: "fd00::11"}
                        lab:
                          containers: 2
                        """,
                        5, 1,
                        "lab has no segments6, which an IPv6-only network needs for its underlay",
                        "add segments6: [fd00:192:0:2::/64] to lab and give each host an address6 inside it"),
                bad("ipv6OnlyLabIpv4Segments", """
                        network:
                          pool6: fd10:100::/48
                        hosts:
                          - {name: node-1, address6: "fd00:192:0:2::11"}
                        lab:
                          segments: [192.0.2.0/24]
                          segments6: [fd00:192:0:2::/64]
                        """,
                        6, 14,
                        "lab.segments are IPv4, but the network has no pool (IPv6 only)",
                        "write the lab's underlay as segments6, e.g. segments6: [fd00:192:0:2::/64]"),
                bad("address6Missing", """
                        network:
                          pool: 10.100.0.0/16
                          pool6: fd10:100::/48
                        hosts:
                          - {name: node-1, address: 192.0.2.11, address6: "fd00::11"}
                          - {name: node-2, address: 192.0.2.12}
                        """,
                        6, 5,
                        "hosts[1] (node-2) has no address6, which network.pool6 requires",
                        "add address6: the host's underlay IPv6 address other hosts reach it at, e.g. fd00:192:0:2::11"),
                bad("address6Ipv4", """
                        network:
                          pool: 10.100.0.0/16
                          pool6: fd10:100::/48
                        hosts:
                          - name: node-1
                            address: 192.0.2.11
                            address6: 192.0.2.11
                        """,
                        7, 15,
                        "hosts[0] (node-1).address6 192.0.2.11 is an IPv4 address",
                        "write an IPv6 address, e.g. fd00:192:0:2::11; IPv4 goes under address"),
                bad("address6WithLength", """
                        network:
                          pool: 10.100.0.0/16
                          pool6: fd10:100::/48
                        hosts:
                          - name: node-1
                            address: 192.0.2.11
                            address6: "fd00::11/64"
                        """,
                        7, 15,
                        "hosts[0] (node-1).address6 fd00::11/64 is not an IPv6 address",
                        "write the address without the /length: fd00::11"),
                bad("address6LinkLocal", """
                        network:
                          pool: 10.100.0.0/16
                          pool6: fd10:100::/48
                        hosts:
                          - name: node-1
                            address: 192.0.2.11
                            address6: "fe80::11"
                        """,
                        7, 15,
                        "hosts[0] (node-1).address6 fe80::11 is a link-local address, which needs an interface to"
                                + " mean anything",
                        "write the global or unique-local IPv6 address other hosts reach this host at, e.g."
                                + " fd00:192:0:2::11"),
                bad("address6InPool6", """
                        network:
                          pool: 10.100.0.0/16
                          pool6: fd10:100::/48
                        hosts:
                          - name: node-1
                            address: 192.0.2.11
                            address6: "fd10:100::11"
                        """,
                        7, 15,
                        "hosts[0] (node-1).address6 fd10:100::11 is inside the pool6 fd10:100::/48",
                        "pool6 is for containers: choose a pool6 that does not hold the hosts' own addresses"),
                bad("address6Twice", """
                        network:
                          pool: 10.100.0.0/16
                          pool6: fd10:100::/48
                        hosts:
                          - {name: node-1, address: 192.0.2.11, address6: "fd00::11"}
                          - {name: node-2, address: 192.0.2.12, address6: "fd00:0::11"}
                        """,
                        6, 51,
                        "hosts[1] (node-2).address6 fd00::11 is also the address6 of hosts[0] (node-1) on line 5",
                        "every host needs its own underlay IPv6 address"),
                bad("address6WithoutPool6", """
                        network:
                          pool: 10.100.0.0/16
                        hosts:
                          - {name: node-1, address: 192.0.2.11, address6: "fd00::11"}
                        """,
                        4, 41,
                        "hosts[0] (node-1).address6 needs network.pool6, which is not given",
                        "add pool6: fd10:100::/48 to network to make it dual-stack, or remove address6"),
                bad("subnet6PinnedTwice", """
                        network:
                          pool: 10.100.0.0/16
                          pool6: fd10:100::/48
                        hosts:
                          - {name: node-1, address: 192.0.2.11, address6: "fd00::11", subnet6: "fd10:100:0:7::/64"}
                          - {name: node-2, address: 192.0.2.12, address6: "fd00::12", subnet6: "fd10:100:0:7::/64"}
                        """,
                        6, 72,
                        "hosts[1] (node-2).subnet6 fd10:100:0:7::/64 is already pinned to hosts[0] (node-1) on line 5",
                        "pin another subnet6, or remove the key to let ovnet choose"),
                bad("subnet6HostBits", """
                        network:
                          pool: 10.100.0.0/16
                          pool6: fd10:100::/48
                        hosts:
                          - {name: node-1, address: 192.0.2.11, address6: "fd00::11", subnet6: "fd10:100:0:7::/56"}
                        """,
                        5, 72,
                        "hosts[0] (node-1).subnet6 fd10:100:0:7::/56 has host bits set",
                        "write fd10:100::/56 (the /56 that holds fd10:100:0:7::)"),
                bad("subnet6NotSubnetLength6", """
                        network:
                          pool: 10.100.0.0/16
                          pool6: fd10:100::/48
                        hosts:
                          - {name: node-1, address: 192.0.2.11, address6: "fd00::11", subnet6: "fd10:100:0:700::/56"}
                        """,
                        5, 72,
                        "hosts[0] (node-1).subnet6 fd10:100:0:700::/56 is a /56, but network.subnetLength6 is 64",
                        "write a /64, e.g. fd10:100:0:700::/64, or remove the key to let ovnet choose"),
                bad("subnet6FirstSubnet", """
                        network:
                          pool: 10.100.0.0/16
                          pool6: fd10:100::/48
                        hosts:
                          - {name: node-1, address: 192.0.2.11, address6: "fd00::11", subnet6: "fd10:100::/64"}
                        """,
                        5, 72,
                        "hosts[0] (node-1).subnet6 fd10:100::/64 is below network.subnetMin6 fd10:100:0:1::",
                        "write a /64 from fd10:100:0:1:: to fd10:100:0:ffff::, or remove the key to let ovnet choose"),
                bad("subnet6Ipv4", """
                        network:
                          pool: 10.100.0.0/16
                          pool6: fd10:100::/48
                        hosts:
                          - {name: node-1, address: 192.0.2.11, address6: "fd00::11", subnet6: 10.100.7.0/24}
                        """,
                        5, 72,
                        "hosts[0] (node-1).subnet6 10.100.7.0/24 is an IPv4 network",
                        "write an IPv6 network, e.g. fd10:100:0:1::/64; IPv4 goes under subnet"),
                bad("segments6CountMismatch", """
                        network: {pool: 10.100.0.0/16, pool6: "fd10:100::/48"}
                        lab:
                          segments: [192.0.2.0/24, 198.51.100.0/24]
                          segments6: ["fd00:192:0:2::/64"]
                        hosts:
                          - {name: node-1, address: 192.0.2.11, address6: "fd00:192:0:2::11"}
                        """,
                        4, 14,
                        "lab.segments6 lists 1 network, but the lab has 2 IPv4 segments",
                        "list one IPv6 network per entry of lab.segments, in the same order"),
                bad("address6OutsideSegment6", """
                        network: {pool: 10.100.0.0/16, pool6: "fd10:100::/48"}
                        lab:
                          segments: [192.0.2.0/24]
                          segments6: ["fd00:192:0:2::/64"]
                        hosts:
                          - {name: node-1, address: 192.0.2.11, address6: "fd00:192:0:3::11"}
                        """,
                        6, 51,
                        "hosts[0] (node-1).address6 fd00:192:0:3::11 is not in fd00:192:0:2::/64, the IPv6 network of"
                                + " this host's lab segment",
                        "write an address inside fd00:192:0:2::/64, e.g. fd00:192:0:2::11"),
                bad("segments6OverlapPool6", """
                        network: {pool: 10.100.0.0/16, pool6: "fd10:100::/48"}
                        lab:
                          segments6: ["fd10:100:0:2::/64"]
                        hosts:
                          - {name: node-1, address: 192.0.2.11, address6: "fd00:192:0:2::11"}
                        """,
                        3, 15,
                        "lab.segments6[0] fd10:100:0:2::/64 overlaps the pool6 fd10:100::/48",
                        "choose underlay segments outside pool6, e.g. fd00:192:0:2::/64"));
    }
}
