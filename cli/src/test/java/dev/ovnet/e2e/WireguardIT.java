package dev.ovnet.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ovnet.providers.state.EtcdProcess;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The wireguard backend through apply, on three netns hosts with the state in a real etcd: every container pair
 * reachable; the underlay carries only wireguard's UDP while a TCP stream crosses, never the stream's bytes; each
 * host's private key is on that host with mode 0600 and nowhere in ovnet's output, the state or etcd, where the
 * lease carries the public key as flannel writes it; a peer removed by hand and a dead wireguard-go are drift that
 * apply repairs; a rotated key keeps every pair reachable; a new pre-shared key in the file reaches every peer;
 * destroy keeps the keys (a network built again has the same public keys), {@code destroy --remove-keys} removes
 * them, and the hosts' listings are as they were.
 */
@Tag("etcd")
class WireguardIT {

    private static final int PORT = 51820;

    static String yaml(String p, String endpoint) {
        return "network:\n  name: " + p + "\n  pool: 10.100.0.0/16\n  backend:\n    type: wireguard\n"
                + "    persistentKeepalive: 25\n    pskFile: wg.psk\n"
                + "state:\n  backend: etcd\n  endpoints: [" + endpoint + "]\n  prefix: /" + p + "/network\n"
                + "hosts:\n"
                + "  - {name: " + p + "-a, address: 192.0.2.11, connection: netns}\n"
                + "  - {name: " + p + "-b, address: 192.0.2.12, connection: netns}\n"
                + "  - {name: " + p + "-c, address: 192.0.2.13, connection: netns}\n"
                + "lab:\n  segments: [192.0.2.0/24]\n";
    }

    /** Runs wg on a netns host, talking to that host's own wireguard-go socket (under the host's root). */
    static Ovnet.Result wg(String host, String... args) {
        List<String> argv = new ArrayList<>(List.of("unshare", "-m", "--propagation", "private", "sh", "-c",
                "mount --bind \"$1\" /run/wireguard && shift && exec \"$@\"", "sh",
                "/run/ovnet/netns/" + host + "/run/wireguard", "wg"));
        argv.addAll(List.of(args));
        return Lab.in(host, argv.toArray(String[]::new));
    }

    static Path keyFile(String host) {
        return Path.of("/run/ovnet/netns", host, "etc/ovnet/wireguard.key");
    }

    static String publicKey(String host) {
        return Ovnet.exec(List.of("wg", "pubkey"), privateKey(host)).out().trim();
    }

    static String privateKey(String host) {
        try {
            return Files.readString(keyFile(host), StandardCharsets.US_ASCII).trim();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aHostWithoutWgOrWireguardGoIsAPreflightErrorNamingThePackages() throws Exception {
        String p = "owgp";
        String yaml = "network:\n  name: " + p + "\n  pool: 10.100.0.0/16\n  backend:\n    type: wireguard\n"
                + "state:\n  path: state.json\nhosts:\n"
                + "  - {name: " + p + "-a, address: 192.0.2.11, connection: netns}\n"
                + "  - {name: " + p + "-b, address: 192.0.2.12, connection: netns}\n"
                + "lab:\n  segments: [192.0.2.0/24]\n";
        try (Lab lab = new Lab(p, yaml)) {
            lab.up();
            // the machine's commands but wg and wireguard-go: netns hosts run with ovnet's PATH
            Path bin = Files.createDirectory(lab.dir.resolve("bin"));
            for (String dir : List.of("/usr/local/sbin", "/usr/local/bin", "/usr/sbin", "/usr/bin", "/sbin", "/bin")) {
                try (var entries = Files.list(Path.of(dir))) {
                    for (Path f : entries.toList()) {
                        String name = f.getFileName().toString();
                        if (!name.equals("wg") && !name.equals("wireguard-go") && !Files.exists(bin.resolve(name),
                                LinkOption.NOFOLLOW_LINKS)) {
                            Files.createSymbolicLink(bin.resolve(name), f);
                        }
                    }
                } catch (java.nio.file.NoSuchFileException e) {
                    // not on this machine
                }
            }
            for (List<String> command : List.of(List.of("plan"), List.of("apply", "--auto-approve"))) {
                List<String> argv = new ArrayList<>(List.of("env", "PATH=" + bin, "java", "-jar", lab.jar.toString()));
                argv.addAll(command);
                argv.addAll(List.of("-f", lab.yaml.toString()));
                Ovnet.Result r = Ovnet.exec(argv, null);
                assertEquals(1, r.exit(), r::toString);
                assertTrue(r.all().contains("install the package wireguard-tools"), r::toString);
                assertTrue(r.all().contains("install the package wireguard-go"), r::toString);
                assertFalse(Lab.in(p + "-a", "ip", "link").out().contains("flannel-wg"), "apply changed a host");
            }
        }
    }

    /**
     * The lab check passes within about 10 s. After a peer is set again (new key, new pre-shared key) the two ends
     * handshake anew; a handshake sent while the other end was still being changed is retried by wireguard after 5 s.
     */
    static boolean reachableSoon(Lab lab, String pairs) throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            if (lab.ovnet("lab", "check").out().contains(pairs + " pairs reachable")) {
                return true;
            }
            Thread.sleep(2000);
        }
        return false;
    }

