package dev.ovnet.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine;

/**
 * {@code ovnet gen-manpage -d DIR}: writes a man page (roff, section 1) for every visible command, made from
 * the same model as {@code --help}, so no extra tool (asciidoctor) is needed to build or install them.
 */
@Command(name = "gen-manpage", hidden = true, description = "Write the man pages (ovnet.1, ovnet-plan.1...) into DIR.")
final class ManPageCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = {"-d", "--outdir"}, paramLabel = "DIR", required = true,
            description = "Folder for the pages; created when missing.")
    Path dir;

    @Override
    public Integer call() throws IOException {
        Files.createDirectories(dir);
        PrintWriter out = spec.commandLine().getOut();
        int n = write(spec.root().commandLine(), out);
        out.println("Wrote " + n + " man pages to " + dir + ". Read one with: man -l " + dir.resolve("ovnet.1"));
        return ExitCodes.OK;
    }

    private int write(CommandLine cmd, PrintWriter out) throws IOException {
        CommandSpec command = cmd.getCommandSpec();
        if (command.usageMessage().hidden()) {
            return 0;
        }
        String name = command.qualifiedName("-");
        Files.writeString(dir.resolve(name + ".1"), ManPage.render(command, VersionProvider.version()),
                StandardCharsets.UTF_8);
        int n = 1;
        for (CommandLine sub : new LinkedHashSet<>(cmd.getSubcommands().values())) {
            n += write(sub, out);
        }
        return n;
    }
}
