package dev.ovnet.providers.kernel;

import dev.ovnet.planner.config.Backend;
import dev.ovnet.planner.desired.FlannelFiles;
import dev.ovnet.planner.desired.WireguardFacts;
import dev.ovnet.planner.model.KernelObject;
import dev.ovnet.planner.model.Link;
import dev.ovnet.planner.model.WireguardKey;
import dev.ovnet.planner.model.WireguardPeer;
import dev.ovnet.planner.net.Cidr;
import dev.ovnet.planner.net.Cidr6;
import dev.ovnet.planner.net.IpAddress;
import dev.ovnet.planner.net.IpNetwork;
import dev.ovnet.planner.net.Ipv6;
import dev.ovnet.planner.plan.Action;
import dev.ovnet.planner.plan.Change;
import dev.ovnet.planner.spi.HostFailure;
import dev.ovnet.providers.transport.Transport;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The wireguard backend on one host, with the host's own {@code wg} and either the kernel module or
 * {@code wireguard-go}: reads what the host offers, its public key, its device and the device's peers, and
 * carries out the changes to them.
 *
 * <p>Design notes. The private key never leaves the host: it is generated there ({@code wg genkey} into
 * {@code <root>/etc/ovnet/wireguard.key} under umask 077), the public key is derived there ({@code wg pubkey}),
 * the device is given the file's path, and the peer listing is taken from {@code wg show DEV dump} without its
 * first line (the device's own keys) and with every pre-shared key reduced to "none", "set" or "other" before it
 * leaves the host (compared there with the wanted key, sent on standard input). The pre-shared key goes to
 * {@code wg addconf DEV /dev/stdin} on standard input.
 *
 * <p>wireguard-go keeps its control socket in /run/wireguard. Hosts that share one file system (network
 * namespaces of one machine, SSH test hosts) each have a root of their own; for them every {@code wg} and
 * {@code wireguard-go} runs in a private mount namespace with {@code <root>/run/wireguard} bound over
 * /run/wireguard, so each host talks to its own daemon. A host whose root is / uses /run/wireguard itself.
 */
final class WireguardHost {

    /** Binds the host's own socket folder over /run/wireguard, then runs the command ($1: that folder). */
    private static final String OWN_SOCKETS = "mkdir -p \"$1\" /run/wireguard && mount --bind \"$1\" /run/wireguard"
            + " && shift && exec \"$@\"";

    /**
     * What the host offers and holds; $1 the key file, then the devices (flannel-wg, and flannel-wg-v6 on a
     * dual-stack host), each device's lines after a line "dev NAME"; standard input the pre-shared key wanted
     * (empty: none). Each peer's pre-shared key becomes none, set (the one wanted) or other, here on the host.
     */
    private static final String READ = """
            OVNET_PSK=$(cat); export OVNET_PSK
            has() { command -v "$1" >/dev/null 2>&1; }
            has wg && echo tools
            { [ -d /sys/module/wireguard ] || modinfo wireguard >/dev/null 2>&1; } && echo module
            has wireguard-go && echo userspace
            if [ -s "$1" ] && has wg; then echo "public $(wg pubkey < "$1" 2>/dev/null)"; fi
            key=$1; shift
            for dev in "$@"; do
              if has wg && port=$(wg show "$dev" listen-port 2>/dev/null); then
                echo "dev $dev"
                echo "port $port"
                echo "device $(wg show "$dev" public-key)"
                wg show "$dev" dump | awk 'NR > 1 { print "peer", $1, ($2 == "(none)" ? "none" \\
                  : $2 == ENVIRON["OVNET_PSK"] ? "set" : "other"), $3, $4, $8 }'
              fi
            done
            """;

    /** Makes the key unless there is one ($1 the key file); never overwrites a key. */
    private static final String GENERATE = "umask 077 && mkdir -p \"$(dirname \"$1\")\" && { [ -s \"$1\" ] ||"
            + " wg genkey > \"$1\"; }";

    /** Replaces the key ($1) with a new one, atomically, and gives it to each of the devices (after $1) there is. */
    private static final String ROTATE = "umask 077 && mkdir -p \"$(dirname \"$1\")\" && wg genkey > \"$1.new\""
            + " && mv \"$1.new\" \"$1\" && key=$1 && shift && for d in \"$@\"; do"
            + " if wg show \"$d\" listen-port >/dev/null 2>&1; then wg set \"$d\" private-key \"$key\" || exit; fi;"
            + " done";

    /** Both devices: they share the host's one key (as flannel's do), and each is given it when the key changes. */
    private static final List<String> DEVICES = List.of(Backend.WIREGUARD_DEVICE, Backend.WIREGUARD_DEVICE6);

    private final HostCommands commands;
    private final String root;
    private final PresharedKey psk;

    WireguardHost(HostCommands commands, String root, PresharedKey psk) {
        this.commands = commands;
        this.root = root;
        this.psk = psk;
    }

    /** What refresh learns: the facts and the objects (key, device, peers) found. */
    record Reading(WireguardFacts facts, List<KernelObject> objects) {
    }

    /**
     * Reads the host's wireguard side. {@code device} is the wireguard device as iproute2 listed it (null: absent):
     * it comes back as a wireguard link with the listen port wg reports (0 when no daemon answers for it).
     */
    Reading read(String keyPath, String deviceName, Iproute2Json.Iface device) {
        Map<String, Iproute2Json.Iface> devices = new LinkedHashMap<>();
        devices.put(deviceName, device);
        return read(keyPath, devices);
    }

    /**
     * Reads the host's wireguard side with one process: {@code devices} are the wireguard devices to read, the
     * first being flannel-wg, each as iproute2 listed it (null: absent). The key's public key is the file's, or the
     * key a device runs with when it is another one (so that the apply gives the devices the file's key again).
     */
    Reading read(String keyPath, Map<String, Iproute2Json.Iface> devices) {
        List<String> argv = new ArrayList<>(List.of("sh", "-c", READ, "sh", keyPath));
        argv.addAll(devices.keySet());
        String first = devices.keySet().iterator().next();
        String output = output(argv, psk.configured() ? psk.value() : "", "wg show " + String.join(", ", devices
                .keySet()));
        boolean tools = false;
        boolean module = false;
        boolean userspace = false;
        String fileKey = null;
        Map<String, String> deviceKeys = new HashMap<>();
        Map<String, Integer> ports = new HashMap<>();
        String dev = first;
        List<KernelObject> objects = new ArrayList<>();
        for (String line : output.split("\n")) {
            String[] f = line.strip().split("\\s+");
            switch (f[0]) {
                case "tools" -> tools = true;
                case "module" -> module = true;
                case "userspace" -> userspace = true;
                case "public" -> fileKey = f.length > 1 && validKey(f[1]) ? f[1] : null;
                case "dev" -> dev = f.length > 1 && devices.containsKey(f[1]) ? f[1] : first;
                case "device" -> deviceKeys.put(dev, f.length > 1 && validKey(f[1]) ? f[1] : null);
                case "port" -> ports.put(dev, f.length > 1 && f[1].matches("[0-9]{1,5}") ? Integer.parseInt(f[1]) : 0);
                case "peer" -> {
                    WireguardPeer peer = peer(dev, f, psk.configured());
                    if (peer != null) {
                        objects.add(peer);
                    }
                }
                default -> {
                }
            }
        }
        if (fileKey != null) {
            // a device's key when one runs with another key: the difference shows as a change to the key
            String running = fileKey;
            for (String name : devices.keySet()) {
                String deviceKey = deviceKeys.get(name);
                if (devices.get(name) != null && deviceKey != null && !deviceKey.equals(fileKey)) {
                    running = deviceKey;
                    break;
                }
            }
            objects.add(new WireguardKey(keyPath, running, false));
        }
        devices.forEach((name, iface) -> {
            if (iface != null) {
                objects.add(Link.wireguard(name, !Link.WIREGUARD.equals(iface.kind()), ports.getOrDefault(name, 0),
                        iface.mtu()));
            }
        });
        return new Reading(new WireguardFacts(tools, module, userspace, fileKey), objects);
    }

    /**
     * One line of the peer listing: key, pre-shared key (none, set: the one wanted, other), endpoint, allowed IPs,
     * keepalive; null if unreadable. Another pre-shared key than the one wanted reads as the opposite of what is
     * wanted, so that the diff sets the peer again.
     */
    private static WireguardPeer peer(String dev, String[] f, boolean pskWanted) {
        if (f.length < 6 || !validKey(f[1])) {
            return null;
        }
        IpAddress endpoint = null;
        int port = 0;
        int colon = f[3].lastIndexOf(':');
        if (colon > 0 && f[3].substring(colon + 1).matches("[0-9]{1,5}")) {
            String host = f[3].substring(0, colon);
            endpoint = IpAddress.tryParse(host.startsWith("[") && host.endsWith("]")
                    ? host.substring(1, host.length() - 1) : host).orElse(null);
            port = endpoint == null ? 0 : Integer.parseInt(f[3].substring(colon + 1));
        }
        IpNetwork allowed = null;
        try {
            String first = f[4].split(",")[0];
            allowed = Ipv6.looksLike(first) ? Cidr6.parseLenient(first) : Cidr.parseLenient(first);
        } catch (IllegalArgumentException e) {
            allowed = null; // "(none)": the peer is known by its key alone
        }
        int keepalive = f[5].matches("[0-9]{1,5}") ? Integer.parseInt(f[5]) : 0;
        boolean psk = f[2].equals("set") || f[2].equals("other") && !pskWanted;
        return new WireguardPeer(dev, f[1], endpoint, port, allowed, psk, keepalive);
    }

    private static boolean validKey(String text) {
        return WireguardKey.BASE64_KEY.matcher(text).matches();
    }

    /**
     * Carries out a run of consecutive wireguard changes (the key, the device, the peers), appending each done
     * change to {@code applied}; a peer whose public key is not known yet is left for the apply's second round.
     */
    HostFailure apply(String host, List<Change> run, List<Change> applied) {
        List<Change> peers = new ArrayList<>();
        for (Change change : run) {
            KernelObject o = change.after() != null ? change.after() : change.before();
            if (o instanceof WireguardPeer) {
                peers.add(change);
                continue;
            }
            if (o instanceof WireguardKey key) {
                key(change, key);
            } else {
                link(change);
            }
            applied.add(change);
        }
        if (!peers.isEmpty()) {
            applyPeers(peers, applied);
        }
        return null;
    }

    private void key(Change change, WireguardKey key) {
        switch (change.action()) {
            case CREATE -> output(List.of("sh", "-c", GENERATE, "sh", key.path()), "", "wg genkey > " + key.path());
            case REPLACE -> {
                List<String> argv = new ArrayList<>(List.of("sh", "-c", ROTATE, "sh", key.path()));
                argv.addAll(DEVICES);
                output(argv, "", "wg genkey > " + key.path());
            }
            case UPDATE -> {
                // a device runs with another key than its file's: give each device the file's
                for (String device : DEVICES) {
                    if (deviceExists(device)) {
                        output(List.of("wg", "set", device, "private-key", key.path()), "",
                                "wg set " + device + " private-key " + key.path());
                    }
                }
            }
            case DELETE -> commands.output(List.of("rm", "-f", "--", key.path()));
        }
    }

    private boolean deviceExists(String device) {
        return run(List.of("wg", "show", device, "listen-port"), "").ok();
    }

    private void link(Change change) {
        Link before = (Link) change.before();
        Link after = (Link) change.after();
        if (change.action() == Action.DELETE || change.action() == Action.REPLACE) {
            commands.output(List.of("ip", "link", "del", "dev", before.name()));
        }
        if (change.action() == Action.CREATE || change.action() == Action.REPLACE) {
            if (Link.WIREGUARD_GO.equals(after.kind())) {
                output(List.of("wireguard-go", after.name()), "", "wireguard-go " + after.name());
            } else {
                commands.output(List.of("ip", "link", "add", "dev", after.name(), "type", "wireguard"));
            }
            String key = FlannelFiles.under(root, WireguardKey.FILE);
            output(List.of("wg", "set", after.name(), "listen-port", String.valueOf(after.port()), "private-key", key),
                    "", "wg set " + after.name() + " listen-port " + after.port() + " private-key " + key);
        }
        if (change.action() == Action.UPDATE) {
            output(List.of("wg", "set", after.name(), "listen-port", String.valueOf(after.port())), "",
                    "wg set " + after.name() + " listen-port " + after.port());
        }
        if (after != null) {
            commands.output(List.of("ip", "link", "set", "dev", after.name(), "mtu", String.valueOf(after.mtu()),
                    "up"));
        }
    }

    /**
     * Peers in two steps per device: one {@code wg set} removes every peer that goes away or changes (by its old key),
     * one {@code wg addconf DEV /dev/stdin} adds every new or changed peer, pre-shared key included, from standard
     * input.
     */
    private void applyPeers(List<Change> run, List<Change> applied) {
        Map<String, List<Change>> byDevice = new LinkedHashMap<>();
        for (Change change : run) {
            WireguardPeer peer = (WireguardPeer) (change.after() != null ? change.after() : change.before());
            byDevice.computeIfAbsent(peer.dev(), d -> new ArrayList<>()).add(change);
        }
        byDevice.forEach((dev, changes) -> applyPeers(dev, changes, applied));
    }

    private void applyPeers(String dev, List<Change> run, List<Change> applied) {
        List<String> remove = new ArrayList<>();
        StringBuilder conf = new StringBuilder("[Interface]\n");
        List<Change> done = new ArrayList<>();
        for (Change change : run) {
            WireguardPeer before = (WireguardPeer) change.before();
            WireguardPeer after = (WireguardPeer) change.after();
            if (after != null && after.publicKey() == null) {
                continue; // known after this apply: the second round adds it
            }
            if (before != null && before.publicKey() != null) {
                remove.addAll(List.of("peer", before.publicKey(), "remove"));
            }
            if (after != null) {
                conf.append("[Peer]\nPublicKey = ").append(after.publicKey()).append('\n');
                if (after.psk()) {
                    conf.append("PresharedKey = ").append(psk.value()).append('\n');
                }
                conf.append("Endpoint = ").append(after.endpointText()).append('\n')
                        .append("AllowedIPs = ").append(after.allowedIps()).append('\n');
                if (after.keepalive() > 0) {
                    conf.append("PersistentKeepalive = ").append(after.keepalive()).append('\n');
                }
            }
            done.add(change);
        }
        if (!remove.isEmpty()) {
            List<String> argv = new ArrayList<>(List.of("wg", "set", dev));
            argv.addAll(remove);
            output(argv, "", String.join(" ", argv));
        }
        if (conf.indexOf("[Peer]") >= 0) {
            output(List.of("wg", "addconf", dev, "/dev/stdin"), conf.toString(), "wg addconf " + dev
                    + " (peers on standard input)");
        }
        applied.addAll(done);
    }

    /** Runs a wg or wireguard-go command with the host's own socket folder. */
    private Transport.Result run(List<String> argv, String stdin) {
        return commands.run(hosted(argv), stdin);
    }

    /**
     * As {@link #run}, failing on a non-zero exit with {@code shown} as the command: the command without the
     * mount set-up around it, and never with a key in it.
     */
    private String output(List<String> argv, String stdin, String shown) {
        Transport.Result result = run(argv, stdin);
        if (!result.ok()) {
            String message = result.stderr().strip();
            throw new CommandFailedException(shown, message.isEmpty() ? "exit status " + result.exit() : message);
        }
        return result.stdout();
    }

    private List<String> hosted(List<String> argv) {
        if (root == null || root.equals("/")) {
            return argv;
        }
        List<String> out = new ArrayList<>(List.of("unshare", "-m", "--propagation", "private", "sh", "-c",
                OWN_SOCKETS, "sh", FlannelFiles.under(root, "run/wireguard")));
        out.addAll(argv);
        return out;
    }
}
