package dev.ovnet.providers.kernel;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ovnet.providers.forwarding.ForwarderControl;
import dev.ovnet.providers.transport.LocalTransport;
import dev.ovnet.providers.transport.NetnsTransport;
import dev.ovnet.providers.transport.Transport;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Simulated hosts for the privileged tests: network namespaces joined by one veth underlay ({@code eth0} in each,
 * 192.0.2.N/24), IPv6 off (or, for dual-stack tests, on without autoconfiguration) so that no autoconfiguration
 * changes the listings while a test compares them, and a
 * temporary folder as the hosts' file root. The machine's own namespace is never changed; {@link #close()}
 * removes everything, also after a failure.
 */
public final class NetnsLab implements AutoCloseable {

    /** For hosts in kernel tests, which run no forwarder: a forwarder change would fail, not pass silently. */
    static final ForwarderControl NO_FORWARDER = ForwarderControl.unavailable("the kernel tests run no forwarder");

    private final Transport local = new LocalTransport();
    private final List<String> namespaces = new ArrayList<>();
    private final Path root;

    private NetnsLab() {
        try {
            root = Files.createTempDirectory("ovk-files-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Namespaces {@code names[i]} with address 192.0.2.(i+1)/24 on eth0; two are a veth pair, more share one. */
    public static NetnsLab of(String... names) {
        return of(false, names);
    }

    /**
     * The same with IPv6 on: eth0 also holds fd00:192:0:2::(i+1)/64. No interface makes a link-local address or
     * solicits routers (addr_gen_mode none), so nothing but the test changes the IPv6 listings.
     */
    public static NetnsLab dualStack(String... names) {
        return of(true, names);
    }

    /** The IPv6 underlay address of host {@code i} (0-based) of a dual-stack lab. */
    static String address6(int i) {
        return "fd00:192:0:2::" + (i + 1);
    }

    private static NetnsLab of(boolean ipv6, String... names) {
        NetnsLab lab = new NetnsLab();
        try {
            for (String name : names) {
                lab.local.run(List.of("ip", "netns", "del", name)); // a leftover of a killed run
                lab.ok(List.of("ip", "netns", "add", name));
                lab.namespaces.add(name);
                if (ipv6) {
                    lab.in(name, "sysctl", "-qw", "net.ipv6.conf.all.addr_gen_mode=1");
                    lab.in(name, "sysctl", "-qw", "net.ipv6.conf.default.addr_gen_mode=1");
                    lab.in(name, "sysctl", "-qw", "net.ipv6.conf.default.accept_ra=0");
                } else {
                    lab.in(name, "sysctl", "-qw", "net.ipv6.conf.all.disable_ipv6=1");
                    lab.in(name, "sysctl", "-qw", "net.ipv6.conf.default.disable_ipv6=1");
                }
                lab.in(name, "ip", "link", "set", "lo", "up");
            }
            if (names.length == 2) {
                lab.ok(List.of("ip", "-n", names[0], "link", "add", "eth0", "type", "veth", "peer", "name", "eth0",
                        "netns", names[1]));
            } else {
                // a bridge in the first namespace's peer: every host's eth0 is a veth whose other end is on it
                String hub = names[0] + "-hub";
                lab.local.run(List.of("ip", "netns", "del", hub));
                lab.ok(List.of("ip", "netns", "add", hub));
                lab.namespaces.add(hub);
                lab.in(hub, "ip", "link", "add", "br0", "type", "bridge");
                lab.in(hub, "ip", "link", "set", "br0", "up");
                for (int i = 0; i < names.length; i++) {
                    lab.ok(List.of("ip", "-n", hub, "link", "add", "p" + i, "type", "veth", "peer", "name", "eth0",
                            "netns", names[i]));
                    lab.in(hub, "ip", "link", "set", "p" + i, "master", "br0", "up");
                }
            }
            for (int i = 0; i < names.length; i++) {
                lab.in(names[i], "ip", "addr", "add", "192.0.2." + (i + 1) + "/24", "dev", "eth0");
                if (ipv6) {
                    lab.in(names[i], "ip", "addr", "add", address6(i) + "/64", "dev", "eth0", "nodad");
                }
                lab.in(names[i], "ip", "link", "set", "eth0", "up");
            }
            return lab;
        } catch (RuntimeException | Error e) {
            lab.close();
            throw e;
        }
    }

    public String root(String host) {
        return root.resolve(host).toString();
    }

    Transport transport(String ns) {
        return new NetnsTransport(ns);
    }

    /** Runs a command in a namespace; it must succeed. */
    String in(String ns, String... argv) {
        List<String> all = new ArrayList<>(List.of("ip", "netns", "exec", ns));
        all.addAll(List.of(argv));
        return ok(all);
    }

    /** Runs a command in a namespace and returns what happened. */
    Transport.Result tryIn(String ns, String... argv) {
        return transport(ns).run(List.of(argv));
    }

    private String ok(List<String> argv) {
        Transport.Result r = local.run(argv);
        assertTrue(r.ok(), () -> String.join(" ", argv) + " failed: " + r.stderr());
        return r.stdout();
    }

    /**
     * What a user would list to see a host's network: links, routes of every table, neighbours, the fdb and
     * iptables (without its timestamps and counters).
     */
    String listings(String ns) {
        return "# ip -d link\n" + in(ns, "ip", "-d", "link", "show")
                + "# ip route\n" + in(ns, "ip", "route", "show", "table", "all")
                + "# ip neigh\n" + in(ns, "ip", "neigh", "show")
                + "# bridge fdb\n" + in(ns, "bridge", "fdb", "show")
                + "# iptables-save\n" + withoutEmptyTables(in(ns, "iptables-save"));
    }

    /** {@link #listings} and the IPv6 ones: addresses, routes of every table, neighbours and ip6tables. */
    String listings46(String ns) {
        return listings(ns)
                + "# ip -6 addr\n" + in(ns, "ip", "-6", "addr", "show")
                + "# ip -6 route\n" + in(ns, "ip", "-6", "route", "show", "table", "all")
                + "# ip -6 neigh\n" + in(ns, "ip", "-6", "neigh", "show")
                + "# ip6tables-save\n" + withoutEmptyTables(in(ns, "ip6tables-save"));
    }

    /**
     * iptables-save without comments and counters, and without tables that hold nothing: with iptables-nft the
     * first rule in a namespace creates its table with the built-in chains (policy ACCEPT), and that empty table
     * stays after the rule is gone. It filters nothing, so for a user it is the same as no table.
     */
    static String withoutEmptyTables(String save) {
        StringBuilder out = new StringBuilder();
        StringBuilder table = new StringBuilder();
        boolean empty = true;
        for (String line : save.split("\n")) {
            if (line.startsWith("#") || line.isBlank()) {
                continue;
            }
            line = line.replaceAll("\\[\\d+:\\d+\\]", "[]");
            if (line.startsWith("*")) {
                table.setLength(0);
                empty = true;
            }
            table.append(line).append('\n');
            if (line.startsWith("-") || line.startsWith(":") && !line.matches(":[A-Z]+ ACCEPT \\[\\]")) {
                empty = false;
            }
            if (line.equals("COMMIT") && !empty) {
                out.append(table);
            }
        }
        return out.toString();
    }

    @Override
    public void close() {
        for (String ns : namespaces) {
            local.run(List.of("ip", "netns", "del", ns));
        }
        try (Stream<Path> files = Files.walk(root)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // the folder is under /tmp; nothing else to do
        }
    }
}