    static boolean wireguardGoRuns(String host) {
        return Ovnet.sh("ip", "netns", "pids", host).out().lines()
                .anyMatch(pid -> Ovnet.sh("cat", "/proc/" + pid + "/comm").out().trim().equals("wireguard-go"));
    }

    @Test
    void encryptedOverlayKeysDriftRotationAndDestroy() throws Exception {
        String p = "owg";
        List<String> hosts = List.of(p + "-a", p + "-b", p + "-c");
        try (EtcdProcess etcd = EtcdProcess.single(); Lab lab = new Lab(p, yaml(p, "PLACEHOLDER"))) {
            lab.write(yaml(p, etcd.endpoint(0)));
            Files.writeString(lab.dir.resolve("wg.psk"), Ovnet.exec(List.of("wg", "genpsk"), null).out());
            lab.up();
            Map<String, String> before = new HashMap<>();
            for (String h : hosts) {
                before.put(h, Lab.listings(h));
            }

            List<String> outputs = new ArrayList<>();
            Ovnet.Result plan = lab.ovnetExpect(0, "plan");
            assertTrue(plan.out().contains("+ link flannel-wg type wireguard"), plan::toString);
            assertTrue(plan.out().contains("wgpeer (known after apply) dev flannel-wg endpoint 192.0.2.12:51820"
                    + " allowed-ips"), plan::toString);
            outputs.add(plan.all());
            Ovnet.Result apply = lab.ovnetExpect(0, "apply", "--auto-approve");
            outputs.add(apply.all());
            assertTrue(lab.ovnetExpect(0, "lab", "check").out().contains("6/6 pairs reachable"));
            assertTrue(lab.ovnetExpect(0, "apply", "--auto-approve").out().contains("No changes."));

            // the keys: on their hosts, 0600, and the public ones in flannel's lease layout
            Map<String, String> leases = EtcdLabIT.read(etcd.endpoint(0), "/" + p + "/network/subnets/");
            for (String h : hosts) {
                Object mode = Files.getAttribute(keyFile(h), "unix:mode", LinkOption.NOFOLLOW_LINKS);
                assertEquals(0600, (Integer) mode & 07777, "mode of the key of " + h);
                String pub = publicKey(h);
                assertTrue(leases.values().stream().anyMatch(v -> v.endsWith(",\"BackendType\":\"wireguard\","
                        + "\"BackendData\":{\"PublicKey\":\"" + pub + "\",\"Port\":" + PORT + "}}")), leases::toString);
            }
            outputs.add(lab.ovnetExpect(0, "show").all());
            outputs.add(lab.ovnetExpect(0, "show", "--json").all());
            outputs.add(lab.ovnetExpect(0, "plan", "--json").all());
            outputs.add(lab.ovnetExpect(0, "state", "list").all());
            outputs.add(EtcdLabIT.read(etcd.endpoint(0), "/").toString());
            assertTrue(outputs.get(2).contains("wireguard-go") || outputs.get(2).contains("kernel"), outputs.get(2));
            for (String h : hosts) {
                String secret = privateKey(h);
                for (String text : outputs) {
                    assertFalse(text.contains(secret), "the private key of " + h + " leaked into " + text);
                }
            }

            // the underlay sees wireguard's UDP only, never the stream's bytes
            String marker = "OVNET-SECRET-MARKER-" + System.nanoTime();
            Path capture = lab.dir.resolve("underlay.pcap");
            Process tcpdump = new ProcessBuilder("ip", "netns", "exec", p + "-a", "timeout", "8", "tcpdump", "-i",
                    "eth0", "-n", "-U", "-Z", "root", "-w", capture.toString(), "ip").redirectErrorStream(true).start();
            Thread.sleep(1500);
            String b = Net.address(p + "-b-c1");
            assertEquals(marker + "\n", Net.tcp(p + "-a-c1", p + "-b-c1", b, marker + "\n"));
            tcpdump.waitFor(15, TimeUnit.SECONDS);
            byte[] raw = Files.readAllBytes(capture);
            assertFalse(new String(raw, StandardCharsets.ISO_8859_1).contains(marker), "the marker crossed in clear");
            List<String> packets = Ovnet.exec(List.of("tcpdump", "-r", capture.toString(), "-n"), null).out().lines()
                    .toList();
            assertTrue(packets.size() >= 4, () -> "too few packets captured: " + packets);
            for (String packet : packets) {
                assertTrue(packet.matches(".* IP 192\\.0\\.2\\.1[1-3]\\." + PORT + " > 192\\.0\\.2\\.1[1-3]\\." + PORT
                        + ": UDP, length \\d+"), packet);
            }

            // a peer removed by hand is drift, and apply puts it back
            wg(p + "-a", "set", "flannel-wg", "peer", publicKey(p + "-b"), "remove");
            Ovnet.Result drift = lab.ovnetExpect(2, "plan", "--detailed-exitcode");
            assertTrue(drift.out().contains("- wgpeer " + publicKey(p + "-b")) && drift.out().contains(
                    "has been deleted"), drift::toString);
            lab.ovnetExpect(0, "apply", "--auto-approve");
            assertTrue(wg(p + "-a", "show", "flannel-wg", "peers").out().contains(publicKey(p + "-b")));
            assertTrue(lab.ovnetExpect(0, "plan").out().contains("No changes."));

            // a wireguard-go that died is drift too
            String daemon = Ovnet.sh("ip", "netns", "pids", p + "-c").out().lines()
                    .filter(pid -> Ovnet.sh("cat", "/proc/" + pid + "/comm").out().trim().equals("wireguard-go"))
                    .findFirst().orElse(null);
            if (daemon != null) {
                Ovnet.sh("kill", daemon);
                Thread.sleep(500);
                Ovnet.Result dead = lab.ovnetExpect(2, "plan", "--detailed-exitcode");
                assertTrue(dead.out().contains("+ link flannel-wg type wireguard-go"), dead::toString);
                lab.ovnetExpect(0, "apply", "--auto-approve");
            }
            assertTrue(reachableSoon(lab, "6/6"), "not every pair reachable after the repairs");

            // a new key for b: made on b, given to a and c in the same apply
            String oldKey = publicKey(p + "-b");
            Ovnet.Result rotate = lab.ovnetExpect(0, "apply", "--auto-approve", "--rotate-key", p + "-b");
            String newKey = publicKey(p + "-b");
            assertNotEquals(oldKey, newKey);
            assertFalse(rotate.all().contains(privateKey(p + "-b")), rotate::toString);
            assertEquals(0600, (Integer) Files.getAttribute(keyFile(p + "-b"), "unix:mode") & 07777);
            for (String h : List.of(p + "-a", p + "-c")) {
                String peers = wg(h, "show", "flannel-wg", "peers").out();
                assertTrue(peers.contains(newKey) && !peers.contains(oldKey), h + ": " + peers);
            }
            assertTrue(reachableSoon(lab, "6/6"), "not every pair reachable after the rotation");
            assertTrue(lab.ovnetExpect(0, "plan").out().contains("No changes."));
            assertTrue(EtcdLabIT.read(etcd.endpoint(0), "/" + p + "/network/subnets/").values().stream()
                    .anyMatch(v -> v.contains("\"PublicKey\":\"" + newKey + "\"")));

            // a new pre-shared key in the file reaches every peer (compared on the hosts, never read back)
            Files.writeString(lab.dir.resolve("wg.psk"), Ovnet.exec(List.of("wg", "genpsk"), null).out());
            Ovnet.Result newPsk = lab.ovnetExpect(2, "plan", "--detailed-exitcode");
            assertTrue(newPsk.out().contains("Plan: 0 to add, 6 to change, 0 to destroy."), newPsk::toString);
            lab.ovnetExpect(0, "apply", "--auto-approve");
            assertTrue(lab.ovnetExpect(0, "plan").out().contains("No changes."));
            assertTrue(reachableSoon(lab, "6/6"), "not every pair reachable after the new pre-shared key");

            // destroy: everything ovnet made is gone, the keys stay and destroy says so
            Map<String, String> kept = new HashMap<>();
            hosts.forEach(h -> kept.put(h, publicKey(h)));
            Ovnet.Result destroy = lab.ovnetExpect(0, "destroy", "--auto-approve");
            assertTrue(destroy.out().contains("keep their wireguard private keys"), destroy::toString);
            for (String h : hosts) {
                assertFalse(Lab.in(h, "ip", "link").out().contains("flannel-wg"), h);
                assertFalse(wireguardGoRuns(h), "wireguard-go still runs on " + h);
            }

            // built again, each host keeps its key; destroy --remove-keys takes the keys too
            lab.ovnetExpect(0, "apply", "--auto-approve");
            hosts.forEach(h -> assertEquals(kept.get(h), publicKey(h), "the key of " + h + " changed"));
            assertTrue(reachableSoon(lab, "6/6"), "not every pair reachable on the network built again");
            Ovnet.Result removing = lab.ovnetExpect(0, "destroy", "--auto-approve", "--remove-keys");
            assertTrue(removing.out().contains("- wireguard key "), removing::toString);
            for (String h : hosts) {
                lab.removeContainers(h);
                assertEquals(before.get(h), Lab.listings(h), "host " + h);
                assertFalse(Files.exists(keyFile(h)), "the key of " + h + " is still there");
                assertFalse(wireguardGoRuns(h), "wireguard-go still runs on " + h);
            }
        }
    }
}
