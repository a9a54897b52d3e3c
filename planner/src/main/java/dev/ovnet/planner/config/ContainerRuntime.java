package dev.ovnet.planner.config;

/** Which container-runtime files apply writes ({@code network.runtime}). */
public enum ContainerRuntime {
    DOCKER("docker"),
    CNI("cni"),
    NONE("none");

    private final String word;

    ContainerRuntime(String word) {
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
