package dev.ovnet.planner.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.nodes.Node;

/**
 * The {@code state:} block. The keys of both backends may stand side by side, as in the full example of
 * docs/configuration.md ({@code path} and {@code endpoints} together): each is checked, and the backend not chosen
 * ignores its keys. A password is never accepted in the file: {@code passwordEnv} names the environment variable that
 * holds it, so the file can be committed.
 */
final class StateReader {

    private static final List<String> BACKENDS = List.of(StateConfig.LOCAL, StateConfig.ETCD);
    private static final Pattern PREFIX = Pattern.compile("(/[A-Za-z0-9_.:@+=-]+)+");
    private static final String ENDPOINT_EXAMPLE = "http://127.0.0.1:2379";

    private StateReader() {
    }

    static StateConfig read(YamlMapping state, boolean stateAnywhere) {
        Problems problems = state.values().problems();
        StateConfig defaults = StateConfig.defaults();
        Located<String> backend = state.word("backend", BACKENDS);
        String kind = backend != null ? backend.value() : state.given("backend") ? null : StateConfig.LOCAL;
        if (state.key("password") != null) {
            problems.at(state.key("password"), state.child("password") + " is not allowed: ovnet.yaml never holds a"
                    + " password", "write passwordEnv: ETCD_PASSWORD and put the password in that environment"
                    + " variable");
        }
        Located<String> pathText = state.text("path", "ovnet.state.json");
        String path = pathText == null ? defaults.path() : pathText.value();
        if (pathText != null && !stateAnywhere && !insideFolder(path)) {
            problems.at(pathText.node(), state.child("path") + " " + Names.show(path) + " is outside the folder of"
                    + " this file", "write a path relative to this file's folder without '..' above it, e.g."
                    + " ovnet.state.json; to keep the state elsewhere on purpose, run ovnet with "
                    + ConfigParser.STATE_ANYWHERE_OPTION);
        }
        List<Located<EtcdEndpoint>> endpoints = endpoints(state);
        boolean mixed = mixedSchemes(problems, endpoints);
        String prefix = defaults.prefix();
        Located<String> prefixText = state.text("prefix", defaults.prefix());
        if (prefixText != null) {
            prefix = prefixText.value();
            if (!PREFIX.matcher(prefix).matches()) {
                problems.at(prefixText.node(), state.child("prefix") + " " + Names.show(prefix)
                        + " is not a valid etcd prefix", "write a key path that starts with / and does not end with"
                        + " /, e.g. /coreos.com/network");
            }
        }
        String caFile = text(state, "caFile", "/etc/etcd/ca.crt", null);
        String certFile = text(state, "certFile", "/etc/etcd/client.crt", null);
        String keyFile = text(state, "keyFile", "/etc/etcd/client.key", null);
        together(state, "certFile", "keyFile", "/etc/etcd/client.key");
        together(state, "keyFile", "certFile", "/etc/etcd/client.crt");
        String username = text(state, "username", "ovnet", null);
        Located<String> env = state.text("passwordEnv", "ETCD_PASSWORD");
        if (env != null && !Names.ENV_VAR.matcher(env.value()).matches()) {
            problems.at(env.node(), state.child("passwordEnv") + " " + Names.show(env.value())
                    + " is not an environment variable name", "write the variable's name (letters, digits and '_',"
                    + " not starting with a digit), e.g. ETCD_PASSWORD");
        }
        if (state.key("password") == null) {
            together(state, "username", "passwordEnv", "ETCD_PASSWORD");
        }
        together(state, "passwordEnv", "username", "ovnet");
        if (username != null && env != null && !mixed) {
            clearPassword(problems, endpoints, username, caFile != null || certFile != null || keyFile != null);
        }
        return new StateConfig(kind == null ? StateConfig.LOCAL : kind, path, endpoints == null
                ? defaults.endpoints() : endpoints.stream().map(e -> e.value().text()).toList(), prefix, caFile,
                certFile, keyFile, username, env == null ? null : env.value());
    }

