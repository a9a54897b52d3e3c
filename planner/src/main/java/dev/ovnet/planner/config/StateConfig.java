package dev.ovnet.planner.config;

import java.util.List;

/**
 * Where the state lives. For {@code local}, {@code path} is as written in the file (relative paths are resolved
 * against the YAML file's folder by the CLI). For {@code etcd}, endpoints, prefix and the optional TLS and auth
 * settings; a password is never written in the file, only the name of the environment variable holding it.
 */
public record StateConfig(
        String backend,
        String path,
        List<String> endpoints,
        String prefix,
        String caFile,
        String certFile,
        String keyFile,
        String username,
        String passwordEnv) {

    public StateConfig {
        endpoints = List.copyOf(endpoints);
    }

    public static final String LOCAL = "local";
    public static final String ETCD = "etcd";

    public static StateConfig defaults() {
        return new StateConfig(LOCAL, "ovnet.state.json", List.of("http://127.0.0.1:2379"), "/coreos.com/network",
                null, null, null, null, null);
    }

    public boolean isEtcd() {
        return ETCD.equals(backend);
    }
}
