package dev.ovnet.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ovnet.providers.state.EtcdProcess;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Dual-stack wireguard (flannel's separate mode) on three netns hosts with IPv6 underlay addresses and the state in
 * a real etcd: each host gets flannel-wg-v6 on port6 beside flannel-wg, running with the same key; every container
 * pair is reachable in each family (ping and TCP); the underlay carries only wireguard's UDP to port (IPv4) and
 * port6 (IPv6) while a TCP stream crosses in each family, never the stream's bytes; the lease carries the public key
 * in BackendV6Data with port6; an IPv6 peer removed by hand and flannel-wg-v6 running with another key are drift
 * that apply repairs; a rotated key reaches both devices of every host; destroy leaves the IPv4 and IPv6 listings as
 * they were and no wireguard-go running.
 */
@Tag("etcd")
class WireguardDualStackIT {

    private static final int PORT = 51820;
    private static final int PORT6 = 51821;

    private static String yaml(String p, String endpoint) {
        StringBuilder y = new StringBuilder("network:\n  name: " + p + "\n  pool: 10.100.0.0/16\n"
                + "  pool6: fd10:100::/48\n  backend:\n    type: wireguard\n    persistentKeepalive: 25\n"
                + "    pskFile: wg.psk\nstate:\n  backend: etcd\n  endpoints: [" + endpoint + "]\n  prefix: /" + p
                + "/network\nhosts:\n");
        for (String h : List.of("a", "b", "c")) {
            int n = "abc".indexOf(h) + 11;
            y.append("  - {name: ").append(p).append('-').append(h).append(", address: 192.0.2.").append(n)
                    .append(", address6: \"fd00:192:0:2::").append(n).append("\", connection: netns}\n");
        }
        return y + "lab:\n  segments: [192.0.2.0/24]\n  segments6: [\"fd00:192:0:2::/64\"]\n";
    }

    /** The underlay's own IPv6 housekeeping (neighbour and router discovery, multicast listeners), not traffic. */
    private static boolean housekeeping(String packet) {
        return packet.contains("ICMP6, neighbor") || packet.contains("ICMP6, router")
                || packet.contains("multicast listener");
    }

    @Test
    void bothFamiliesCrossEncryptedOnTheirOwnDeviceAndDestroyLeavesNothing() throws Exception {
        String p = "ow6-w";
        List<String> hosts = List.of(p + "-a", p + "-b", p + "-c");
        try (EtcdProcess etcd = EtcdProcess.single(); Lab lab = new Lab(p, yaml(p, "PLACEHOLDER"))) {
            lab.write(yaml(p, etcd.endpoint(0)));
            Files.writeString(lab.dir.resolve("wg.psk"), Ovnet.exec(List.of("wg", "genpsk"), null).out());
            lab.up();
            Map<String, String> before = new HashMap<>();
            for (String h : hosts) {
                before.put(h, DualStackIT.listings46(h));
            }

            Ovnet.Result plan = lab.ovnetExpect(0, "plan");
            assertTrue(plan.out().contains("+ link flannel-wg-v6 type wireguard") && plan.out().contains(
                    "listen-port " + PORT6), plan::toString);
            assertTrue(plan.out().contains("dev flannel-wg-v6 endpoint [fd00:192:0:2::12]:" + PORT6
                    + " allowed-ips fd10:100:"), plan::toString);
            lab.ovnetExpect(0, "apply", "--auto-approve");
            assertTrue(WireguardIT.reachableSoon(lab, "12/12"), "not every pair reachable in both families");
            DualStackIT.tcpInBothFamilies(p);
            assertTrue(lab.ovnetExpect(0, "apply", "--auto-approve").out().contains("No changes."));

            // one key per host on both devices, the IPv6 peers at [address6]:port6, the lease as flannel writes it
            Map<String, String> leases = EtcdLabIT.read(etcd.endpoint(0), "/" + p + "/network/subnets/");
            for (String h : hosts) {
                String pub = WireguardIT.publicKey(h);
                assertEquals(pub + "\n", WireguardIT.wg(h, "show", "flannel-wg-v6", "public-key").out());
                assertEquals(PORT6 + "\n", WireguardIT.wg(h, "show", "flannel-wg-v6", "listen-port").out());
                assertTrue(leases.values().stream().anyMatch(v -> v.endsWith("\"BackendData\":{\"PublicKey\":\""
                        + pub + "\",\"Port\":" + PORT + "},\"BackendV6Data\":{\"PublicKey\":\"" + pub
                        + "\",\"Port\":" + PORT6 + "}}")), leases::toString);
            }
            String peers6 = WireguardIT.wg(p + "-a", "show", "flannel-wg-v6", "endpoints").out();
            assertTrue(peers6.contains(WireguardIT.publicKey(p + "-b") + "\t[fd00:192:0:2::12]:" + PORT6)
                    && peers6.contains(WireguardIT.publicKey(p + "-c") + "\t[fd00:192:0:2::13]:" + PORT6), peers6);
            String secret = WireguardIT.privateKey(p + "-a");
            assertFalse(lab.ovnetExpect(0, "show", "--json").all().contains(secret));

            // the underlay sees wireguard's UDP only, in each family to its own port, never the streams' bytes
            String marker = "OVNET-SECRET-MARKER-" + System.nanoTime();
            Path capture = lab.dir.resolve("underlay.pcap");
            Process tcpdump = new ProcessBuilder("ip", "netns", "exec", p + "-a", "timeout", "8", "tcpdump", "-i",
                    "eth0", "-n", "-U", "-Z", "root", "-w", capture.toString(), "ip or ip6").redirectErrorStream(true)
                    .start();
            Thread.sleep(1500);
            String b = p + "-b-c1";
            assertEquals(marker + "4\n", Net.tcp(p + "-a-c1", b, Net.address(b), marker + "4\n"));
            assertEquals(marker + "6\n", Net.tcp(p + "-a-c1", b, DualStackIT.address6(b), marker + "6\n"));
            tcpdump.waitFor(15, TimeUnit.SECONDS);
            byte[] raw = Files.readAllBytes(capture);
            assertFalse(new String(raw, StandardCharsets.ISO_8859_1).contains(marker), "the marker crossed in clear");
            List<String> packets = new ArrayList<>(Ovnet.exec(List.of("tcpdump", "-r", capture.toString(), "-n"),
                    null).out().lines().filter(l -> !housekeeping(l)).toList());
            String v4 = ".* IP 192\\.0\\.2\\.1[1-3]\\." + PORT + " > 192\\.0\\.2\\.1[1-3]\\." + PORT
                    + ": UDP, length \\d+";
            String v6 = ".* IP6 fd00:192:0:2::1[1-3]\\." + PORT6 + " > fd00:192:0:2::1[1-3]\\." + PORT6
                    + ": UDP, length \\d+";
            for (String packet : packets) {
                assertTrue(packet.matches(v4) || packet.matches(v6), packet);
            }
            assertTrue(packets.stream().filter(l -> l.matches(v4)).count() >= 4, () -> "IPv4: " + packets);
            assertTrue(packets.stream().filter(l -> l.matches(v6)).count() >= 4, () -> "IPv6: " + packets);

            // an IPv6 peer removed by hand is drift, and apply puts it back
            String keyB = WireguardIT.publicKey(p + "-b");
            WireguardIT.wg(p + "-a", "set", "flannel-wg-v6", "peer", keyB, "remove");
            Ovnet.Result drift = lab.ovnetExpect(2, "plan", "--detailed-exitcode");
            assertTrue(drift.out().contains("- wgpeer " + keyB + " dev flannel-wg-v6") || drift.out().contains(
                    "+ wgpeer " + keyB + " dev flannel-wg-v6"), drift::toString);
            assertTrue(drift.out().contains("Plan: 1 to add, 0 to change, 0 to destroy."), drift::toString);
            lab.ovnetExpect(0, "apply", "--auto-approve");
            assertTrue(WireguardIT.wg(p + "-a", "show", "flannel-wg-v6", "peers").out().contains(keyB));
            assertTrue(lab.ovnetExpect(0, "plan").out().contains("No changes."));
            assertTrue(WireguardIT.reachableSoon(lab, "12/12"), () -> "not every pair reachable after the repair: "
                    + lab.ovnet("lab", "check").all());

            // flannel-wg-v6 given another key by hand is drift: apply gives it the key file's again
            Path other = lab.dir.resolve("other.key");
            Files.writeString(other, Ovnet.exec(List.of("wg", "genkey"), null).out());
            WireguardIT.wg(p + "-c", "set", "flannel-wg-v6", "private-key", other.toString());
            Ovnet.Result wrongKey = lab.ovnetExpect(2, "plan", "--detailed-exitcode");
            assertTrue(wrongKey.out().contains("~ wgkey /run/ovnet/netns/" + p + "-c/etc/ovnet/wireguard.key")
                    && wrongKey.out().contains("Plan: 0 to add, 1 to change, 0 to destroy."), wrongKey::toString);
            lab.ovnetExpect(0, "apply", "--auto-approve");
            assertEquals(WireguardIT.publicKey(p + "-c") + "\n",
                    WireguardIT.wg(p + "-c", "show", "flannel-wg-v6", "public-key").out());
            assertTrue(lab.ovnetExpect(0, "plan").out().contains("No changes."));

            // a new key for b reaches both of b's devices and both devices of every peer in one apply
            lab.ovnetExpect(0, "apply", "--auto-approve", "--rotate-key", p + "-b");
            String newKeyB = WireguardIT.publicKey(p + "-b");
            assertFalse(newKeyB.equals(keyB), "the key of b did not change");
            assertEquals(newKeyB + "\n", WireguardIT.wg(p + "-b", "show", "flannel-wg-v6", "public-key").out());
            for (String h : List.of(p + "-a", p + "-c")) {
                for (String dev : List.of("flannel-wg", "flannel-wg-v6")) {
                    String peers = WireguardIT.wg(h, "show", dev, "peers").out();
                    assertTrue(peers.contains(newKeyB) && !peers.contains(keyB), h + " " + dev + ": " + peers);
                }
            }
            assertTrue(WireguardIT.reachableSoon(lab, "12/12"), () -> "not every pair reachable after the rotation: "
                    + lab.ovnet("lab", "check").all());
            assertTrue(lab.ovnetExpect(0, "plan").out().contains("No changes."));

            DualStackIT.destroyLeavesListingsAsBefore(lab, before);
            for (String h : hosts) {
                assertFalse(WireguardIT.wireguardGoRuns(h), "wireguard-go still runs on " + h);
            }
        }
    }
}
