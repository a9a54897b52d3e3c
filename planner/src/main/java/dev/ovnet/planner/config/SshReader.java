package dev.ovnet.planner.config;

/**
 * An {@code ssh:} block: the file's defaults for every ssh host, or one host's overrides of them. Each key
 * given replaces the one it overrides; the others are kept.
 */
final class SshReader {

    private SshReader() {
    }

    static SshConfig read(YamlMapping ssh, SshConfig base) {
        Problems problems = ssh.values().problems();
        String user = base.user();
        Located<String> userText = ssh.text("user", "root");
        if (userText != null) {
            if (Names.USER.matcher(userText.value()).matches()) {
                user = userText.value();
            } else {
                problems.at(userText.node(), ssh.child("user") + " " + Names.show(userText.value())
                        + " is not a valid user name", "use up to 32 letters, digits, '_', '.' or '-', not starting"
                        + " with '-' or '.', e.g. root");
            }
        }
        Located<Integer> port = ssh.integer("port", 1, 65_535, "22");
        Located<String> identity = ssh.text("identityFile", "~/.ssh/id_ed25519");
        Located<String> knownHosts = ssh.text("knownHostsFile", "~/.ssh/known_hosts");
        Located<Boolean> sudo = ssh.bool("sudo", "false");
        return new SshConfig(user, port == null ? base.port() : port.value(),
                identity == null ? base.identityFile() : identity.value(),
                knownHosts == null ? base.knownHostsFile() : knownHosts.value(),
                sudo == null ? base.sudo() : sudo.value());
    }
}
