package dev.ovnet.cli;

import dev.ovnet.planner.OvnetException;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

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
            err.println("Error: " + ex.getMessage());
            CommandLine.UnmatchedArgumentException.printSuggestions(ex, err);
            err.println("Run '" + cmd.getCommandSpec().qualifiedName() + " --help' for usage.");
            return ExitCodes.ERROR;
        }
    }

    /** Exceptions from a command's work. */
    static final class Execution implements IExecutionExceptionHandler {
        @Override
        public int handleExecutionException(Exception ex, CommandLine cmd, ParseResult parseResult) {
            PrintWriter err = cmd.getErr();
            if (ex instanceof OvnetException o) {
                err.println("Error: " + o.getMessage());
                if (o.hint() != null) {
                    err.println("  " + o.hint());
                }
            } else {
                err.println("Error: internal error: " + ex);
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
