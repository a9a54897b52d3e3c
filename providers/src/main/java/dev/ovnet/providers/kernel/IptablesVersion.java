package dev.ovnet.providers.kernel;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What {@code iptables --version} says, and the features ovnet derives from it: {@code --random-fully} for
 * MASQUERADE and {@code iptables-restore --wait} both arrived in iptables 1.6.2. The nf_tables variant exists
 * only from 1.8 on, so it always has both.
 */
public record IptablesVersion(int major, int minor, int patch, boolean nft) {

    private static final Pattern VERSION = Pattern.compile("v(\\d+)\\.(\\d+)(?:\\.(\\d+))?(?:\\s*\\(([^)]*)\\))?");

    /** Parses e.g. {@code iptables v1.8.9 (nf_tables)} or {@code iptables v1.6.1}. */
    public static IptablesVersion parse(String text) {
        Matcher m = VERSION.matcher(text);
        if (!m.find()) {
            throw new IllegalArgumentException("not an iptables version: " + text.strip());
        }
        int patch = m.group(3) == null ? 0 : Integer.parseInt(m.group(3));
        boolean nft = m.group(4) != null && m.group(4).contains("nf_tables");
        return new IptablesVersion(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), patch, nft);
    }

    private boolean atLeast(int a, int b, int c) {
        return major != a ? major > a : minor != b ? minor > b : patch >= c;
    }

    /** MASQUERADE {@code --random-fully}: iptables 1.6.2 and later. */
    public boolean randomFully() {
        return nft || atLeast(1, 6, 2);
    }

    /** {@code iptables-restore -w} (wait for the xtables lock): iptables 1.6.2 and later. */
    public boolean restoreWait() {
        return nft || atLeast(1, 6, 2);
    }

    @Override
    public String toString() {
        return "v" + major + "." + minor + "." + patch + (nft ? " (nf_tables)" : "");
    }
}
