package dev.ovnet.planner.config;

import java.util.List;
import java.util.Locale;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;

/**
 * The {@code network:} block. Without a {@code backend:} block the backend is vxlan with VNI 1 and port 8472:
 * flannel's code would pick udp (docs/flannel-compatibility.md), and ovnet deliberately does not, because udp is the
 * slow fallback and vxlan is what flannel's documentation promises. A backend block must name its type.
 */
final class NetworkReader {

    static final int MTU_MIN = 576;
    static final int MTU_MAX = 9000;
    private static final List<String> BACKENDS = List.of("vxlan", "host-gw", "udp", "wireguard");
    private static final List<String> WIREGUARD_ONLY = List.of("port6", "persistentKeepalive", "pskFile");
    private static final List<String> RUNTIMES = List.of("docker", "cni", "none");

    private NetworkReader() {
    }

    static void read(YamlMapping network, PartialConfig draft) {
        Problems problems = network.values().problems();
        Located<String> name = network.text("name", "demo");
        if (name != null) {
            if (Names.NETWORK.matcher(name.value()).matches()) {
                draft.name = name.value();
            } else {
                problems.at(name.node(), network.child("name") + " " + Names.show(name.value())
                        + " is not a valid network name", "use 1 to 63 lower-case letters, digits, '_', '.' or '-',"
                        + " starting with a letter or digit, e.g. demo");
            }
        }
        SubnetRules.read(network, draft);
        Subnet6Rules.read(network, draft);
        YamlMapping backend = backendWord(network) ? null : network.block("backend", Keys.BACKEND, "{type: vxlan}");
        if (backend != null) {
            draft.backend = backend(backend);
        } else if (network.given("backend")) {
            draft.backend = null;
        }
        if (network.given("mtu")) {
            draft.mtu = mtu(network.value("mtu"), network.child("mtu"), network.values());
        }
        Located<Boolean> masq = network.bool("ipMasq", "true");
        if (masq != null) {
            draft.ipMasq = masq.value();
        }
        Located<String> runtime = network.word("runtime", RUNTIMES);
        if (runtime != null) {
            draft.runtime = ContainerRuntime.valueOf(runtime.value().toUpperCase(Locale.ROOT));
        }
    }

    /**
     * True (and reported) when the backend is written as a bare word, {@code backend: host-gw}: the hint keeps
     * the word the user wrote, as the type in a mapping.
     */
    private static boolean backendWord(YamlMapping network) {
        if (!(network.value("backend") instanceof ScalarNode word)) {
            return false;
        }
        String type = BACKENDS.contains(word.getValue()) ? word.getValue() : Keys.closest(word.getValue(), BACKENDS);
        network.values().problems().at(word, network.child("backend") + " must be a mapping that names the type,"
                + " not the text " + Names.show(word.getValue()), "write backend: {type: "
                + (type == null ? "vxlan" : type) + "}" + (type == null ? " (the types are "
                + String.join(", ", BACKENDS) + ")" : ""));
        return true;
    }

