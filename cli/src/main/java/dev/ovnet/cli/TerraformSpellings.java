package dev.ovnet.cli;

import java.util.Set;

/**
 * Terraform's single-dash spellings of the options ovnet shares with it ({@code -auto-approve},
 * {@code -target=NAME}, {@code -refresh=false}, {@code -lock-timeout=30s}...), read as ovnet's double-dash
 * options before parsing. They are not option names of their own: picocli would then show the shorter single-dash
 * name in every synopsis, man page and completion, where ovnet's own spelling belongs.
 */
final class TerraformSpellings {

    /** Terraform's options whose meaning ovnet's option of the same name has. */
    static final Set<String> SHARED = Set.of("auto-approve", "target", "detailed-exitcode", "refresh",
            "refresh-only", "lock-timeout", "json", "destroy", "no-color", "parallelism");

    private TerraformSpellings() {
    }

    /** The arguments with each of Terraform's single-dash spellings as ovnet's double-dash option, up to "--". */
    static String[] normalize(String[] args) {
        String[] out = args.clone();
        for (int i = 0; i < out.length; i++) {
            String arg = out[i];
            if (arg.equals("--")) {
                break;
            }
            if (arg.startsWith("-") && !arg.startsWith("--")
                    && SHARED.contains(arg.substring(1).replaceFirst("=.*", ""))) {
                out[i] = "-" + arg;
            }
        }
        return out;
    }
}
