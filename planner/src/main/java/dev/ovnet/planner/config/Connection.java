package dev.ovnet.planner.config;

/** How ovnet reaches a host: over SSH, as this machine, or as a network namespace on it. */
public enum Connection {
    SSH("ssh"),
    LOCAL("local"),
    NETNS("netns");

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
