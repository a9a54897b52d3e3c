package dev.ovnet.providers.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ovnet.planner.desired.WireguardFacts;
import dev.ovnet.planner.model.Link;
import dev.ovnet.planner.model.WireguardKey;
import dev.ovnet.planner.model.WireguardPeer;
import dev.ovnet.planner.net.Cidr;
import dev.ovnet.planner.net.Cidr6;
import dev.ovnet.planner.net.Ipv4;
import dev.ovnet.planner.net.Ipv6;
import dev.ovnet.planner.plan.Change;
import dev.ovnet.providers.transport.Transport;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What ovnet reads and runs for the wireguard backend, against a transport that answers as a host would: the
 * listing becomes facts and objects, the pre-shared key travels on standard input only, and a host with a root of
 * its own gets its own wireguard-go socket folder.
 */
class WireguardHostTest {

    private static final String KEY_A = "YOWtWrIm0pSyI1S1cBrLBLV3XpEJrc1b1ATbOFpfkSs=";
    private static final String KEY_B = "aAbnPZFpGtNtqV4hUtzDJQpJxnMTrpAgVa7c9iU8nl8=";
    private static final String PSK = "JmgYpx4YczbbPfMq2XWpsd6HRRYnVxUWS0EJ6uHMT2I=";
    private static final String KEY_FILE = "/srv/h/etc/ovnet/wireguard.key";

    @TempDir
    Path dir;

    @Test
    void theListingBecomesFactsAKeyADeviceAndPeers() {
        Answering host = new Answering("tools\nuserspace\npublic " + KEY_A + "\nport 51820\ndevice " + KEY_A
                + "\npeer " + KEY_B + " set 192.0.2.12:51820 10.100.2.0/24 25\n");
        WireguardHost wg = new WireguardHost(new HostCommands(host), "/srv/h", PresharedKey.NONE);
        Iproute2Json.Iface tun = new Iproute2Json.Iface(7, "flannel-wg", 1420, "tun", null, null, List.of());
        WireguardHost.Reading reading = wg.read(KEY_FILE, "flannel-wg", tun);
        assertEquals(new WireguardFacts(true, false, true, KEY_A), reading.facts());
        assertEquals(List.of(
                new WireguardPeer("flannel-wg", KEY_B, Ipv4.parse("192.0.2.12"), 51820, Cidr.parse("10.100.2.0/24"),
                        true, 25),
                new WireguardKey(KEY_FILE, KEY_A, false),
                Link.wireguard("flannel-wg", true, 51820, 1420)), reading.objects());
        List<String> argv = host.commands.get(0);
        assertEquals(List.of("unshare", "-m", "--propagation", "private", "sh", "-c"), argv.subList(0, 6),
                "a host with a root of its own talks to its own wireguard-go");
        assertEquals("/srv/h/run/wireguard", argv.get(8));
    }

    @Test
    void aHostWithoutKeyOrDeviceGivesOnlyItsFacts() {
        Answering host = new Answering("tools\nmodule\n");
        WireguardHost wg = new WireguardHost(new HostCommands(host), "/", PresharedKey.NONE);
        WireguardHost.Reading reading = wg.read("/etc/ovnet/wireguard.key", "flannel-wg", null);
        assertEquals(new WireguardFacts(true, true, false, null), reading.facts());
        assertEquals(List.of(), reading.objects());
        assertEquals("sh", host.commands.get(0).get(0), "a host whose root is / uses /run/wireguard itself");
    }

    @Test
    void anotherPreSharedKeyOnAHostReadsAsTheOppositeOfWhatIsWantedAndTheWantedOneTravelsOnStandardInput()
            throws Exception {
        Path file = dir.resolve("wg.psk");
        Files.writeString(file, PSK + "\n");
        String listing = "tools\nuserspace\nport 51820\npeer " + KEY_B + " other 192.0.2.12:51820 10.100.2.0/24 off\n";
        Answering wanted = new Answering(listing);
        WireguardHost.Reading withPsk = new WireguardHost(new HostCommands(wanted), "/", PresharedKey.in(file))
                .read("/etc/ovnet/wireguard.key", "flannel-wg", null);
        assertEquals(List.of(new WireguardPeer("flannel-wg", KEY_B, Ipv4.parse("192.0.2.12"), 51820,
                Cidr.parse("10.100.2.0/24"), false, 0)), withPsk.objects());
        assertEquals(PSK, wanted.stdins.get(0));
        assertFalse(String.join(" ", wanted.commands.get(0)).contains(PSK));
        WireguardHost.Reading without = new WireguardHost(new HostCommands(new Answering(listing)), "/",
                PresharedKey.NONE).read("/etc/ovnet/wireguard.key", "flannel-wg", null);
        assertTrue(((WireguardPeer) without.objects().get(0)).psk(), "a key set by hand where none is wanted");
    }

