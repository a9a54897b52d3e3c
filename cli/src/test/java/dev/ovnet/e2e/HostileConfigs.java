package dev.ovnet.e2e;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Broken and adversarial configuration files, each made from the valid lab file of a running lab so that a file
 * ovnet wrongly accepted would change real hosts: syntax errors, wrong types, huge numbers, overlapping pins,
 * pools that do not fit, alias bombs and tags, 100k-character values, bytes that are not UTF-8, and names made of
 * shell metacharacters or path tricks. Every case is invalid by construction; {@code extra} more random ones
 * (seeded) make the long run.
 */
final class HostileConfigs {

    static final String PWNED = "/tmp/pwned";
    private static final String HUGE = "x".repeat(100_000);

    private final String base;
    private final List<HostileCase> out = new ArrayList<>();

    private HostileConfigs(String base) {
        this.base = base;
    }

    /** The lab file the cases are made from: two netns hosts {@code p-a} and {@code p-b}. */
    static String valid(String p) {
        return "network:\n  name: " + p + "\n  pool: 10.100.0.0/16\n  subnetLength: 24\n  backend:\n    type: vxlan\n"
                + "state:\n  path: state.json\n"
                + "hosts:\n"
                + "  - {name: " + p + "-a, address: 192.0.2.21, connection: netns}\n"
                + "  - {name: " + p + "-b, address: 192.0.2.22, connection: netns}\n"
                + "lab:\n  segments: [192.0.2.0/24]\n";
    }

    static List<HostileCase> all(String p, int extra, long seed) {
        HostileConfigs c = new HostileConfigs(valid(p));
        c.syntax(p, extra, new Random(seed));
        c.wrongTypes();
        c.hosts(p);
        c.hostileNames(p);
        c.pools(p);
        c.yamlFeatures();
        c.bytes(extra, new Random(seed + 1));
        return c.out;
    }

    private void add(String name, String text) {
        add(name, text.getBytes(StandardCharsets.UTF_8));
    }

    /** Names are numbered, so that every case gets a folder of its own. */
    private void add(String name, byte[] bytes) {
        out.add(HostileCase.config(String.format("%03d-%s", out.size(), name), bytes));
    }

    /** The base file with {@code from} (which must be in it) replaced by {@code to}. */
    private String sub(String from, String to) {
        if (!base.contains(from)) {
            throw new IllegalArgumentException("not in the base file: " + from);
        }
        return base.replace(from, to);
    }

    private void syntax(String p, int extra, Random random) {
        add("empty", "");
        add("blank", "   \n\n  \n");
        add("comment-only", "# nothing here\n");
        add("document-marker-only", "---\n");
        add("two-documents", base + "---\n" + base);
        add("scalar", "hello\n");
        add("list-root", "- " + base.replace("\n", "\n  "));
        add("json-null", "null\n");
        add("tab-indent", base.replace("  pool:", "\tpool:"));
        add("unclosed-quote", sub("pool: 10.100.0.0/16", "pool: \"10.100.0.0/16"));
        add("unclosed-flow", sub("[192.0.2.0/24]", "[192.0.2.0/24"));
        add("missing-colon", sub("  pool: 10.100.0.0/16", "  pool 10.100.0.0/16"));
        add("bad-indent", sub("  pool: 10.100.0.0/16", "    pool: 10.100.0.0/16"));
        add("duplicate-key", sub("  pool: 10.100.0.0/16", "  pool: 10.100.0.0/16\n  pool: 10.200.0.0/16"));
        add("duplicate-block", base + "network:\n  pool: 10.100.0.0/16\n");
        add("unknown-top-key", base + "bogus: 1\n");
        add("unknown-network-key", sub("  subnetLength: 24", "  subnetLenght: 24"));
        add("unknown-backend-key", sub("    type: vxlan", "    type: vxlan\n    vnii: 1"));
        add("unknown-host-key", sub("{name: " + p + "-a,", "{nmae: " + p + "-a,"));
        add("no-network", base.substring(base.indexOf("state:")));
        add("no-hosts", base.substring(0, base.indexOf("hosts:")));
        // a flow mapping cut anywhere inside its braces never closes
        String line = "  - {name: " + p + "-b, address: 192.0.2.22, connection: netns}\n";
        int at = base.indexOf(line);
        for (int i = 0; i < 12 + extra / 4; i++) {
            int cut = at + line.indexOf('{') + 1 + random.nextInt(line.length() - line.indexOf('{') - 3);
            add("truncated-flow-" + cut, base.substring(0, cut));
        }
        for (int i = 0; i < 4 + extra / 8; i++) {
            int pos = base.indexOf("hosts:") + 7 + random.nextInt(20);
            add("stray-bracket-" + pos, base.substring(0, pos) + "]" + base.substring(pos));
        }
    }

