package dev.ovnet.providers.kernel;

import dev.ovnet.planner.config.Backend;
import dev.ovnet.planner.desired.FlannelFiles;
import dev.ovnet.planner.desired.WireguardFacts;
import dev.ovnet.planner.model.KernelObject;
import dev.ovnet.planner.model.Link;
import dev.ovnet.planner.model.WireguardKey;
import dev.ovnet.planner.model.WireguardPeer;
import dev.ovnet.planner.net.Cidr;
import dev.ovnet.planner.net.Ipv4;
import dev.ovnet.planner.plan.Action;
import dev.ovnet.planner.plan.Change;
import dev.ovnet.planner.spi.HostFailure;
import dev.ovnet.providers.transport.Transport;
import java.util.ArrayList;
import java.util.List;

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
     * What the host offers and holds; $1 the key file, $2 the device, standard input the pre-shared key wanted
     * (empty: none). Each peer's pre-shared key becomes none, set (the one wanted) or other, here on the host.
     */
    private static final String READ = """
            OVNET_PSK=$(cat); export OVNET_PSK
            has() { command -v "$1" >/dev/null 2>&1; }
            has wg && echo tools
            { [ -d /sys/module/wireguard ] || modinfo wireguard >/dev/null 2>&1; } && echo module
            has wireguard-go && echo userspace
            if [ -s "$1" ] && has wg; then echo "public $(wg pubkey < "$1" 2>/dev/null)"; fi
            if has wg && port=$(wg show "$2" listen-port 2>/dev/null); then
              echo "port $port"
              echo "device $(wg show "$2" public-key)"
              wg show "$2" dump | awk 'NR > 1 { print "peer", $1, ($2 == "(none)" ? "none" \\
                : $2 == ENVIRON["OVNET_PSK"] ? "set" : "other"), $3, $4, $8 }'
            fi
            """;

    /** Makes the key unless there is one ($1 the key file); never overwrites a key. */
    private static final String GENERATE = "umask 077 && mkdir -p \"$(dirname \"$1\")\" && { [ -s \"$1\" ] ||"
            + " wg genkey > \"$1\"; }";

    /** Replaces the key ($1) with a new one, atomically, and gives it to the device ($2) when there is one. */
    private static final String ROTATE = "umask 077 && mkdir -p \"$(dirname \"$1\")\" && wg genkey > \"$1.new\""
            + " && mv \"$1.new\" \"$1\" && if wg show \"$2\" listen-port >/dev/null 2>&1; then"
            + " wg set \"$2\" private-key \"$1\"; fi";

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
        String output = output(List.of("sh", "-c", READ, "sh", keyPath, deviceName),
                psk.configured() ? psk.value() : "", "wg show " + deviceName);
        boolean tools = false;
        boolean module = false;
        boolean userspace = false;
        String fileKey = null;
        String deviceKey = null;
        int port = 0;
        List<KernelObject> objects = new ArrayList<>();
        for (String line : output.split("\n")) {
            String[] f = line.strip().split("\\s+");
            switch (f[0]) {
                case "tools" -> tools = true;
                case "module" -> module = true;
                case "userspace" -> userspace = true;
                case "public" -> fileKey = f.length > 1 && validKey(f[1]) ? f[1] : null;
                case "device" -> deviceKey = f.length > 1 && validKey(f[1]) ? f[1] : null;
                case "port" -> port = f.length > 1 && f[1].matches("[0-9]{1,5}") ? Integer.parseInt(f[1]) : 0;
                case "peer" -> {
                    WireguardPeer peer = peer(deviceName, f, psk.configured());
                    if (peer != null) {
                        objects.add(peer);
                    }
                }
                default -> {
                }
            }
        }
        if (fileKey != null) {
            // the device's key when it runs with another one: the difference shows as a change to the key
            objects.add(new WireguardKey(keyPath, device != null && deviceKey != null ? deviceKey : fileKey, false));
        }
        if (device != null) {
            objects.add(Link.wireguard(deviceName, !Link.WIREGUARD.equals(device.kind()), port, device.mtu()));
        }
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
        Ipv4 endpoint = null;
        int port = 0;
        int colon = f[3].lastIndexOf(':');
        if (colon > 0 && f[3].substring(colon + 1).matches("[0-9]{1,5}")) {
            try {
                endpoint = Ipv4.parse(f[3].substring(0, colon));
                port = Integer.parseInt(f[3].substring(colon + 1));
            } catch (IllegalArgumentException e) {
                endpoint = null; // an IPv6 endpoint: not one ovnet sets on this device
            }
        }
        Cidr allowed = null;
        try {
            allowed = Cidr.parseLenient(f[4].split(",")[0]);
        } catch (IllegalArgumentException e) {
            allowed = null; // "(none)" or an IPv6 range: the peer is known by its key alone
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
        String device = Backend.WIREGUARD_DEVICE;
        switch (change.action()) {
            case CREATE -> output(List.of("sh", "-c", GENERATE, "sh", key.path()), "", "wg genkey > " + key.path());
            case REPLACE -> output(List.of("sh", "-c", ROTATE, "sh", key.path(), device), "",
                    "wg genkey > " + key.path());
            case UPDATE -> {
                // the device runs with another key than its file's: give it the file's
                if (deviceExists(device)) {
                    output(List.of("wg", "set", device, "private-key", key.path()), "",
                            "wg set " + device + " private-key " + key.path());
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
     * Peers in two steps: one {@code wg set} removes every peer that goes away or changes (by its old key), one
     * {@code wg addconf DEV /dev/stdin} adds every new or changed peer, pre-shared key included, from standard input.
     */
    private void applyPeers(List<Change> run, List<Change> applied) {
        String dev = null;
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
                dev = before.dev();
                remove.addAll(List.of("peer", before.publicKey(), "remove"));
            }
            if (after != null) {
                dev = after.dev();
                conf.append("[Peer]\nPublicKey = ").append(after.publicKey()).append('\n');
                if (after.psk()) {
                    conf.append("PresharedKey = ").append(psk.value()).append('\n');
                }
                conf.append("Endpoint = ").append(after.endpoint()).append(':').append(after.port()).append('\n')
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
