package dev.ovnet.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/**
 * A lab for one test: a YAML file in a temporary folder whose netns hosts all start with {@code prefix},
 * brought up with {@code ovnet lab up}. Closing it destroys, takes the lab down and then removes every namespace
 * starting with the prefix and every file it made, whatever state the test left.
 */
final class Lab implements AutoCloseable {

    final String prefix;
    final Path dir;
    Path yaml;
    /** The ovnet build the lab runs: the current jar unless a test swaps it. */
    Path jar = Ovnet.JAR;

    Lab(String prefix, String yamlText) throws IOException {
        this.prefix = prefix;
        this.dir = Files.createTempDirectory("ovnet-e2e-" + prefix);
        this.yaml = dir.resolve("ovnet.yaml");
        write(yamlText);
    }

    void write(String yamlText) throws IOException {
        Files.writeString(yaml, yamlText);
    }

    Ovnet.Result ovnet(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.add("-f");
        all.add(yaml.toString());
        return Ovnet.runIn(null, jar, all.toArray(String[]::new));
    }

    /** Runs ovnet and asserts the exit code, showing the output when it differs. */
    Ovnet.Result ovnetExpect(int exit, String... args) {
        Ovnet.Result r = ovnet(args);
        assertEquals(exit, r.exit(), () -> "ovnet " + String.join(" ", args) + " gave\n" + r);
        return r;
    }

    Lab up() {
        ovnetExpect(0, "lab", "up");
        return this;
    }

    /** Runs a command inside a namespace. */
    static Ovnet.Result in(String netns, String... argv) {
        List<String> cmd = new ArrayList<>(List.of("ip", "netns", "exec", netns));
        cmd.addAll(List.of(argv));
        return Ovnet.exec(cmd, null);
    }

    /**
     * The listings a user compares to see what changed on a host: links, IPv4 addresses and routes (all
     * tables), permanent neighbours, the fdb, and every iptables rule and user chain. Left out, as they change
     * on their own: IPv6 link-local addresses going through duplicate address detection, and the headers of
     * built-in iptables chains, which exist as soon as any program loads a table.
     */
    static String listings(String netns) {
        StringBuilder out = new StringBuilder();
        out.append(in(netns, "ip", "-d", "link", "show").out());
        out.append(in(netns, "ip", "-4", "addr", "show").out());
        out.append(in(netns, "ip", "-4", "route", "show", "table", "all").out());
        out.append(in(netns, "ip", "neigh", "show", "nud", "permanent").out());
        out.append(in(netns, "bridge", "fdb", "show").out());
        out.append(in(netns, "iptables-save").out()
                .replaceAll("(?m)^(#.*|\\*\\w+|COMMIT|:(INPUT|FORWARD|OUTPUT|PREROUTING|POSTROUTING) .*)\n", "")
                .replaceAll("\\[\\d+:\\d+\\]", ""));
        return out.toString();
    }

