package dev.ovnet.planner.config;

import java.util.ArrayList;
import java.util.List;

/**
 * A generated corpus of broken and adversarial ovnet.yaml files, every one of which must be refused. Each entry
 * is {name, text}. Values are injected into fields whose rules refuse all of them (addresses, CIDRs, names,
 * numbers, enumerations), so a file that parses is a bug, never a corpus mistake.
 */
final class HostileCorpus {

    /** Hostile text values, written as YAML (quoted where YAML needs it). None is a name, address or number. */
    static final List<String> TEXT = List.of(
            "\";\"", "\"a;b\"", "\"$(reboot)\"", "\"`id`\"", "\"${IFS}\"", "\"../../etc/passwd\"", "\"a/b\"",
            "\"node-1; rm -rf /\"", "\"a\\nb\"", "\"a\\rb\"", "\"a\\0b\"", "\"a\\tb\"", "\"\\x7f\"", "\"\\e[31mred\"",
            "\"\\u202Eevil\"", "\"zero\\u200Bwidth\"", "\"\\uFEFFbom\"", "\"ünïcødé\"", "\"\\U0001F984\"",
            "\"" + "x".repeat(100_000) + "\"", "\"\"", "\" \"", "\"a b\"", "\"%s%s%n\"", "\"|\"", "\"'\"",
            "\"\\\\\"", "\"--help\"", "\"-rf\"", "[]", "{}", "[a, b]", "{a: 1}", "\"\\u2028line\"");

    /** Hostile scalars of other YAML types. None is a name or an address; none is a number in range. */
    static final List<String> NUMERIC = List.of(
            "99999999999999999999", "-99999999999999999999", "-1", "1e9", "0x10", "0o17", "1_000", "1.5",
            ".inf", ".nan", "1:30", "-0.0");

    /** Fields that refuse every value of TEXT and NUMERIC, as the line that carries the value. */
    static final List<String[]> FIELDS = List.of(
            new String[] {"network", "  pool: "},
            new String[] {"network", "  subnetLength: "},
            new String[] {"network", "  subnetMin: "},
            new String[] {"backend", "    vni: "},
            new String[] {"backend", "    port: "},
            new String[] {"network", "  runtime: "},
            new String[] {"host", "    address: "},
            new String[] {"host", "    subnet: "},
            new String[] {"host", "    connection: "},
            new String[] {"ssh", "  port: "},
            new String[] {"lab", "  containers: "});

    /** Fields that refuse every value of TEXT (numbers are valid names). */
    static final List<String[]> NAME_FIELDS = List.of(
            new String[] {"network", "  name: "},
            new String[] {"host", "    name: "},
            new String[] {"host", "    iface: "},
            new String[] {"netns", "    netns: "});

    private HostileCorpus() {
    }

    static List<String[]> all() {
        List<String[]> corpus = new ArrayList<>();
        for (String[] field : FIELDS) {
            for (String value : TEXT) {
                corpus.add(entry(field, value));
            }
            for (String value : NUMERIC) {
                corpus.add(entry(field, value));
            }
        }
        for (String[] field : NAME_FIELDS) {
            for (String value : TEXT) {
                corpus.add(entry(field, value));
            }
        }
        corpus.addAll(HostileDocuments.all());
        return corpus;
    }

    private static String[] entry(String[] field, String value) {
        String line = field[1] + value + "\n";
        String network = "network:\n  pool: 10.100.0.0/16\n";
        String host = "hosts:\n  - name: node-1\n    address: 192.0.2.11\n";
        String text = switch (field[0]) {
            case "network" -> "network:\n" + line + (line.startsWith("  pool:") ? "" : "  pool: 10.100.0.0/16\n")
                    + host;
            case "backend" -> network + "  backend:\n    type: vxlan\n" + line + host;
            case "host" -> network + "hosts:\n  - " + line.substring(4)
                    + (line.startsWith("    name:") ? "" : "    name: node-1\n")
                    + (line.startsWith("    address:") ? "" : "    address: 192.0.2.11\n");
            case "netns" -> network + host + "    connection: netns\n" + line;
            case "ssh" -> network + host + "ssh:\n" + line;
            case "lab" -> network + host + "lab:\n" + line;
            default -> throw new IllegalArgumentException(field[0]);
        };
        String shown = value.length() > 30 ? value.substring(0, 30) + "..." : value;
        return new String[] {field[1].strip() + " " + shown, text};
    }
}