    @Test
    void thePreSharedKeyGoesOnStandardInputNeverOnACommandLine() throws Exception {
        Path file = dir.resolve("wg.psk");
        Files.writeString(file, PSK + "\n");
        Answering host = new Answering("");
        WireguardHost wg = new WireguardHost(new HostCommands(host), "/", PresharedKey.in(file));
        List<Change> applied = new ArrayList<>();
        WireguardPeer peer = new WireguardPeer("flannel-wg", KEY_B, Ipv4.parse("192.0.2.12"), 51820,
                Cidr.parse("10.100.2.0/24"), true, 25);
        WireguardPeer unknown = new WireguardPeer("flannel-wg", null, Ipv4.parse("192.0.2.13"), 51820,
                Cidr.parse("10.100.3.0/24"), true, 25);
        wg.apply("h", List.of(new Change.Create(peer), new Change.Create(unknown)), applied);
        assertEquals(List.of(new Change.Create(peer)), applied, "a peer without a key waits for the second round");
        assertEquals(List.of("wg", "addconf", "flannel-wg", "/dev/stdin"), host.commands.get(0));
        assertTrue(host.stdins.get(0).contains("PresharedKey = " + PSK), host.stdins.get(0));
        for (List<String> argv : host.commands) {
            assertFalse(String.join(" ", argv).contains(PSK), "the pre-shared key on a command line: " + argv);
        }
    }

    @Test
    void bothDevicesAreReadByOneProcessAndTheIpv6PeersBelongToFlannelWgV6() {
        Answering host = new Answering("tools\nmodule\npublic " + KEY_A + "\ndev flannel-wg\nport 51820\ndevice "
                + KEY_A + "\npeer " + KEY_B + " none 192.0.2.12:51820 10.100.2.0/24 off\ndev flannel-wg-v6\n"
                + "port 51821\ndevice " + KEY_A + "\npeer " + KEY_B
                + " none [fd00:192:0:2::12]:51821 fd10:100:0:2::/64 off\n");
        WireguardHost wg = new WireguardHost(new HostCommands(host), "/", PresharedKey.NONE);
        Map<String, Iproute2Json.Iface> devices = new LinkedHashMap<>();
        devices.put("flannel-wg", new Iproute2Json.Iface(7, "flannel-wg", 1420, "wireguard", null, null, List.of()));
        devices.put("flannel-wg-v6", new Iproute2Json.Iface(8, "flannel-wg-v6", 1420, "wireguard", null, null,
                List.of()));
        WireguardHost.Reading reading = wg.read("/etc/ovnet/wireguard.key", devices);
        assertEquals(List.of(
                new WireguardPeer("flannel-wg", KEY_B, Ipv4.parse("192.0.2.12"), 51820, Cidr.parse("10.100.2.0/24"),
                        false, 0),
                new WireguardPeer("flannel-wg-v6", KEY_B, Ipv6.parse("fd00:192:0:2::12"), 51821,
                        Cidr6.parse("fd10:100:0:2::/64"), false, 0),
                new WireguardKey("/etc/ovnet/wireguard.key", KEY_A, false),
                Link.wireguard("flannel-wg", false, 51820, 1420),
                Link.wireguard("flannel-wg-v6", false, 51821, 1420)), reading.objects());
        assertEquals(1, host.commands.size());
        assertEquals(List.of("flannel-wg", "flannel-wg-v6"), host.commands.get(0).subList(5, 7));
    }

