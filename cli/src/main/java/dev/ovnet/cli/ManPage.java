package dev.ovnet.cli;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import picocli.CommandLine.Help;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
import picocli.CommandLine;

/** One command's man page in roff (man(7) macros), from its picocli model. */
final class ManPage {

    private ManPage() {
    }

    static String render(CommandSpec cmd, String version) {
        String name = cmd.qualifiedName("-");
        StringBuilder out = new StringBuilder();
        out.append(".TH ").append(esc(name.toUpperCase(Locale.ROOT))).append(" 1 \"\" \"ovnet ")
                .append(esc(version)).append("\" \"ovnet Manual\"\n.nh\n");
        out.append(".SH NAME\n").append(esc(name)).append(" \\- ").append(esc(firstLine(cmd))).append('\n');
        out.append(".SH SYNOPSIS\n.ad l\n").append(text(synopsis(cmd))).append("\n.ad b\n");
        out.append(".SH DESCRIPTION\n");
        for (String line : cmd.usageMessage().description()) {
            out.append(".PP\n").append(text(line)).append('\n');
        }
        List<PositionalParamSpec> params = cmd.positionalParameters().stream().filter(p -> !p.hidden()).toList();
        if (!params.isEmpty()) {
            out.append(".SH ARGUMENTS\n");
            for (PositionalParamSpec p : params) {
                out.append(".TP\n\\fI").append(esc(p.paramLabel())).append("\\fR\n")
                        .append(text(String.join(" ", p.description()))).append('\n');
            }
        }
        List<OptionSpec> options = cmd.options().stream().filter(o -> !o.hidden()).toList();
        if (!options.isEmpty()) {
            out.append(".SH OPTIONS\n");
            for (OptionSpec o : options) {
                out.append(".TP\n").append(optionLabel(o)).append('\n').append(text(description(o))).append('\n');
            }
        }
        Set<CommandLine> subs = new LinkedHashSet<>(cmd.subcommands().values());
        subs.removeIf(s -> s.getCommandSpec().usageMessage().hidden());
        if (!subs.isEmpty()) {
            out.append(".SH COMMANDS\n");
            for (CommandLine sub : subs) {
                out.append(".TP\n\\fB").append(esc(sub.getCommandName())).append("\\fR\n")
                        .append(text(firstLine(sub.getCommandSpec()))).append(" See \\fB")
                        .append(esc(sub.getCommandSpec().qualifiedName("-"))).append("\\fR(1).\n");
            }
        }
        Map<String, String> codes = cmd.usageMessage().exitCodeList();
        if (!codes.isEmpty()) {
            out.append(".SH EXIT STATUS\n");
            codes.forEach((code, meaning) -> out.append(".TP\n\\fB").append(esc(code.trim())).append("\\fR\n")
                    .append(text(meaning)).append('\n'));
        }
        List<String> see = new ArrayList<>();
        if (cmd.parent() != null) {
            see.add("\\fB" + esc(cmd.parent().qualifiedName("-")) + "\\fR(1)");
        }
        for (CommandLine sub : subs) {
            see.add("\\fB" + esc(sub.getCommandSpec().qualifiedName("-")) + "\\fR(1)");
        }
        if (!see.isEmpty()) {
            out.append(".SH SEE ALSO\n").append(String.join(", ", see)).append('\n');
        }
        return out.toString();
    }

    private static String firstLine(CommandSpec cmd) {
        String[] d = cmd.usageMessage().description();
        return d.length == 0 ? "" : d[0];
    }

    private static String synopsis(CommandSpec cmd) {
        Help help = new Help(cmd, Help.defaultColorScheme(Help.Ansi.OFF));
        return help.synopsis(0).replaceAll("\\s+", " ").trim();
    }

    private static String optionLabel(OptionSpec o) {
        List<String> names = new ArrayList<>();
        for (String n : o.names()) {
            String label = "\\fB" + esc(n) + "\\fR";
            if (o.arity().max() > 0) {
                label += "=\\fI" + esc(o.paramLabel()) + "\\fR";
            }
            names.add(label);
        }
        return String.join(", ", names);
    }

    private static String description(OptionSpec o) {
        String d = String.join(" ", o.description());
        return d.replace("${DEFAULT-VALUE}", String.valueOf(o.defaultValue()))
                .replace("${COMPLETION-CANDIDATES}", o.completionCandidates() == null ? ""
                        : String.join(", ", o.completionCandidates()));
    }

    /** A paragraph: escaped, and safe from being read as a request when it starts with a dot or quote. */
    private static String text(String s) {
        String e = esc(s.replace("%n", " "));
        return e.startsWith(".") || e.startsWith("'") ? "\\&" + e : e;
    }

    static String esc(String s) {
        return s.replace("\\", "\\e").replace("-", "\\-");
    }
}