    /** The backend, or null when its type is missing or wrong (the other keys are still checked). */
    private static Backend backend(YamlMapping block) {
        Problems problems = block.values().problems();
        BackendType type = null;
        if (block.require("type", "vxlan")) {
            Located<String> word = block.word("type", BACKENDS);
            type = word == null ? null : BackendType.fromWord(word.value()).orElseThrow();
        }
        Located<Integer> vni = block.integer("vni", 1, 16_777_215, "1");
        Located<Integer> port = block.integer("port", 1, 65_535,
                String.valueOf(type == null || type == BackendType.HOST_GW ? 8472 : type.defaultPort()));
        Located<Boolean> direct = block.bool("directRouting", "false");
        Located<Integer> port6 = block.integer("port6", 1, 65_535, String.valueOf(WireguardSettings.DEFAULT_PORT6));
        Located<Integer> keepalive = block.integer("persistentKeepalive", 0, 65_535, "25");
        Located<String> psk = block.text("pskFile", "/etc/ovnet/wireguard.psk");
        if (psk != null && psk.value().isBlank()) {
            problems.at(psk.node(), block.child("pskFile") + " is empty", "write the path of a file holding a key"
                    + " from 'wg genpsk', or remove pskFile:");
            psk = null;
        }
        if (type != null && type != BackendType.WIREGUARD) {
            for (String key : WIREGUARD_ONLY) {
                onlyFor(block, key, "wireguard", type, "remove " + key + ":, or use type: wireguard");
            }
        }
        if (type != null && type != BackendType.VXLAN) {
            onlyFor(block, "vni", "vxlan", type, "remove vni: only vxlan has a VNI");
            onlyFor(block, "directRouting", "vxlan", type, "remove directRouting:, or use type: vxlan");
        }
        if (type == BackendType.HOST_GW) {
            onlyFor(block, "port", "vxlan, udp and wireguard", type, "remove port: host-gw sends packets as they are,"
                    + " with no tunnel port");
        }
        boolean bad = block.given("vni") && vni == null || block.given("port") && port == null
                || block.given("directRouting") && direct == null || block.given("port6") && port6 == null
                || block.given("persistentKeepalive") && keepalive == null || block.given("pskFile") && psk == null;
        if (type == BackendType.WIREGUARD && !bad && clash(port, port6)) {
            Located<Integer> at = port6 != null ? port6 : port;
            problems.at(at.node(), block.child(port6 != null ? "port6" : "port") + " " + at.value() + " is the"
                    + " listen port of both wireguard devices (IPv4 and IPv6)", "give port6 a port of its own, e.g. "
                    + (at.value() == WireguardSettings.DEFAULT_PORT6 ? 51822 : WireguardSettings.DEFAULT_PORT6));
            bad = true;
        }
        if (type == null || bad || !problemsFreeFor(block, type)) {
            return null;
        }
        return switch (type) {
            case VXLAN -> new Backend(type, vni == null ? 1 : vni.value(),
                    port == null ? type.defaultPort() : port.value(), direct != null && direct.value());
            case UDP -> new Backend(type, 0, port == null ? type.defaultPort() : port.value(), false);
            case HOST_GW -> new Backend(type, 0, 0, false);
            case WIREGUARD -> new Backend(type, 0, port == null ? type.defaultPort() : port.value(), false,
                    new WireguardSettings(port6 == null ? WireguardSettings.DEFAULT_PORT6 : port6.value(),
                            keepalive == null ? 0 : keepalive.value(), psk == null ? null : psk.value()));
        };
    }

    /** Whether the IPv4 and IPv6 listen ports, as given or by default, are one port. */
    private static boolean clash(Located<Integer> port, Located<Integer> port6) {
        int v4 = port == null ? BackendType.WIREGUARD.defaultPort() : port.value();
        int v6 = port6 == null ? WireguardSettings.DEFAULT_PORT6 : port6.value();
        return v4 == v6;
    }

    private static boolean problemsFreeFor(YamlMapping block, BackendType type) {
        boolean foreign = type != BackendType.WIREGUARD && WIREGUARD_ONLY.stream().anyMatch(block::given);
        return !foreign && (type == BackendType.VXLAN || !block.given("vni") && !block.given("directRouting")
                && (type != BackendType.HOST_GW || !block.given("port")));
    }

    private static void onlyFor(YamlMapping block, String key, String types, BackendType type, String hint) {
        if (block.key(key) != null) {
            block.values().problems().at(block.key(key), block.child(key) + " applies only to type " + types
                    + ", not " + type.word(), hint);
        }
    }

    /** null for auto (and after a problem, which the caller cannot tell apart: the config is not built then). */
    private static Integer mtu(Node node, String path, Values values) {
        if (node instanceof ScalarNode scalar && scalar.getValue().equalsIgnoreCase("auto")) {
            return null;
        }
        boolean number = node instanceof ScalarNode scalar && scalar.getScalarStyle() == DumperOptions.ScalarStyle.PLAIN
                && scalar.getValue().matches("[-+]?[0-9]+");
        if (!number) {
            values.problems().at(node, path + " must be auto or a whole number, e.g. 1450",
                    Values.found(node, path, "auto"));
            return null;
        }
        Located<Integer> mtu = values.integer(node, path, MTU_MIN, MTU_MAX, "1450");
        return mtu == null ? null : mtu.value();
    }
}
