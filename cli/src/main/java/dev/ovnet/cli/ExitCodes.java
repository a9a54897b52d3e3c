package dev.ovnet.cli;

/**
 * ovnet's exit codes. 2 means "changes present" (plan --detailed-exitcode) so a usage error is 1, never 2, as in
 * Terraform. 3 is apply/destroy's partial outcome: some hosts failed or were unreachable while others completed.
 */
public final class ExitCodes {

    public static final int OK = 0;
    public static final int ERROR = 1;
    public static final int CHANGES_PRESENT = 2;
    public static final int PARTIAL = 3;

    private ExitCodes() {
    }
}
