package dev.ovnet.providers.lab;

import dev.ovnet.planner.desired.FlannelFiles;
import dev.ovnet.planner.net.Cidr;
import dev.ovnet.providers.transport.LocalTransport;
import dev.ovnet.providers.transport.Transport;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * What a user would type to look at the lab (ip, ping, iptables-save), for the real-kernel tests, plus a minimal
 * stand-in for {@code ovnet apply} (subnet.env or conflist, host-gw routes, ip_forward) and forced cleanup of the
 * test's own namespaces.
 */
final class LabKernel {

    private static final Transport LOCAL = new LocalTransport();

    private LabKernel() {
    }

    static Transport.Result run(String... argv) {
        return LOCAL.run(List.of(argv), new byte[0], Duration.ofSeconds(30));
    }

    static String out(String... argv) {
        Transport.Result result = run(argv);
        if (!result.ok()) {
            throw new AssertionError(String.join(" ", argv) + " failed: " + result.stderr());
        }
        return result.stdout();
    }

    /** Names from {@code ip netns list} starting with {@code prefix}. */
    static List<String> namespaces(String prefix) {
        List<String> names = new ArrayList<>();
        for (String line : out("ip", "netns", "list").split("\n")) {
            if (!line.isBlank() && line.trim().startsWith(prefix)) {
                names.add(line.trim().split("\\s+")[0]);
            }
        }
        return names;
    }

    /** One ping from inside {@code netns}; its stdout when it got an answer, null otherwise. */
    static String ping(String netns, String address) {
        Transport.Result result = run("ip", "netns", "exec", netns, "ping", "-n", "-c", "1", "-W", "2", address);
        return result.ok() ? result.stdout() : null;
    }

    /** What the root namespace looks like, to prove the lab never touched it. */
    static String rootSnapshot() {
        return out("ip", "-o", "link", "show").replaceAll("(?m)^\\d+: (\\S+).*$", "$1") + "\n"
                + out("ip", "-4", "route", "show", "table", "all") + "\n"
                + out("ip", "-4", "-o", "addr", "show") + "\n"
                + out("cat", "/proc/sys/net/ipv4/ip_forward") + "\n"
                + out("iptables-save").replaceAll("(?m)^[#:].*$", "");
    }

    /** Minimal host-gw "apply" on one host: subnet.env, ip_forward, a route per peer lease unless skipped. */
    static void fakeHostGwApply(LabHost host, Cidr lease, List<LabHost> peers, List<Cidr> peerLeases,
            String skipPeer) {
        write(FlannelFiles.under(host.root(), FlannelFiles.SUBNET_ENV),
                FlannelFiles.subnetEnv(LabConfigs.POOL, lease, 1500, true));
        out("ip", "netns", "exec", host.netns(), "sysctl", "-q", "-w", "net.ipv4.ip_forward=1");
        for (int i = 0; i < peers.size(); i++) {
            LabHost peer = peers.get(i);
            if (!peer.name().equals(host.name()) && !peer.name().equals(skipPeer)) {
                out("ip", "-n", host.netns(), "route", "replace", peerLeases.get(i).toString(), "via",
                        peer.address().toString(), "dev", host.iface());
            }
        }
    }

    static void write(String path, String text) {
        LocalTransport.writeAtomically(Path.of(path), text.getBytes(StandardCharsets.UTF_8), 0644);
    }

    /** Files (not folders) under {@code folder}; empty when it does not exist. */
    static List<Path> filesUnder(String folder) throws IOException {
        if (!Files.exists(Path.of(folder))) {
            return List.of();
        }
        try (Stream<Path> walk = Files.walk(Path.of(folder))) {
            return walk.filter(Files::isRegularFile).toList();
        }
    }

    /** Last resort after a test: removes the test's own namespaces and folders, whatever the lab did. */
    static void forceClean(String namespacePrefix, String... folders) throws IOException {
        for (String name : namespaces(namespacePrefix)) {
            run("ip", "netns", "del", name);
        }
        for (String folder : folders) {
            Path path = Path.of(folder);
            if (Files.exists(path)) {
                try (Stream<Path> walk = Files.walk(path)) {
                    for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                        Files.deleteIfExists(p);
                    }
                }
            }
        }
    }
}
