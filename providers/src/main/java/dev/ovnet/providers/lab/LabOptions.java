package dev.ovnet.providers.lab;

/**
 * Knobs of the lab that are not in ovnet.yaml. {@code switchNamespace} null means the default
 * {@code ovnet-lab-<network name>} (tests pass their own so parallel runs never collide); {@code cniPath} is where
 * the real CNI plugins live; {@code parallelism} bounds the pings run at once.
 */
public record LabOptions(String switchNamespace, String cniPath, int parallelism) {

    public static final String DEFAULT_CNI_PATH = "/usr/lib/cni";

    public LabOptions {
        if (parallelism < 1) {
            throw new IllegalArgumentException("parallelism must be at least 1: " + parallelism);
        }
    }

    public static LabOptions defaults() {
        return new LabOptions(null, DEFAULT_CNI_PATH, 16);
    }

    public LabOptions withSwitchNamespace(String name) {
        return new LabOptions(name, cniPath, parallelism);
    }

    public LabOptions withCniPath(String path) {
        return new LabOptions(switchNamespace, path, parallelism);
    }

    public LabOptions withParallelism(int n) {
        return new LabOptions(switchNamespace, cniPath, n);
    }
}
