package dev.ovnet.providers.state;

import dev.ovnet.planner.config.StateConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * How to reach etcd: the endpoints (several for a cluster; the client fails over between them), the key prefix
 * (flannel's {@code --etcd-prefix}, default {@code /coreos.com/network}), TLS files (a CA to trust instead of the
 * system's trust store, and a client certificate and key for client-certificate auth), a user name with the name
 * of the environment variable that holds its password (never the password itself), and how long to wait for a
 * first answer.
 */
public record EtcdSettings(
        List<String> endpoints,
        String prefix,
        Path caFile,
        Path certFile,
        Path keyFile,
        String username,
        String passwordEnv,
        Duration connectTimeout) {

    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);
    public static final String DEFAULT_PREFIX = "/coreos.com/network";

    public EtcdSettings {
        endpoints = List.copyOf(endpoints);
        prefix = normalizePrefix(prefix);
    }

    /** The etcd settings of a state block; TLS file paths are relative to the YAML file's folder. */
    public static EtcdSettings of(StateConfig config, Path yamlFolder) {
        return new EtcdSettings(config.endpoints(), config.prefix(), resolve(yamlFolder, config.caFile()),
                resolve(yamlFolder, config.certFile()), resolve(yamlFolder, config.keyFile()), config.username(),
                config.passwordEnv(), DEFAULT_CONNECT_TIMEOUT);
    }

    /** Plain endpoints, no TLS, no auth: how tests and a local etcd are reached. */
    public static EtcdSettings plain(List<String> endpoints, String prefix) {
        return new EtcdSettings(endpoints, prefix, null, null, null, null, null, DEFAULT_CONNECT_TIMEOUT);
    }

    public EtcdSettings withConnectTimeout(Duration timeout) {
        return new EtcdSettings(endpoints, prefix, caFile, certFile, keyFile, username, passwordEnv, timeout);
    }

    /**
     * Whether the client speaks TLS: always for https:// endpoints (verified against the system's trust store
     * when no caFile is given), and whenever a TLS file is given, as flanneld does.
     */
    public boolean tls() {
        return tlsFiles() || endpoints.stream().anyMatch(e -> e.trim().startsWith("https://"));
    }

    /** Whether any of caFile, certFile or keyFile is given. */
    public boolean tlsFiles() {
        return caFile != null || certFile != null || keyFile != null;
    }

    /** For messages: {@code etcd http://10.0.0.1:2379,http://10.0.0.2:2379}. */
    public String describe() {
        return "etcd " + String.join(",", endpoints);
    }

    private static Path resolve(Path folder, String file) {
        if (file == null) {
            return null;
        }
        String expanded = file.startsWith("~/") ? System.getProperty("user.home") + file.substring(1) : file;
        return folder == null ? Path.of(expanded) : folder.resolve(expanded).normalize();
    }

    private static String normalizePrefix(String prefix) {
        String p = prefix == null || prefix.isBlank() ? DEFAULT_PREFIX : prefix.trim();
        if (!p.startsWith("/")) {
            p = "/" + p;
        }
        while (p.length() > 1 && p.endsWith("/")) {
            p = p.substring(0, p.length() - 1);
        }
        return p;
    }
}