    private void wrongTypes() {
        String[][] values = {
            {"  name: ", "[a]", "{a: 1}", "\"\"", "42x!", "UPPER"},
            {"  pool: 10.100.0.0/16", "[10.100.0.0/16]", "{a: b}", "42", "true", "10.100.0.0", "10.100.0.0/33",
                "300.1.1.1/16", "10.100.0.0/-1", "\"10.100.0.0/16 ; rm -rf /\"", "fe80::/10", "\"\"", "null", "~",
                "10.100.0.0/16/16", "1e400", HUGE},
            {"  subnetLength: 24", "\"abc\"", "3.5", "true", "[24]", "-1", "0", "33", "99999999999999999999999",
                "1e400", ".inf", ".nan", "16", "8", "2147483648", "-2147483649", "{}", HUGE},
            {"    type: vxlan", "gre", "[vxlan]", "\"\"", "42", "{type: vxlan}", "vxlan; rm -rf /", HUGE},
            {"    type: vxlan", "vxlan\n    vni: -1", "vxlan\n    vni: 16777216", "vxlan\n    vni: \"x\"",
                "vxlan\n    vni: 99999999999999999999", "vxlan\n    vni: 1.5", "vxlan\n    vni: [1]",
                "vxlan\n    port: 0", "vxlan\n    port: -1", "vxlan\n    port: 65536", "vxlan\n    port: 99999999999",
                "vxlan\n    port: \"http\"", "vxlan\n    directRouting: maybe", "vxlan\n    directRouting: 2",
                "host-gw\n    vni: 2", "udp\n    directRouting: true"},
        };
        for (String[] row : values) {
            for (int i = 1; i < row.length; i++) {
                String key = row[0].strip().split(":")[0];
                String from = row[0].endsWith(": ") ? row[0] + base.split(row[0], 2)[1].split("\n", 2)[0] : row[0];
                add("type-" + key + "-" + i, sub(from, row[0].split(":")[0] + ": " + row[i]));
            }
        }
        String[][] added = {
            {"mtu", "-5", "\"big\"", "99999999999999999999", "[1]", "1e400", "100000", "0", "auto-ish"},
            {"ipMasq", "maybe", "2", "{}", "[true]"},
            {"runtime", "podman", "42", "[docker]", "\"\""},
            {"subnetMin", "10.200.1.0", "garbage", "10.100.1.5", "[1]"},
            {"subnetMax", "10.200.1.0", "10.100.255.255", "-1"},
        };
        for (String[] row : added) {
            for (int i = 1; i < row.length; i++) {
                add("type-" + row[0] + "-" + i, sub("  subnetLength: 24", "  subnetLength: 24\n  " + row[0] + ": "
                        + row[i]));
            }
        }
        add("min-above-max", sub("  subnetLength: 24", "  subnetLength: 24\n  subnetMin: 10.100.9.0\n"
                + "  subnetMax: 10.100.2.0"));
        add("state-path-list", sub("  path: state.json", "  path: [state.json]"));
        add("state-backend-bad", sub("  path: state.json", "  path: state.json\n  backend: s3"));
        add("state-etcd-endpoint-shell", sub("  path: state.json", "  backend: etcd\n  endpoints: [\"$(touch "
                + PWNED + ")\"]"));
        add("lab-segments-bad", sub("[192.0.2.0/24]", "[not-a-cidr]"));
    }

