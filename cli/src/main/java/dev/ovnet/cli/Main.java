package dev.ovnet.cli;

import java.io.PrintWriter;
import java.util.Map;
import picocli.CommandLine;

/** Entry point of the {@code ovnet} command. */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs one command line; returns its exit code. Used by tests in-process. */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        return run(args, out, err, System.getenv());
    }

    /** As above, with the environment variables ovnet reads taken from {@code env} (tests). */
    public static int run(String[] args, PrintWriter out, PrintWriter err, Map<String, String> env) {
        CommandLine cmd = commandLine();
        ((OvnetCommand) cmd.getCommand()).env = env;
        cmd.setOut(out);
        cmd.setErr(err);
        int code = cmd.execute(TerraformSpellings.normalize(args));
        out.flush();
        err.flush();
        return code;
    }

    static CommandLine commandLine() {
        CommandLine cmd = new CommandLine(new OvnetCommand());
        cmd.setExitCodeExceptionMapper(t -> ExitCodes.ERROR);
        cmd.setParameterExceptionHandler(new ErrorHandler.Usage());
        cmd.setExecutionExceptionHandler(new ErrorHandler.Execution());
        cmd.setCaseInsensitiveEnumValuesAllowed(true);
        ExitCodeHelp.apply(cmd);
        return cmd;
    }
}