    /**
     * Whether a state path stays in the YAML file's folder, judged on the text alone: relative, not {@code ~/},
     * and no {@code ..} that climbs above where it started. A file from a pull request then cannot make ovnet
     * read, lock or overwrite a file elsewhere.
     */
    static boolean insideFolder(String path) {
        if (path.startsWith("/") || path.startsWith("~")) {
            return false;
        }
        int depth = 0;
        for (String segment : path.split("/")) {
            if (segment.equals("..")) {
                depth--;
                if (depth < 0) {
                    return false;
                }
            } else if (!segment.isEmpty() && !segment.equals(".")) {
                depth++;
            }
        }
        return true;
    }

    private static String text(YamlMapping state, String key, String example, String otherwise) {
        Located<String> text = state.text(key, example);
        return text == null ? otherwise : text.value();
    }

    /** A key that makes sense only with another one (a client certificate needs its key). */
    private static void together(YamlMapping state, String key, String needed, String example) {
        if (state.given(key) && state.key(needed) == null) {
            state.values().problems().at(state.key(key), state.child(key) + " needs " + state.child(needed),
                    "add " + needed + ": " + example);
        }
    }

    /**
     * The endpoints as written, or null when the key is missing or empty (the default is used then) or an entry
     * is wrong (reported; the checks across entries then wait until every entry reads).
     */
    private static List<Located<EtcdEndpoint>> endpoints(YamlMapping state) {
        List<Node> items = state.list("endpoints", "[" + ENDPOINT_EXAMPLE + "]");
        if (items == null) {
            return null;
        }
        Problems problems = state.values().problems();
        if (items.isEmpty()) {
            problems.at(state.value("endpoints"), state.child("endpoints") + " is empty",
                    "list at least one, e.g. endpoints: [" + ENDPOINT_EXAMPLE + "]");
            return null;
        }
        List<Located<EtcdEndpoint>> endpoints = new ArrayList<>();
        boolean wrong = false;
        for (int i = 0; i < items.size(); i++) {
            String path = state.child("endpoints") + "[" + i + "]";
            Located<String> text = state.values().text(items.get(i), path, ENDPOINT_EXAMPLE);
            if (text == null) {
                wrong = true;
                continue;
            }
            Optional<EtcdEndpoint> endpoint = EtcdEndpoint.parse(text.value());
            if (endpoint.isEmpty()) {
                problems.at(text.node(), path + " " + Names.show(text.value()) + " is not an etcd endpoint",
                        "write http://host:port or https://host:port, e.g. " + ENDPOINT_EXAMPLE);
                wrong = true;
                continue;
            }
            endpoints.add(new Located<>(endpoint.get(), text.node()));
        }
        return wrong ? null : endpoints;
    }

    /**
     * http:// and https:// in one list, which the client cannot honour (it speaks TLS to all or to none); reported,
     * and true then. Its hint (https:// for all) also answers a password over http, which is not reported again.
     */
    private static boolean mixedSchemes(Problems problems, List<Located<EtcdEndpoint>> endpoints) {
        if (endpoints == null) {
            return false;
        }
        List<EtcdEndpoint> values = endpoints.stream().map(Located::value).toList();
        int at = EtcdEndpoint.mixedSchemeAt(values);
        if (at >= 0) {
            problems.at(endpoints.get(at).node(), EtcdEndpoint.mixedSchemeMessage(values, at),
                    EtcdEndpoint.mixedSchemeHint());
        }
        return at >= 0;
    }

    /** A password over plain http:// to another machine: anyone on the way reads it. Loopback is fine. */
    private static void clearPassword(Problems problems, List<Located<EtcdEndpoint>> endpoints, String username,
            boolean tlsFiles) {
        if (endpoints == null) {
            return;
        }
        int at = EtcdEndpoint.clearPasswordAt(endpoints.stream().map(Located::value).toList(), tlsFiles);
        if (at >= 0) {
            EtcdEndpoint endpoint = endpoints.get(at).value();
            problems.at(endpoints.get(at).node(), endpoint.clearPasswordMessage(at, username),
                    endpoint.clearPasswordHint());
        }
    }
}
