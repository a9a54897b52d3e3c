package dev.ovnet.planner.config;

/**
 * How ovnet reaches a host: over SSH, as this machine, or as a network namespace on it; or not at all: an
 * {@code agent} host runs its own {@code ovnet agent}, which reads the network from etcd and reports back there.
 */
public enum Connection {
    SSH("ssh"),
    LOCAL("local"),
    NETNS("netns"),
    AGENT("agent");

    private final String word;

    Connection(String word) {
        this.word = word;
    }

    public String word() {
        return word;
    }

    @Override
    public String toString() {
        return word;
    }
}
