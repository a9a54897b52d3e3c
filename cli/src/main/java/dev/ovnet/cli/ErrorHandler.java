package dev.ovnet.cli;

import dev.ovnet.cli.render.Style;
import dev.ovnet.planner.OvnetException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine;

/**
 * One error path: a user error prints its message and hint, no stack trace (unless OVNET_LOG=debug); anything
 * else is an internal error with its trace. Every error exits 1.
 */
final class ErrorHandler {

    private ErrorHandler() {
    }

    static boolean debug() {
        return "debug".equalsIgnoreCase(System.getenv("OVNET_LOG"));
    }

    /** Bad flags or arguments: a short message and where to get help. */
    static final class Usage implements IParameterExceptionHandler {
        @Override
        public int handleParseException(ParameterException ex, String[] args) {
            CommandLine cmd = ex.getCommandLine();
            PrintWriter err = cmd.getErr();
            Style style = style(cmd, List.of(args));
            String variables = ex instanceof CommandLine.UnmatchedArgumentException u ? variables(u.getUnmatched())
                    : null;
            if (variables != null) {
                // Terraform's variables have no counterpart: the YAML file holds every value
                err.println(style.error() + variables + " is Terraform's: ovnet has no variables, every value is in"
                        + " the configuration file");
                err.println("  write the value into the YAML file given with -f (docs/configuration.md)");
                return ExitCodes.ERROR;
            }
            String file = ex instanceof CommandLine.UnmatchedArgumentException u ? configFile(u.getUnmatched()) : null;
            if (file != null) {
                // Terraform reads the folder it runs in; ovnet takes its file after -f
                err.println(style.error() + file + " was given without -f: the configuration file goes after -f");
                err.println("  run: " + cmd.getCommandSpec().qualifiedName() + " -f " + Shell.quote(file));
                return ExitCodes.ERROR;
            }
            err.println(style.error() + ex.getMessage());
            CommandLine.UnmatchedArgumentException.printSuggestions(ex, err);
            err.println("Run '" + cmd.getCommandSpec().qualifiedName() + " --help' for usage.");
            return ExitCodes.ERROR;
        }
    }

    /** Colours as the command's own output has them: on a terminal, unless --no-color, NO_COLOR or CI=true. */
    private static Style style(CommandLine cmd, List<String> args) {
        return new Style(OvnetCommand.color(cmd.getCommandSpec(), args.contains("--no-color")
                || args.contains("-no-color")));
    }

    /** The first of {@code args} that is one of Terraform's variable options, or null. */
    private static String variables(List<String> args) {
        return args.stream().filter(a -> a.matches("--?var(-file)?(=.*)?")).map(a -> a.replaceFirst("=.*", ""))
                .findFirst().orElse(null);
    }

    /** The first of {@code args} that names a YAML file or an existing file, or null. */
    private static String configFile(List<String> args) {
        for (String arg : args) {
            if (arg.startsWith("-")) {
                continue;
            }
            try {
                if (arg.matches(".*\\.ya?ml") || Files.isRegularFile(Path.of(arg))) {
                    return arg;
                }
            } catch (InvalidPathException e) {
                // not a path
            }
        }
        return null;
    }

    /** Exceptions from a command's work. */
    static final class Execution implements IExecutionExceptionHandler {
        @Override
        public int handleExecutionException(Exception ex, CommandLine cmd, ParseResult parseResult) {
            PrintWriter err = cmd.getErr();
            Style style = style(cmd, parseResult.originalArgs());
            if (ex instanceof OvnetException o) {
                err.println(style.error() + o.getMessage());
                String hint = o.hint();
                if (ex instanceof Confirm.NoTerminal) {
                    // the command as the user typed it, so that the hint works as printed
                    hint = "review the plan above, then run: ovnet " + String.join(" ", parseResult.originalArgs()
                            .stream().map(Shell::quote).toList()) + " --auto-approve";
                }
                if (hint != null) {
                    err.println("  " + hint);
                }
            } else {
                err.println(style.error() + "internal error: " + ex);
                err.println("  this is a bug in ovnet; run with OVNET_LOG=debug for the stack trace");
            }
            if (debug()) {
                ex.printStackTrace(err);
            }
            err.flush();
            return ExitCodes.ERROR;
        }
    }
}
