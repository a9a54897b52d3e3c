package dev.ovnet.providers.lab;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ovnet.planner.desired.FlannelFiles;
import dev.ovnet.planner.net.Ipv4;
import dev.ovnet.planner.net.Ipv6;
import dev.ovnet.providers.transport.LocalTransport;
import dev.ovnet.providers.transport.Transport;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * A tiny CNI runtime: it runs the real plugins on the conflist ovnet wrote ({@code <root>/etc/cni/net.d/
 * 10-ovnet.conflist}) inside the host's namespace, so cni0, its iptables rules and ip_forward land there. Like
 * libcni it caches each container's final result (and the list it came from) for CHECK and DEL; the cache and
 * host-local's leases live under the host's root, in the lab's own folder.
 */
final class CniContainers implements Containers {

    private static final Duration PLUGIN_TIMEOUT = Duration.ofSeconds(60);
    private static final String IFNAME = "eth0";

    private final Namespaces ns;
    private final LabListener listener;
    private final String cniPath;

    CniContainers(Namespaces ns, LabListener listener, String cniPath) {
        this.ns = ns;
        this.listener = listener;
        this.cniPath = cniPath;
    }

    @Override
    public List<LabContainer> ensure(LabHost host, List<String> problems) {
        CniChain chain = readConflist(host);
        List<LabContainer> made = new ArrayList<>();
        for (int n = 1; n <= host.containers(); n++) {
            String container = host.containerNetns(n);
            ObjectNode cached = readCache(host, container);
            JsonNode result;
            CniChain used;
            if (cached != null && ns.exists(container) && cached.path("list").equals(chain.list())) {
                used = chain;
                result = cached.path("result");
            } else {
                if (cached != null) {
                    delete(host, container, cached);
                }
                ns.delete(container, listener);
                ns.add(container);
                ns.ipMust(container, "link", "set", "lo", "up");
                result = add(host, container, chain);
                writeCache(host, container, chain, result);
                used = chain;
            }
            int bridge = used.indexOf("bridge");
            if (bridge >= 0) {
                Transport.Result check = invoke(host, container, "CHECK", used, bridge, result);
                if (!check.ok()) {
                    problems.add(host.containerLabel(n) + ": CNI CHECK of the bridge step failed: " + error(check));
                }
            }
            Ipv4 address = addressOf(result, host, container);
            Ipv6 address6 = address6Of(result);
            if (address6 != null) {
                // the container's address and the bridge's gateway address both go through DAD first
                ns.awaitSettled6(container, "eth0");
                ns.awaitSettled6(host.netns(), used.bridgeName());
            }
            made.add(new LabContainer(host.name(), host.containerLabel(n), container, address, address6));
        }
        return made;
    }

    private JsonNode add(LabHost host, String container, CniChain chain) {
        JsonNode prev = null;
        for (int i = 0; i < chain.size(); i++) {
            Transport.Result out = invoke(host, container, "ADD", chain, i, prev);
            if (!out.ok()) {
                for (int j = i - 1; j >= 0; j--) {
                    invoke(host, container, "DEL", chain, j, prev);
                }
                ns.delete(container, listener);
                throw new LabException("host " + host.name() + ": CNI ADD of " + chain.type(i) + " for container "
                        + container + " failed: " + error(out),
                        "check " + chain.source() + "; the plugin ran as " + cniPath + "/" + chain.type(i)
                                + " inside namespace " + host.netns());
            }
            prev = readJson(out.stdout(), chain.type(i) + " output");
        }
        listener.step("created container " + container + " " + prev.path("ips").path(0).path("address").asText("")
                + " through CNI ("
                + chain.name() + ") on " + host.netns());
        return prev;
    }

    /** DEL of the whole chain, last plugin first; true when every plugin said yes. */
    private boolean delete(LabHost host, String container, ObjectNode cached) {
        CniChain chain = CniChain.parse(container + " cache", cached.path("list").toString());
        boolean clean = true;
        for (int i : chain.deleteOrder()) {
            Transport.Result out = invoke(host, container, "DEL", chain, i, cached.path("result"));
            if (!out.ok()) {
                clean = false;
                listener.warning("host " + host.name() + ": CNI DEL of " + chain.type(i) + " for " + container
                        + " failed: " + error(out));
            }
        }
        return clean;
    }

