package dev.ovnet.forwarder;

import dev.ovnet.planner.OvnetException;
import java.io.PrintWriter;
import java.util.Arrays;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

/**
 * The forwarder as a program of its own, without the rest of ovnet: {@link ForwardCommand} with its options,
 * errors printed as ovnet prints them (message, then hint; exit 1). Tests and the benchmark start it as a
 * separate process inside a network namespace. A leading {@code forward} is skipped, so it also serves as a
 * launcher for the forwarder controls, which put that word first.
 */
public final class ForwarderMain {

    private ForwarderMain() {
    }

    public static void main(String[] args) {
        System.exit(run(args, new ForwardCommand()));
    }

    /** Parses {@code args} into {@code command} and runs it in the foreground; returns the exit code. */
    static int run(String[] args, ForwardCommand command) {
        CommandLine cmd = new CommandLine(command);
        PrintWriter err = cmd.getErr();
        String[] options = args.length > 0 && args[0].equals("forward") ? Arrays.copyOfRange(args, 1, args.length)
                : args;
        try {
            if (CommandLine.printHelpIfRequested(cmd.parseArgs(options))) {
                return 0;
            }
            return command.call();
        } catch (OvnetException e) {
            err.println("Error: " + e.getMessage());
            if (e.hint() != null) {
                err.println("  " + e.hint());
            }
        } catch (ParameterException e) {
            err.println("Error: " + e.getMessage());
        }
        err.flush();
        return 1;
    }
}
