package dev.ovnet.forwarder;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Two simulated hosts in network namespaces joined by a veth underlay (A 192.0.2.1, B 192.0.2.2), each with one
 * "container" namespace (AC 10.5.1.2, BC 10.5.2.2) behind a veth whose host side is the subnet's gateway (.1),
 * and a stranger X (198.51.100.2) wired to B only. Names are ovf-PID-a and so on ({@link #A} ...), or another
 * prefix's ({@link #a} ...). Pool 10.5.0.0/16. Everything, forwarders included, goes away on {@link #close}, also
 * after a failure.
 */
final class Lab implements AutoCloseable {

    /** ovf- plus this JVM's pid: two test runs at once (CI and a developer) never share a namespace. */
    static final String PREFIX = "ovf-" + Long.toHexString(ProcessHandle.current().pid()) + "-";
    static final String A = PREFIX + "a";
    static final String B = PREFIX + "b";
    static final String AC = PREFIX + "ac";
    static final String BC = PREFIX + "bc";
    static final String X = PREFIX + "x";
    static final String POOL = "10.5.0.0/16";

    /** This lab's namespaces: {@link #A} and so on with the default prefix. */
    final String a;
    final String b;
    final String ac;
    final String bc;
    final String x;
    private final List<String> all;
    private final Path dir;
    private final List<AutoCloseable> started = new ArrayList<>();

    private Lab(Path dir, String prefix) {
        this.dir = dir;
        this.a = prefix + "a";
        this.b = prefix + "b";
        this.ac = prefix + "ac";
        this.bc = prefix + "bc";
        this.x = prefix + "x";
        this.all = List.of(a, b, ac, bc, x);
    }

    /** Builds the lab; {@code containerMtu} is the containers' MTU (what FLANNEL_MTU would give them). */
    static Lab up(int containerMtu) throws IOException {
        return up(containerMtu, PREFIX);
    }

    /** As above, with namespaces named {@code prefix} plus a, b, ac, bc and x. */
    static Lab up(int containerMtu, String prefix) throws IOException {
        Lab lab = new Lab(Files.createTempDirectory("ovf-lab"), prefix);
        try {
            lab.removeNamespaces();
            for (String ns : lab.all) {
                Sh.ok("ip", "netns", "add", ns);
                Sh.ok("ip", "-n", ns, "link", "set", "lo", "up");
            }
            Sh.ok("ip", "-n", lab.a, "link", "add", "ua", "type", "veth", "peer", "name", "ub", "netns", lab.b);
            address(lab.a, "ua", "192.0.2.1/24");
            address(lab.b, "ub", "192.0.2.2/24");
            Sh.ok("ip", "-n", lab.b, "link", "add", "ux", "type", "veth", "peer", "name", "eth0", "netns", lab.x);
            address(lab.b, "ux", "198.51.100.1/24");
            address(lab.x, "eth0", "198.51.100.2/24");
            Sh.ok("ip", "-n", lab.x, "route", "add", "default", "via", "198.51.100.1");
            for (String[] h : new String[][] {{lab.a, lab.ac, "1"}, {lab.b, lab.bc, "2"}}) {
                Sh.ok("ip", "-n", h[0], "link", "add", "c0", "mtu", String.valueOf(containerMtu), "type", "veth",
                        "peer", "name", "eth0", "mtu", String.valueOf(containerMtu), "netns", h[1]);
                address(h[0], "c0", "10.5." + h[2] + ".1/24");
                address(h[1], "eth0", "10.5." + h[2] + ".2/24");
                Sh.ok("ip", "-n", h[1], "route", "add", "default", "via", "10.5." + h[2] + ".1");
                Sh.okIn(h[0], "sysctl", "-qw", "net.ipv4.ip_forward=1");
            }
            return lab;
        } catch (RuntimeException | Error e) {
            lab.close();
            throw e;
        }
    }

    private static void address(String ns, String dev, String cidr) {
        Sh.ok("ip", "-n", ns, "addr", "add", cidr, "dev", dev);
        Sh.ok("ip", "-n", ns, "link", "set", dev, "up");
    }

    Path dir() {
        return dir;
    }

    /** Writes {@code host}'s peer file atomically (as apply does) and returns its path. */
    Path peers(String host, String text) throws IOException {
        Path file = dir.resolve(host + ".peers");
        Path temp = dir.resolve(host + ".peers.tmp");
        Files.writeString(temp, "# ovnet forwarder peers: <subnet> <address>:<port>\n" + text);
        Files.move(temp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        return file;
    }

    /** Starts the forwarder of host A (subnet 10.5.1.0/24, peer B) or B (10.5.2.0/24, peer A). */
    ForwarderProcess forwarder(String host, String... extra) throws IOException {
        return forwarder(host, ForwarderMain.class, extra);
    }

    /** As above, through {@code main}, a main class that takes the forwarder's options. */
    ForwarderProcess forwarder(String host, Class<?> main, String... extra) throws IOException {
        boolean a = host.equals(this.a);
        Path peers = dir.resolve(host + ".peers");
        if (!Files.exists(peers)) {
            peers(host, a ? "10.5.2.0/24 192.0.2.2:8285\n" : "10.5.1.0/24 192.0.2.1:8285\n");
        }
        List<String> args = new ArrayList<>(List.of("--peers", peers.toString(), "--pool", POOL,
                "--subnet", a ? "10.5.1.0/24" : "10.5.2.0/24", "--stats", dir.resolve(host + ".json").toString(),
                "--pid-file", dir.resolve(host + ".pid").toString()));
        args.addAll(List.of(extra));
        ForwarderProcess process = ForwarderProcess.start(host, main, args, dir.resolve(host + ".log"));
        started.add(process);
        return process;
    }

    /** Something else to stop on close (a server process). */
    <T extends AutoCloseable> T track(T resource) {
        started.add(resource);
        return resource;
    }

    @Override
    public void close() {
        for (int i = started.size() - 1; i >= 0; i--) {
            try {
                started.get(i).close();
            } catch (Exception e) {
                System.err.println("cleanup: " + e);
            }
        }
        removeNamespaces();
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            System.err.println("cleanup: " + e);
        }
    }

    private void removeNamespaces() {
        String existing = Sh.ok("ip", "netns", "list");
        for (String ns : all) {
            if (existing.lines().anyMatch(line -> line.split(" ")[0].equals(ns))) {
                Sh.ok("ip", "netns", "del", ns);
            }
        }
    }
}