    @Override
    public void release(LabHost host) {
        Path dir = Path.of(host.labDir(), "cni");
        if (!Files.isDirectory(dir)) {
            return;
        }
        boolean hostUp = ns.madeByLab(host.netns());
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
                String container = file.getFileName().toString().replaceFirst("\\.json$", "");
                ObjectNode cached = readCache(host, container);
                if (cached != null && hostUp && ns.madeByLab(container) && delete(host, container, cached)) {
                    listener.step("released container " + container + " through CNI DEL");
                }
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            listener.warning("cannot read " + dir + ": " + e.getMessage());
        }
    }

    private Transport.Result invoke(LabHost host, String container, String command, CniChain chain, int index,
            JsonNode prevResult) {
        String binary = cniPath + "/" + chain.type(index);
        if (!Files.isExecutable(Path.of(binary))) {
            throw new LabException("CNI plugin " + chain.type(index) + " not found: " + binary,
                    "install the CNI plugins (Debian: apt-get install containernetworking-plugins)");
        }
        List<String> argv = new ArrayList<>(List.of("env", "CNI_COMMAND=" + command, "CNI_CONTAINERID=" + container));
        if (!"DEL".equals(command) || ns.exists(container)) {
            argv.add("CNI_NETNS=/run/netns/" + container);
        }
        argv.addAll(List.of("CNI_IFNAME=" + IFNAME, "CNI_PATH=" + cniPath, binary));
        String stdin = chain.stdin(index, prevResult, dataDir(host));
        return ns.exec(host.netns(), argv, stdin, PLUGIN_TIMEOUT);
    }

    private static String dataDir(LabHost host) {
        return host.labDir() + "/host-local";
    }

    static CniChain readConflist(LabHost host) {
        String path = FlannelFiles.under(host.root(), FlannelFiles.CNI_CONFLIST);
        try {
            return CniChain.parse(path, Files.readString(Path.of(path), StandardCharsets.UTF_8));
        } catch (NoSuchFileException e) {
            throw new LabException("host " + host.name() + " has no CNI configuration yet: " + path
                    + " does not exist", "containers take their addresses from the lease: run `ovnet apply -f FILE` "
                    + "first (with runtime: cni)");
        } catch (IOException e) {
            throw new LabException("cannot read " + path + ": " + e.getMessage(), null);
        }
    }

    /** The IPv6 address the CNI result gives the container (a dual-stack conflist's second range), or null. */
    private static Ipv6 address6Of(JsonNode result) {
        for (JsonNode ip : result.path("ips")) {
            String address = ip.path("address").asText("");
            if (address.contains(":") && address.contains("/")) {
                return Ipv6.parse(address.substring(0, address.indexOf('/')));
            }
        }
        return null;
    }

    /** The result's IPv4 address; null when it holds only an IPv6 one (an IPv6-only network). */
    private static Ipv4 addressOf(JsonNode result, LabHost host, String container) {
        String address = result.path("ips").path(0).path("address").asText("");
        for (JsonNode ip : result.path("ips")) {
            String text = ip.path("address").asText("");
            if (text.contains("/") && !text.contains(":")) {
                return Ipv4.parse(text.substring(0, text.indexOf('/')));
            }
        }
        if (!address.contains("/")) {
            throw new LabException("host " + host.name() + ": the CNI result for " + container
                    + " holds no IP address: " + result, "the conflist's ipam section must hand out an address");
        }
        return null;
    }

    private ObjectNode readCache(LabHost host, String container) {
        Path file = Path.of(host.labDir(), "cni", container + ".json");
        if (!Files.exists(file)) {
            return null;
        }
        try {
            return readJson(Files.readString(file, StandardCharsets.UTF_8), file.toString());
        } catch (IOException | LabException e) {
            listener.warning("ignoring unreadable CNI cache " + file + ": " + e.getMessage());
            return null;
        }
    }

    private static void writeCache(LabHost host, String container, CniChain chain, JsonNode result) {
        ObjectNode cache = CniChain.JSON.createObjectNode();
        cache.put("kind", "ovnet-lab-cni-cache");
        cache.put("hostNetns", host.netns());
        cache.put("containerId", container);
        cache.set("list", chain.list());
        cache.set("result", result);
        Path file = Path.of(host.labDir(), "cni", container + ".json");
        LocalTransport.writeAtomically(file, cache.toString().getBytes(StandardCharsets.UTF_8), 0600);
    }

    private static ObjectNode readJson(String text, String what) {
        try {
            JsonNode node = CniChain.JSON.readTree(text);
            if (node instanceof ObjectNode object) {
                return object;
            }
        } catch (IOException e) {
            // reported below
        }
        throw new LabException("cannot read " + what + " as a JSON object: " + text.strip(), null);
    }

    /** The plugin's error object ({@code {"code":..,"msg":..}}) as one line, or its stderr. */
    private static String error(Transport.Result result) {
        try {
            JsonNode node = CniChain.JSON.readTree(result.stdout());
            if (node != null && node.has("msg")) {
                String details = node.path("details").asText("");
                return "code " + node.path("code").asInt() + ": " + node.path("msg").asText()
                        + (details.isEmpty() ? "" : " (" + details + ")");
            }
        } catch (IOException e) {
            // not JSON: fall through
        }
        String text = (result.stdout() + " " + result.stderr()).strip();
        return "exit " + result.exit() + (text.isEmpty() ? "" : ": " + text);
    }
}
