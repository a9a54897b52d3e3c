package dev.ovnet.planner.config;

/** SSH settings: the file's {@code ssh:} defaults, or a host's merged view of them with its overrides. */
public record SshConfig(String user, int port, String identityFile, String knownHostsFile, boolean sudo) {

    public static final SshConfig DEFAULTS =
            new SshConfig("root", 22, "~/.ssh/id_ed25519", "~/.ssh/known_hosts", false);
}
