package dev.ovnet.planner.config;

import static dev.ovnet.planner.config.ProblemCases.bad;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * YAML syntax, anchors, tags, the shape of the file and its top-level keys.
 * Each file is wrong in exactly one way and must give exactly one problem: this message, at this line and column,
 * with this hint.
 */
class YamlShapeProblemsTest {

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void fileWithOneMistakeGivesExactlyThatProblem(String name, String yaml, Problem expected) {
        ProblemCases.assertOnly(yaml, expected);
    }

    static Stream<Arguments> cases() {
        return Stream.of(
                bad("tabIndentation", """
                        network:
                        \tpool: 10.100.0.0/16
                        hosts:
                          - name: node-1
                            address: 192.0.2.11
                        """,
                        2, 1,
                        "YAML syntax error: a tab is used for indentation",
                        "indent with spaces: YAML does not allow tabs there"),
                bad("unclosedQuote", """
                        network:
                          pool: "10.100.0.0/16
                        hosts:
                          - name: node-1
                            address: 192.0.2.11
                        """,
                        6, 1,
                        "YAML syntax error: found unexpected end of stream (while scanning a quoted scalar that "
                                + "starts on line 2)",
                        "close the quote that starts on the line named above"),
                bad("mappingValueInPlainScalar", """
                        network: pool: 10.100.0.0/16
                        hosts:
                          - name: node-1
                            address: 192.0.2.11
                        """,
                        1, 14,
                        "YAML syntax error: a key cannot start here: the line is indented deeper than the keys"
                                + " of its block, or a value holds ': ' without quotes",
                        "quote a value that contains ': ', or align the keys of one mapping at the same indentation"),
                bad("anchorRefused", """
                        network: &net
                          pool: 10.100.0.0/16
                        hosts:
                          - name: node-1
                            address: 192.0.2.11
                        """,
                        1, 10,
                        "anchors and aliases are not supported in ovnet.yaml; write the value out",
                        "replace each *name with a copy of the value and remove the &name"),
                bad("aliasRefused", """
                        network:
                          pool: 10.100.0.0/16
                        hosts:
                          - name: node-1
                            address: 192.0.2.11
                          - *x
                        """,
                        6, 5,
                        "anchors and aliases are not supported in ovnet.yaml; write the value out",
                        "replace each *name with a copy of the value and remove the &name"),
                bad("twoDocuments", """
                        network:
                          pool: 10.100.0.0/16
                        hosts:
                          - name: node-1
                            address: 192.0.2.11
                        ---
                        network:
                          pool: 10.100.0.0/16
                        """,
                        6, 1,
                        "YAML syntax error: a second document starts here",
                        "remove this '---' and what follows it: ovnet.yaml holds exactly one document"),
                bad("explicitTag", """
                        network:
                          pool: !!python/object:os.system 10.100.0.0/16
                        hosts:
                          - name: node-1
                            address: 192.0.2.11
                        """,
                        2, 9,
                        "YAML tags such as !!python/object:os.system are not supported in ovnet.yaml",
                        "remove the tag; quote the value if it must be text"),
                bad("emptyFile", "",
                        1, 1,
                        "the file is empty",
                        "write at least a network: block with a pool and a hosts: list (see ovnet.yaml in the docs)"),
                bad("commentsOnly", """
                        # nothing here

                        """,
                        1, 1,
                        "the file is empty",
                        "write at least a network: block with a pool and a hosts: list (see ovnet.yaml in the docs)"),
                bad("topLevelList", """
                        - network
                        - hosts
                        """,
                        1, 1,
                        "the file must be a mapping with the keys network and hosts",
                        "it is a list here; write e.g. network: {pool: 10.100.0.0/16}"),
                bad("topLevelScalar", """
                        just text
                        """,
                        1, 1,
                        "the file must be a mapping with the keys network and hosts",
                        "it is \"just text\" here; write e.g. network: {pool: 10.100.0.0/16}"),
                bad("rawControlCharacter", """
                        network:
                          pool: 10.100.0.0/16
                        hosts:
                          - name: no\007de
                            address: 192.0.2.11
                        """,
                        4, 13,
                        "the file contains the character U+0007, which YAML does not allow",
                        "remove it: ovnet.yaml is plain text without control characters"),
                bad("networkMissing", """
                        hosts:
                          - name: node-1
                            address: 192.0.2.11
                        """,
                        1, 1,
                        "network is required",
                        "add network: {pool: 10.100.0.0/16}"),
                bad("hostsMissing", """
                        network:
                          pool: 10.100.0.0/16
                        """,
                        1, 1,
                        "hosts is required",
                        "add hosts: [{name: node-1, address: 192.0.2.11}]"),
                bad("unknownTopKeyTypo", """
                        network:
                          pool: 10.100.0.0/16
                        hosts:
                          - name: node-1
                            address: 192.0.2.11
                        netwrk: {}
                        """,
                        6, 1,
                        "netwrk is not a known key",
                        "did you mean network?"),
                bad("keyInWrongBlock", """
                        network:
                          pool: 10.100.0.0/16
                        hosts:
                          - name: node-1
                            address: 192.0.2.11
                        vni: 1
                        """,
                        6, 1,
                        "vni is not a known key",
                        "vni belongs in network.backend; the keys here are network, state, ssh, hosts, lab"),
                bad("duplicateTopKey", """
                        network:
                          pool: 10.100.0.0/16
                        hosts:
                          - name: node-1
                            address: 192.0.2.11
                        network:
                          pool: 10.1.0.0/16
                        """,
                        6, 1,
                        "network is given twice (first on line 1)",
                        "keep one network: and remove the other"),
                bad("networkNotMapping", """
                        network: 10.100.0.0/16
                        hosts:
                          - name: node-1
                            address: 192.0.2.11
                        """,
                        1, 10,
                        "network must be a mapping, e.g. {pool: 10.100.0.0/16}",
                        "it is 10.100.0.0/16 here; write e.g. {pool: 10.100.0.0/16}"),
                bad("nonScalarKey", """
                        network:
                          pool: 10.100.0.0/16
                        hosts:
                          - name: node-1
                            address: 192.0.2.11
                        [a, b]: 1
                        """,
                        6, 1,
                        "keys in the file must be plain words, not a list",
                        "the keys of the top level are network, state, ssh, hosts, lab"));
    }
}