    @Test
    void flannelWgV6RunningWithAnotherKeyThanTheFileShowsAsTheKeyToSetAgain() {
        Answering host = new Answering("tools\nmodule\npublic " + KEY_A + "\ndev flannel-wg\nport 51820\ndevice "
                + KEY_A + "\ndev flannel-wg-v6\nport 51821\ndevice " + KEY_B + "\n");
        Map<String, Iproute2Json.Iface> devices = new LinkedHashMap<>();
        devices.put("flannel-wg", new Iproute2Json.Iface(7, "flannel-wg", 1420, "wireguard", null, null, List.of()));
        devices.put("flannel-wg-v6", new Iproute2Json.Iface(8, "flannel-wg-v6", 1420, "wireguard", null, null,
                List.of()));
        WireguardHost.Reading reading = new WireguardHost(new HostCommands(host), "/", PresharedKey.NONE)
                .read("/etc/ovnet/wireguard.key", devices);
        assertEquals(new WireguardKey("/etc/ovnet/wireguard.key", KEY_B, false), reading.objects().get(0));
        assertEquals(KEY_A, reading.facts().publicKey(), "the file's key stays the host's public key");
    }

    @Test
    void peersOfBothDevicesGoToTheirOwnDeviceWithTheIpv6EndpointInBrackets() {
        Answering host = new Answering("");
        WireguardHost wg = new WireguardHost(new HostCommands(host), "/", PresharedKey.NONE);
        WireguardPeer v4 = new WireguardPeer("flannel-wg", KEY_B, Ipv4.parse("192.0.2.12"), 51820,
                Cidr.parse("10.100.2.0/24"), false, 0);
        WireguardPeer v6 = new WireguardPeer("flannel-wg-v6", KEY_B, Ipv6.parse("fd00:192:0:2::12"), 51821,
                Cidr6.parse("fd10:100:0:2::/64"), false, 0);
        List<Change> applied = new ArrayList<>();
        wg.apply("h", List.of(new Change.Create(v4), new Change.Create(v6)), applied);
        assertEquals(2, applied.size());
        assertEquals(List.of(List.of("wg", "addconf", "flannel-wg", "/dev/stdin"),
                List.of("wg", "addconf", "flannel-wg-v6", "/dev/stdin")), host.commands);
        assertTrue(host.stdins.get(0).contains("Endpoint = 192.0.2.12:51820\nAllowedIPs = 10.100.2.0/24\n"),
                host.stdins.get(0));
        assertTrue(host.stdins.get(1).contains("Endpoint = [fd00:192:0:2::12]:51821\nAllowedIPs ="
                + " fd10:100:0:2::/64\n"), host.stdins.get(1));
    }

    @Test
    void aBadPreSharedKeyFileIsNamedWithoutItsContent() throws Exception {
        Path file = dir.resolve("wg.psk");
        Files.writeString(file, "hunter2\n");
        CommandFailedException e = assertThrows(CommandFailedException.class,
                () -> PresharedKey.in(file).value());
        assertTrue(e.command().contains(file.toString()), e::getMessage);
        assertTrue(e.detail().contains("wg genpsk"), e::getMessage);
        assertFalse(e.getMessage().contains("hunter2"), e::getMessage);
        CommandFailedException missing = assertThrows(
                CommandFailedException.class, () -> PresharedKey.in(dir.resolve("none")).value());
        assertTrue(missing.detail().contains("cannot read it"), missing::getMessage);
    }

    /** A host that answers every command with the same output and records what it was asked. */
    private static final class Answering implements Transport {
        private final String stdout;
        final List<List<String>> commands = new ArrayList<>();
        final List<String> stdins = new ArrayList<>();

        Answering(String stdout) {
            this.stdout = stdout;
        }

        @Override
        public Result run(List<String> argv, byte[] stdin, Duration timeout) {
            commands.add(List.copyOf(argv));
            stdins.add(new String(stdin, StandardCharsets.UTF_8));
            return new Result(0, stdout, "");
        }

        @Override
        public void writeFile(String path, byte[] content, int mode) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Optional<byte[]> readFile(String path) {
            return Optional.empty();
        }

        @Override
        public void deleteFile(String path) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void checkFile(String verb, String path) {
        }

        @Override
        public String describe() {
            return "answering";
        }
    }
}
