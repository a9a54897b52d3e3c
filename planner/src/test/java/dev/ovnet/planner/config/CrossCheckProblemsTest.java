package dev.ovnet.planner.config;

import static dev.ovnet.planner.config.ProblemCases.bad;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Checks between hosts and between blocks, including the lab block's segments.
 * Each file is wrong in exactly one way and must give exactly one problem: this message, at this line and column,
 * with this hint.
 */
class CrossCheckProblemsTest {

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void fileWithOneMistakeGivesExactlyThatProblem(String name, String yaml, Problem expected) {
        ProblemCases.assertOnly(yaml, expected);
    }

    static Stream<Arguments> cases() {
        return Stream.of(
                bad("duplicateHostNames", """
                        network:
                          pool: 10.100.0.0/16
                        hosts:
                          - name: node-1
                            address: 192.0.2.11
                          - name: node-1
                            address: 192.0.2.12
                        """,
                        6, 11,
                        "hosts[1].name node-1 is already the name of hosts[0] (node-1) on line 4",
                        "give every host its own name"),
                bad("duplicateAddresses", """
                        network:
                          pool: 10.100.0.0/16
                        hosts:
                          - name: node-1
                            address: 192.0.2.11
                          - name: node-2
                            address: 192.0.2.11
                        """,
                        7, 14,
                        "hosts[1] (node-2).address 192.0.2.11 is also the address of hosts[0] (node-1) on line 4",
                        "every host needs its own underlay address"),
                bad("duplicatePins", """
                        network:
                          pool: 10.100.0.0/16
                        hosts:
                          - name: node-1
                            address: 192.0.2.11
                            subnet: 10.100.5.0/24
                          - name: node-2
                            address: 192.0.2.12
                            subnet: 10.100.5.0/24
                        """,
                        9, 13,
                        "hosts[1] (node-2).subnet 10.100.5.0/24 is already pinned to hosts[0] (node-1) on line 4",
                        "pin another subnet, or remove the key to let ovnet choose"),
                bad("twoLocalHosts", """
                        network:
                          pool: 10.100.0.0/16
                        hosts:
                          - name: node-1
                            address: 192.0.2.11
                            connection: local
                          - name: node-2
                            address: 192.0.2.12
                            connection: local
                        """,
                        9, 17,
                        "hosts[1] (node-2).connection is local, but hosts[0] (node-1) on line 4 is already this "
                                + "machine",
                        "only one host can be this machine; reach the others with ssh or netns"),
                bad("agentHostWithoutEtcdState", """
                        network:
                          pool: 10.100.0.0/16
                        hosts:
                          - name: node-1
                            address: 192.0.2.11
                            connection: agent
                        """,
                        6, 17,
                        "hosts[0] (node-1).connection is agent, but state.backend is local: an agent reads the network"
                                + " from etcd and reports there",
                        "keep the state in etcd (state: {backend: etcd, endpoints: [http://10.0.0.1:2379]}), or reach"
                                + " this host with connection: ssh"),
                bad("agentHostWithAPreSharedKey", """
                        network:
                          pool: 10.100.0.0/16
                          backend: {type: wireguard, pskFile: wg.psk}
                        state: {backend: etcd, endpoints: ["http://127.0.0.1:2379"]}
                        hosts:
                          - name: node-1
                            address: 192.0.2.11
                            connection: agent
                        """,
                        8, 17,
                        "hosts[0] (node-1).connection is agent, but backend.pskFile is set: ovnet never stores the"
                                + " pre-shared key, so an agent could not give it to its peers",
                        "remove pskFile (wireguard still encrypts with the hosts' own keys), or reach this host with"
                                + " connection: ssh"),
                bad("poolTooSmallForHosts", """
                        network:
                          pool: 10.100.0.0/28
                          subnetLength: 30
                        hosts:
                          - {name: n0, address: 192.0.2.10}
                          - {name: n1, address: 192.0.2.11}
                          - {name: n2, address: 192.0.2.12}
                          - {name: n3, address: 192.0.2.13}
                        """,
                        2, 9,
                        "network.pool 10.100.0.0/28 has room for 3 subnets of /30 (10.100.0.4 to 10.100.0.12), "
                                + "but there are 4 hosts",
                        "use a larger pool such as 10.100.0.0/27"),
                bad("sameNetnsTwice", """
                        network:
                          pool: 10.100.0.0/16
                        hosts:
                          - name: node-1
                            address: 192.0.2.11
                            connection: netns
                            netns: shared
                          - name: node-2
                            address: 192.0.2.12
                            connection: netns
                            netns: shared
                        """,
                        11, 12,
                        "hosts[1] (node-2).netns shared is also the namespace of hosts[0] (node-1) on line 4",
                        "give every netns host its own namespace"),
                bad("sameRootOnThisMachine", """
                        network:
                          pool: 10.100.0.0/16
                        hosts:
                          - name: node-1
                            address: 192.0.2.11
                            connection: netns
                            root: /srv/x
                          - name: node-2
                            address: 192.0.2.12
                            connection: local
                            root: /srv/x/
                        """,
                        11, 11,
                        "hosts[1] (node-2).root /srv/x is also the root of hosts[0] (node-1) on line 4",
                        "hosts on this machine need roots of their own, or their files overwrite each other"),
                bad("labContainersTooMany", """
                        network:
                          pool: 10.100.0.0/16
                        hosts:
                          - name: node-1
                            address: 192.0.2.11
                        lab:
                          containers: 9
                        """,
                        7, 15,
                        "lab.containers 9 is out of range",
                        "write a whole number from 1 to 8, e.g. 1"),
                bad("labSegmentHostBits", """
                        network:
                          pool: 10.100.0.0/16
                        hosts:
                          - name: node-1
                            address: 192.0.2.11
                        lab:
                          segments: [192.0.2.1/24]
                        """,
                        7, 14,
                        "lab.segments[0] 192.0.2.1/24 has host bits set",
                        "write 192.0.2.0/24 (the /24 that holds 192.0.2.1)"),
                bad("labSegmentOverlapsPool", """
                        network:
                          pool: 10.100.0.0/16
                        hosts:
                          - name: node-1
                            address: 192.0.2.11
                        lab:
                          segments: [192.0.2.0/24, 10.100.7.0/24]
                        """,
                        7, 28,
                        "lab.segments[1] 10.100.7.0/24 overlaps the pool 10.100.0.0/16",
                        "choose underlay segments outside the pool, e.g. 192.0.2.0/24"),
                bad("labSegmentsOverlap", """
                        network:
                          pool: 10.100.0.0/16
                        hosts:
                          - name: node-1
                            address: 192.0.2.11
                        lab:
                          segments: [192.0.2.0/24, 192.0.2.128/25]
                        """,
                        7, 28,
                        "lab.segments[1] 192.0.2.128/25 overlaps the segment 192.0.2.0/24 on line 7",
                        "list each underlay segment once, without overlaps"),
                bad("labSegmentTooSmall", """
                        network:
                          pool: 10.100.0.0/16
                        hosts:
                          - name: node-1
                            address: 192.0.2.11
                        lab:
                          segments: [192.0.2.0/30]
                        """,
                        7, 14,
                        "lab.segments[0] 192.0.2.0/30 is too small for a lab segment",
                        "use a /29 or larger segment, e.g. 192.0.2.0/24"),
                bad("labUnknownKey", """
                        network:
                          pool: 10.100.0.0/16
                        hosts:
                          - name: node-1
                            address: 192.0.2.11
                        lab:
                          segment: [192.0.2.0/24]
                        """,
                        7, 3,
                        "lab.segment is not a known key",
                        "did you mean segments?"),
                bad("hostOutsideLabSegments", """
                        network:
                          pool: 10.100.0.0/16
                        hosts:
                          - name: node-1
                            address: 192.0.2.11
                          - name: node-2
                            address: 203.0.113.12
                        lab:
                          segments: [192.0.2.0/24, 198.51.100.0/24]
                        """,
                        7, 14,
                        "hosts[1] (node-2).address 203.0.113.12 is not in any lab segment (192.0.2.0/24, "
                                + "198.51.100.0/24)",
                        "write an address inside one of 192.0.2.0/24, 198.51.100.0/24, or add its segment to "
                                + "lab.segments"),
                bad("hostOutsideDefaultLabSegment", """
                        network:
                          pool: 10.100.0.0/16
                        hosts:
                          - name: node-1
                            address: 192.0.2.11
                          - name: node-2
                            address: 192.0.3.12
                        lab: {containers: 2}
                        """,
                        7, 14,
                        "hosts[1] (node-2).address 192.0.3.12 is not in the lab segment 192.0.2.0/24 (the /24 of "
                                + "the first host)",
                        "write an address inside 192.0.2.0/24, or add its segment to lab.segments"),
                bad("hostGwAcrossSegments", """
                        network:
                          pool: 10.100.0.0/16
                          backend: {type: host-gw}
                        hosts:
                          - name: node-1
                            address: 192.0.2.11
                          - name: node-2
                            address: 198.51.100.12
                        lab:
                          segments: [192.0.2.0/24, 198.51.100.0/24]
                        """,
                        8, 14,
                        "hosts[1] (node-2).address 198.51.100.12 is on lab segment 198.51.100.0/24, but hosts[0] "
                                + "(node-1) is on 192.0.2.0/24: host-gw needs every host on one L2 segment",
                        "put all hosts in 192.0.2.0/24, or use backend type vxlan or udp"),
                bad("hostOnLabRouterAddress", """
                        network:
                          pool: 10.100.0.0/16
                        hosts:
                          - name: node-1
                            address: 192.0.2.11
                          - name: node-2
                            address: 198.51.100.1
                        lab:
                          segments: [192.0.2.0/24, 198.51.100.0/24]
                        """,
                        7, 14,
                        "hosts[1] (node-2).address 198.51.100.1 is the lab router's address on segment "
                                + "198.51.100.0/24",
                        "write an address from 198.51.100.2 to 198.51.100.254 (the router takes the first "
                                + "address of each segment)"),
                bad("hostsOneNotMapping", """
                        network:
                          pool: 10.100.0.0/16
                        hosts:
                          - name: node-1
                            address: 192.0.2.11
                          - [node-2]
                        """,
                        6, 5,
                        "hosts[1] must be a mapping, e.g. {name: node-1, address: 192.0.2.11}",
                        "it is a list here; write e.g. {name: node-1, address: 192.0.2.11}"),
                bad("hostOnSegmentBroadcast", """
                        network:
                          pool: 10.100.0.0/16
                        hosts:
                          - name: node-1
                            address: 192.0.2.11
                          - name: node-2
                            address: 192.0.2.255
                        lab:
                          segments: [192.0.2.0/24]
                        """,
                        7, 14,
                        "hosts[1] (node-2).address 192.0.2.255 is the broadcast address of lab segment 192.0.2.0/24",
                        "write an address from 192.0.2.1 to 192.0.2.254"));
    }
}