    private void hosts(String p) {
        String a = "{name: " + p + "-a, address: 192.0.2.21, connection: netns}";
        String[] hostA = {
            "{address: 192.0.2.21, connection: netns}", "{name: " + p + "-a, connection: netns}",
            "{name: " + p + "-a, address: 999.1.1.1, connection: netns}",
            "{name: " + p + "-a, address: 192.0.2, connection: netns}",
            "{name: " + p + "-a, address: \"\", connection: netns}",
            "{name: " + p + "-a, address: [1], connection: netns}",
            "{name: " + p + "-a, address: 192.0.2.21/24, connection: netns}",
            "{name: " + p + "-a, address: \"::1\", connection: netns}",
            "{name: " + p + "-a, address: 192.0.2.21, connection: telnet}",
            "{name: " + p + "-a, address: 192.0.2.21, connection: 42}",
            "{name: " + p + "-b, address: 192.0.2.21, connection: netns}",
            "{name: " + p + "-a, address: 192.0.2.22, connection: netns}",
            "{name: " + p + "-a, address: 192.0.2.21, connection: netns, subnet: 10.200.0.0/24}",
            "{name: " + p + "-a, address: 192.0.2.21, connection: netns, subnet: 10.100.5.0/25}",
            "{name: " + p + "-a, address: 192.0.2.21, connection: netns, subnet: 10.100.5.3/24}",
            "{name: " + p + "-a, address: 192.0.2.21, connection: netns, subnet: garbage}",
            "{name: " + p + "-a, address: 192.0.2.21, connection: netns, subnet: [10.100.5.0/24]}",
            "{name: " + p + "-a, address: 192.0.2.21, connection: netns, iface: " + "e".repeat(16) + "}",
            "{name: " + p + "-a, address: 192.0.2.21, connection: netns, root: relative/path}",
            "{name: " + p + "-a, address: 192.0.2.21, connection: netns, root: /run/../../etc}",
            "{name: " + p + "-a, address: 192.0.2.21, connection: netns, root: \"\"}",
            "{name: " + p + "-a, address: 192.0.2.21, connection: netns, ssh: {port: 0}}",
            "{name: " + p + "-a, address: 192.0.2.21, connection: ssh, ssh: {user: \"$(touch " + PWNED + ")\"}}",
            "{name: " + p + "-a, address: 192.0.2.21, connection: ssh, ssh: {port: 99999}}",
            "[" + p + "-a, 192.0.2.21]", "42", "null", "\"" + p + "-a\"",
        };
        for (int i = 0; i < hostA.length; i++) {
            add("host-" + i, sub(a, hostA[i]));
        }
        String pin = ", subnet: 10.100.7.0/24}";
        add("pins-overlap", base.replace("connection: netns}", "connection: netns" + pin));
        add("hosts-string", base.substring(0, base.indexOf("hosts:")) + "hosts: everyone\nlab:\n  segments: []\n");
        add("hosts-map", base.substring(0, base.indexOf("hosts:")) + "hosts: {a: 1}\n");
        add("hosts-nested-list", base.substring(0, base.indexOf("hosts:")) + "hosts: [[1, 2]]\n");
        add("hosts-null", base.substring(0, base.indexOf("hosts:")) + "hosts:\n");
    }

    private void hostileNames(String p) {
        String[] names = {"$(touch " + PWNED + ")", ";rm -rf " + PWNED, "../../etc", "`touch " + PWNED + "`",
            "-rf", "--help", "a/b", ".", "..", "a b", p + "-a;touch " + PWNED, "|touch " + PWNED,
            "&& touch " + PWNED, "${jndi:ldap://127.0.0.1/a}", "é", "a\\nb", "\\u0000", "/etc/passwd",
            "$IFS", "*", "a'b", HUGE, "\\e[31mred"};
        for (int i = 0; i < names.length; i++) {
            String q = "\"" + names[i] + "\"";
            add("hostile-host-name-" + i, sub("name: " + p + "-a,", "name: " + q + ","));
            add("hostile-netns-" + i, sub("connection: netns}", "connection: netns, netns: " + q + "}"));
            if (i % 2 == 0) {
                add("hostile-iface-" + i, sub(p + "-a, address: 192.0.2.21, connection: netns}",
                        p + "-a, address: 192.0.2.21, connection: netns, iface: " + q + "}"));
                add("hostile-network-name-" + i, sub("  name: " + p + "\n", "  name: " + q + "\n"));
            }
        }
        add("hostile-key", base + "\"$(touch " + PWNED + ")\": 1\n");
        add("huge-key", base + HUGE + ": 1\n");
    }

    private void pools(String p) {
        add("pool-equals-subnet", sub("pool: 10.100.0.0/16", "pool: 10.100.0.0/24"));
        add("pool-two-subnets", sub("pool: 10.100.0.0/16", "pool: 10.100.0.0/23"));
        add("pool-slash-30", sub("pool: 10.100.0.0/16", "pool: 10.100.0.0/30"));
        add("subnet-31-in-30", sub("pool: 10.100.0.0/16\n  subnetLength: 24", "pool: 10.100.0.0/30\n"
                + "  subnetLength: 31"));
        add("range-one-slot", sub("  subnetLength: 24", "  subnetLength: 24\n  subnetMin: 10.100.5.0\n"
                + "  subnetMax: 10.100.5.0"));
        String third = "  - {name: " + p + "-c, address: 192.0.2.23, connection: netns}\n";
        String fourth = "  - {name: " + p + "-d, address: 192.0.2.24, connection: netns}\n";
        // flannel's default range leaves out the first subnet: a /22 of /24s holds three hosts
        add("four-hosts-three-slots", sub("pool: 10.100.0.0/16", "pool: 10.100.0.0/22").replace("lab:",
                third + fourth + "lab:"));
        add("pins-fill-range", sub("  subnetLength: 24", "  subnetLength: 24\n  subnetMin: 10.100.5.0\n"
                + "  subnetMax: 10.100.6.0").replace("lab:", third + "lab:"));
        add("host-gw-two-segments", sub("    type: vxlan", "    type: host-gw")
                .replace("192.0.2.22", "198.51.100.22").replace("[192.0.2.0/24]", "[192.0.2.0/24, 198.51.100.0/24]"));
        StringBuilder many = new StringBuilder(base.substring(0, base.indexOf("lab:")));
        for (int i = 0; i < 300; i++) {
            many.append("  - {name: h").append(i).append(", address: 10.").append(i / 250).append('.')
                    .append(i % 250).append(".1, connection: netns}\n");
        }
        add("more-hosts-than-subnets", many.toString().replace("pool: 10.100.0.0/16", "pool: 10.100.0.0/20"));
    }

