package dev.ovnet.planner.config;

import java.util.Objects;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Reads ovnet.yaml (docs/configuration.md, including the optional {@code lab:} block and etcd's TLS and auth keys) into
 * a {@link NetworkConfig} with every default applied, so nothing downstream guesses.
 *
 * <p>Pure: it takes the text, never a file. Everything wrong is collected in one pass and thrown as one
 * {@link ConfigException}, in file order, each {@link Problem} with its 1-based line and column and a hint that
 * says what to write instead; a value that is wrong does not produce further problems in the checks that depend
 * on it. YAML is composed into nodes (never constructed into Java objects), anchors, aliases and tags are refused,
 * and the input is capped at 2^20 characters and 16 levels of nesting: hostile input ends in a
 * ConfigException, not a hang or another exception.
 *
 * <p>Choices where flannel differs, deliberately: keys are case-sensitive and unknown keys are errors (flannel's
 * JSON decoding ignores case and unknown keys); a pool with host bits set is an error (flannel masks them);
 * without a {@code backend:} block the backend is vxlan (flannel's code would default to udp).
 *
 * <p>Conventions of the messages and the format: hosts are counted from 0 ({@code hosts[1] (node-2)} is the second
 * entry); an empty value ({@code key:} or {@code ~}) means the default; numbers and booleans are written plainly
 * ({@code 8472}, {@code true}), so YAML 1.1's {@code 0x}, octal and {@code yes}/{@code on} forms are refused rather
 * than reinterpreted. Whether host-gw peers share an L2 segment can only be checked here against the lab's
 * segments; for real hosts that is a fact of their interfaces.
 */
public final class ConfigParser {

    /** The command-line option that lets {@code state.path} leave the YAML file's folder. */
    public static final String STATE_ANYWHERE_OPTION = "--allow-state-outside-config-dir";

    private static final String TOP_EXAMPLE = "network: {pool: 10.100.0.0/16}";

    private ConfigParser() {
    }

    /**
     * @param fileName the name problems are reported under, e.g. {@code ovnet.yaml}
     * @param text     the whole file
     * @throws ConfigException carrying every problem found
     */
    public static NetworkConfig parse(String fileName, String text) {
        return parse(fileName, text, false);
    }

    /**
     * As {@link #parse(String, String)}; {@code stateAnywhere} lets {@code state.path} leave the file's folder (an
     * absolute path, {@code ~/}, or {@code ..} above the folder), which a file from a pull request must not do
     * unless the person running ovnet says so.
     */
    public static NetworkConfig parse(String fileName, String text, boolean stateAnywhere) {
        Objects.requireNonNull(fileName, "fileName");
        Objects.requireNonNull(text, "text");
        Problems problems = new Problems(fileName);
        PartialConfig draft = new PartialConfig();
        Node root = YamlLoader.load(text, problems);
        if (root != null) {
            YamlMapping top = YamlMapping.open(root, "", root, Keys.TOP, TOP_EXAMPLE, new Values(problems));
            if (top != null) {
                read(top, draft, problems, stateAnywhere);
            }
        }
        if (!problems.isEmpty()) {
            throw new ConfigException(problems.inFileOrder());
        }
        return draft.build(fileName);
    }

    private static void read(YamlMapping top, PartialConfig draft, Problems problems, boolean stateAnywhere) {
        if (top.require("network", TOP_EXAMPLE.substring("network: ".length()))) {
            YamlMapping network = top.block("network", Keys.NETWORK, "{pool: 10.100.0.0/16}");
            if (network != null) {
                NetworkReader.read(network, draft);
            }
        }
        YamlMapping state = top.block("state", Keys.STATE, "{backend: local}");
        if (state != null) {
            draft.state = StateReader.read(state, stateAnywhere);
        }
        YamlMapping ssh = top.block("ssh", Keys.SSH, "{user: root, port: 22}");
        if (ssh != null) {
            draft.ssh = SshReader.read(ssh, SshConfig.DEFAULTS);
        }
        YamlMapping lab = top.block("lab", Keys.LAB, "{segments: [192.0.2.0/24], containers: 1}");
        if (lab != null) {
            LabReader.read(lab, draft);
        }
        HostsReader.read(top, draft);
        CrossChecks.check(draft, problems);
    }
}
