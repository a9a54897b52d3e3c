package dev.ovnet.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Model.UsageMessageSpec;

/**
 * Each command's {@code --help} lists only the exit codes that command can give. picocli hands the root's table (every
 * code of every command) down to each subcommand that has none of its own; this replaces that inherited table with
 * the command's own, and with plain success and error for a command not listed here.
 */
final class ExitCodeHelp {

    private static final Map<String, Map<String, String>> OWN = Map.ofEntries(
            own("validate", "the file is valid", "it is not: each problem is named with file:line:column and the"
                    + " fix, or the file cannot be read"),
            own("show", "the state was shown (also when there is none yet)", "error: the file or the state cannot"
                    + " be read"),
            own("state list", "the hosts were listed (also when there are none)", "error: the file or the state"
                    + " cannot be read"),
            own("state show", "the host's record was shown", "error: the host is not in the state, or the file or"
                    + " the state cannot be read"),
            own("state rm", "the hosts were forgotten (with --dry-run: would be)", "error: a host is not in the"
                    + " state, the state is locked, or the file or the state cannot be read"),
            own("lab up", "every netns host's namespace is up", "error: a bad file, or a namespace could not be"
                    + " made"),
            own("lab check", "every container reaches every other", "some pair is unreachable, or the lab is not"
                    + " up"),
            own("lab down", "what the lab made is removed (or nothing was there)", "error: something could not be"
                    + " removed"),
            own("lab status", "every namespace of the lab exists", "some or all are missing"),
            own("import", "the leases were imported (or there was nothing to import)", "error: a bad file, or the"
                    + " state or etcd cannot be read or written"),
            own("init", "the starter file was written", "a file is there already (it is never overwritten), or"
                    + " the folder cannot be written"));

    private static final Map<String, String> PLAIN = codes("success", "error");

    private ExitCodeHelp() {
    }

    /** Gives every subcommand of {@code root} that inherited the root's exit codes its own. */
    static void apply(CommandLine root) {
        Map<String, String> inherited = root.getCommandSpec().usageMessage().exitCodeList();
        apply(root, inherited);
    }

    private static void apply(CommandLine parent, Map<String, String> inherited) {
        for (CommandLine sub : parent.getSubcommands().values()) {
            UsageMessageSpec usage = sub.getCommandSpec().usageMessage();
            if (usage.exitCodeList().equals(inherited)) {
                String name = sub.getCommandSpec().qualifiedName(" ").replaceFirst("^\\S+ ", "");
                usage.exitCodeList(OWN.getOrDefault(name, PLAIN));
            }
            apply(sub, inherited);
        }
    }

    private static Map.Entry<String, Map<String, String>> own(String command, String ok, String error) {
        return Map.entry(command, codes(ok, error));
    }

    private static Map<String, String> codes(String ok, String error) {
        Map<String, String> codes = new LinkedHashMap<>();
        codes.put("0", ok);
        codes.put("1", error);
        return codes;
    }
}
