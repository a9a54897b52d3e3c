package dev.ovnet.planner.config;

import java.util.Locale;
import java.util.Optional;

/** The overlay backends ovnet builds (docs/backends.md). */
public enum BackendType {
    VXLAN("vxlan", 8472),
    HOST_GW("host-gw", 0),
    UDP("udp", 8285),
    WIREGUARD("wireguard", 51820);

    private final String word;
    private final int defaultPort;

    BackendType(String word, int defaultPort) {
        this.word = word;
        this.defaultPort = defaultPort;
    }

    /** The word used in ovnet.yaml, plans and flannel's JSON. */
    public String word() {
        return word;
    }

    public int defaultPort() {
        return defaultPort;
    }

    /** Case-insensitive, as flannel's backend lookup is. */
    public static Optional<BackendType> fromWord(String text) {
        for (BackendType type : values()) {
            if (type.word.equals(text.toLowerCase(Locale.ROOT))) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }

    @Override
    public String toString() {
        return word;
    }
}