    /**
     * Everything a host holds that ovnet could have touched, as a user would list it: {@link #listings} with
     * the kernel's interface numbers and bridge timers taken out (a device made again gets a new number; timers
     * tick), dynamic fdb entries left out (learned from traffic), neighbours and fdb entries sorted (the kernel
     * lists them in hash order), plus ip_forward, every file under the host's
     * root with its mode and digest (but the forwarder's pid, log and counters), and whether a forwarder runs.
     */
    static String fingerprint(String netns) throws Exception {
        StringBuilder out = new StringBuilder();
        List<String> entries = new ArrayList<>();
        for (String line : Lab.listings(netns).split("\n")) {
            boolean fdb = line.matches("^[0-9a-f]{2}(:[0-9a-f]{2}){5} .*");
            if (fdb && !line.contains("permanent")) {
                continue;
            }
            String normal = line.replaceAll("^\\d+: ", "N: ").replaceAll("(\\w+_timer)\\s+[\\d.]+", "$1 T");
            if (fdb || line.contains(" PERMANENT")) {
                entries.add(normal); // neighbours and fdb entries: a set, listed in hash order
            } else {
                out.append(normal).append('\n');
            }
        }
        entries.stream().sorted().forEach(e -> out.append(e).append('\n'));
        out.append("ip_forward=").append(Lab.in(netns, "sysctl", "-n", "net.ipv4.ip_forward").out());
        Path root = Path.of("/run/ovnet/netns", netns);
        if (Files.isDirectory(root)) {
            try (Stream<Path> walk = Files.walk(root)) {
                for (Path f : walk.sorted().toList()) {
                    String name = root.relativize(f).toString();
                    if (Files.isRegularFile(f) && !name.matches(".*\\.(pid|log|stats)$")) {
                        out.append(name).append(' ')
                                .append(Integer.toOctalString(Files.getAttribute(f, "unix:mode", java.nio.file
                                        .LinkOption.NOFOLLOW_LINKS) instanceof Integer m ? m & 07777 : -1))
                                .append(' ').append(sha256(Files.readAllBytes(f))).append('\n');
                    }
                }
            }
            Path pid = root.resolve("run/ovnet/flannel0.pid");
            boolean running = Files.exists(pid)
                    && Files.isDirectory(Path.of("/proc", Files.readString(pid, StandardCharsets.US_ASCII).trim()));
            out.append("forwarder running: ").append(running).append('\n');
        }
        return out.toString();
    }

    private static String sha256(byte[] data) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
    }

    /** Removes the lab's test containers of a host and its docker0 bridge (what the lab, not ovnet, made). */
    /**
     * Removes the host's containers with their veth pairs and its container bridge. The host-side veth ends the lab
     * made ({@code vethcN}) are deleted by hand first: a deleted namespace takes its end of the pair with it only when the kernel gets round to
     * freeing the namespace, which on a loaded machine can be after a listing taken right away.
     */
    void removeContainers(String host) {
        for (String line : in(host, "ip", "-o", "link", "show", "type", "veth").out().split("\n")) {
            String[] fields = line.split(": ");
            if (fields.length > 1 && fields[1].startsWith("vethc")) {
                in(host, "ip", "link", "del", fields[1].split("@")[0]);
            }
        }
        for (String ns : namespaces(host + "-c")) {
            Ovnet.sh("ip", "netns", "del", ns);
        }
        in(host, "ip", "link", "del", "docker0");
    }

    static List<String> namespaces(String prefix) {
        return Stream.of(Ovnet.sh("ip", "netns", "list").out().split("\n"))
                .map(l -> l.split(" ")[0])
                .filter(n -> n.startsWith(prefix))
                .toList();
    }

    @Override
    public void close() throws IOException {
        try {
            ovnet("destroy", "--auto-approve");
        } catch (RuntimeException e) {
            // best effort; the namespaces go below anyway
        }
        try {
            ovnet("lab", "down");
        } catch (RuntimeException e) {
            // best effort
        }
        for (String ns : namespaces(prefix)) {
            Ovnet.sh("ip", "netns", "pids", ns).out().lines().forEach(pid -> Ovnet.sh("kill", "-9", pid));
            Ovnet.sh("ip", "netns", "del", ns);
        }
        Ovnet.sh("ip", "netns", "del", "ovnet-lab-" + prefix);
        // the hosts' file roots too: lab down leaves a host's folder when it did not make the host's namespace, or
        // when the host left the file before
        List<Path> roots = new ArrayList<>(List.of(dir));
        try (Stream<Path> hosts = Files.list(Path.of("/run/ovnet/netns"))) {
            hosts.filter(h -> h.getFileName().toString().startsWith(prefix)).forEach(roots::add);
        } catch (java.nio.file.NoSuchFileException e) {
            // no netns host ever had a root on this machine
        }
        for (Path root : roots) {
            try (Stream<Path> walk = Files.walk(root)) {
                walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
