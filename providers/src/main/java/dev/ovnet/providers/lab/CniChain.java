package dev.ovnet.providers.lab;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * What a CNI runtime hands each plugin of a network configuration list (the CNI specification's rules for a list): the
 * plugin's own object plus the list's {@code name} and {@code cniVersion}, {@code runtimeConfig} for the capabilities
 * the lab serves (portMappings, always empty), {@code prevResult} from the previous step, and host-local's
 * {@code dataDir} pointed into the host's root so no lease lands in /var/lib/cni. Pure: no process is started.
 */
final class CniChain {

    static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern PLUGIN_TYPE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]*");

    private final String source;
    private final ObjectNode list;

    private CniChain(String source, ObjectNode list) {
        this.source = source;
        this.list = list;
    }

    /** Reads and checks a conflist; {@code source} names it in messages. */
    static CniChain parse(String source, String text) {
        JsonNode tree;
        try {
            tree = JSON.readTree(text);
        } catch (IOException e) {
            throw new LabException(source + " is not valid JSON: " + e.getMessage(),
                    "run `ovnet apply -f FILE` again: it rewrites the file");
        }
        if (!(tree instanceof ObjectNode object) || !tree.path("name").isTextual()
                || !tree.path("cniVersion").isTextual() || !tree.path("plugins").isArray()
                || tree.path("plugins").isEmpty()) {
            throw new LabException(source + " is not a CNI network configuration list (name, cniVersion, plugins)",
                    "run `ovnet apply -f FILE` again: it rewrites the file");
        }
        for (JsonNode plugin : tree.path("plugins")) {
            if (!PLUGIN_TYPE.matcher(plugin.path("type").asText()).matches() || plugin.path("type").asText()
                    .contains("..")) {
                throw new LabException(source + ": plugin type '" + plugin.path("type").asText()
                        + "' is not a plugin name", "each plugin needs a `type` naming a binary in the CNI path");
            }
        }
        return new CniChain(source, object);
    }

    String source() {
        return source;
    }

    String name() {
        return list.path("name").asText();
    }

    ObjectNode list() {
        return list.deepCopy();
    }

    int size() {
        return list.path("plugins").size();
    }

    String type(int index) {
        return list.path("plugins").get(index).path("type").asText();
    }

    /** The bridge the chain's bridge plugin puts containers on (its {@code bridge}, default cni0). */
    String bridgeName() {
        int bridge = indexOf("bridge");
        return bridge < 0 ? "cni0" : list.path("plugins").get(bridge).path("bridge").asText("cni0");
    }

    /** Index of the first plugin of this type, or -1. */
    int indexOf(String type) {
        for (int i = 0; i < size(); i++) {
            if (type(i).equals(type)) {
                return i;
            }
        }
        return -1;
    }

    /** The stdin of plugin {@code index}; {@code prevResult} null for the first ADD. */
    String stdin(int index, JsonNode prevResult, String dataDir) {
        ObjectNode conf = ((ObjectNode) list.path("plugins").get(index)).deepCopy();
        conf.put("name", name());
        conf.put("cniVersion", list.path("cniVersion").asText());
        if (conf.path("capabilities").path("portMappings").asBoolean(false)) {
            ObjectNode runtime = conf.putObject("runtimeConfig");
            runtime.putArray("portMappings");
        }
        if (conf.path("ipam") instanceof ObjectNode ipam && "host-local".equals(ipam.path("type").asText())) {
            ipam.put("dataDir", dataDir);
        }
        if (prevResult != null) {
            conf.set("prevResult", prevResult);
        }
        try {
            return JSON.writeValueAsString(conf);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Plugin indexes in DEL order: the reverse of ADD. */
    List<Integer> deleteOrder() {
        List<Integer> order = new ArrayList<>();
        for (int i = size() - 1; i >= 0; i--) {
            order.add(i);
        }
        return order;
    }
}