    private void yamlFeatures() {
        StringBuilder bomb = new StringBuilder("a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n");
        for (char c = 'b'; c <= 'j'; c++) {
            char prev = (char) (c - 1);
            bomb.append(c).append(": &").append(c).append(" [*").append(prev);
            bomb.append((", *" + prev).repeat(8)).append("]\n");
        }
        add("alias-bomb", base + bomb);
        add("alias-bomb-in-pool", sub("pool: 10.100.0.0/16", "pool: *j") + bomb);
        add("anchor-alias", sub("pool: 10.100.0.0/16", "pool: &p 10.100.0.0/16\n  subnetMin: *p"));
        add("merge-key", base + "x: &x {a: 1}\ny:\n  <<: *x\n");
        add("recursive-alias", base + "r: &r [*r]\n");
        add("tag-java", sub("pool: 10.100.0.0/16", "pool: !!java.net.URL [\"http://127.0.0.1/\"]"));
        add("tag-script-engine", base + "x: !!javax.script.ScriptEngineManager [!!java.net.URLClassLoader "
                + "[[!!java.net.URL [\"http://127.0.0.1/\"]]]]\n");
        add("tag-binary", sub("pool: 10.100.0.0/16", "pool: !!binary aGVsbG8="));
        add("tag-custom", sub("pool: 10.100.0.0/16", "pool: !cidr 10.100.0.0/16"));
        add("tag-python", base + "x: !!python/object/apply:os.system [\"touch " + PWNED + "\"]\n");
        add("deep-nesting", base + "x: " + "[".repeat(200_000) + "\n");
        add("deep-maps", base + "x: " + "{a: ".repeat(5_000) + "\n");
        add("two-megabytes", base + "# " + "y".repeat(2_100_000) + "\n");
        add("long-line-value", base + "x: " + "z".repeat(1_500_000) + "\n");
    }

    private void bytes(int extra, Random random) {
        byte[] text = base.getBytes(StandardCharsets.UTF_8);
        byte[][] inserts = {{(byte) 0xff}, {(byte) 0xfe, (byte) 0xff}, {(byte) 0xc0, (byte) 0xaf},
            {(byte) 0xed, (byte) 0xa0, (byte) 0x80}, {(byte) 0xe9}, {0}, {7}, {(byte) 0xef, (byte) 0xbf, (byte) 0xbe},
            {(byte) 0xc2, (byte) 0x85}, {(byte) 0xf8, (byte) 0x88, (byte) 0x80, (byte) 0x80, (byte) 0x80}};
        int hosts = base.indexOf("hosts:");
        for (int i = 0; i < inserts.length; i++) {
            int pos = base.indexOf("-a,") + 1;
            add("bytes-" + i, splice(text, pos, inserts[i]));
            int pos2 = hosts + random.nextInt(text.length - hosts - 1);
            add("bytes-" + i + "-at-" + pos2, splice(text, pos2, inserts[i]));
        }
        add("utf16", base.getBytes(StandardCharsets.UTF_16));
        add("latin1-name", base.replace("-a,", "-\u00e9,").getBytes(StandardCharsets.ISO_8859_1));
        for (int i = 0; i < 3 + extra / 4; i++) {
            byte[] junk = new byte[1 + random.nextInt(4096)];
            random.nextBytes(junk);
            add("random-bytes-" + i, junk);
        }
    }

    private static byte[] splice(byte[] text, int pos, byte[] insert) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.write(text, 0, pos);
        b.write(insert, 0, insert.length);
        b.write(text, pos, text.length - pos);
        return b.toByteArray();
    }
}
