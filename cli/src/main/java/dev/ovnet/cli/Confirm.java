package dev.ovnet.cli;

import dev.ovnet.planner.OvnetException;
import java.io.IOException;
import java.io.PrintWriter;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;

/**
 * Terraform's confirmation: only {@code yes} proceeds. Without a terminal there is no one to ask, so ovnet
 * refuses at once instead of waiting on standard input.
 */
final class Confirm {

    private Confirm() {
    }

    static final class NoTerminal extends OvnetException {
        NoTerminal(String command) {
            super("ovnet " + command + " needs a confirmation, and there is no terminal to ask on",
                    "review the plan with 'ovnet plan', then run 'ovnet " + command + " --auto-approve'");
        }
    }

    static final class Cancelled extends OvnetException {
        Cancelled(String what) {
            super(what + " cancelled.", null);
        }
    }

    /** Asks; returns normally only on {@code yes}. */
    static void ask(String command, String question, String explanation, PrintWriter out) {
        if (System.console() == null) {
            throw new NoTerminal(command);
        }
        out.flush();
        String answer;
        try (Terminal terminal = TerminalBuilder.builder().system(true).build()) {
            LineReader reader = LineReaderBuilder.builder().terminal(terminal).build();
            terminal.writer().println(question);
            terminal.writer().println("  " + explanation);
            terminal.writer().println("  Only 'yes' will be accepted to approve.");
            terminal.writer().println();
            if (terminal.getWidth() > 0) {
                answer = reader.readLine("  Enter a value: ");
            } else {
                // a terminal that reports no width (some pseudo-terminals): jline would not draw the prompt
                terminal.writer().print("  Enter a value: ");
                terminal.flush();
                answer = reader.readLine();
            }
        } catch (UserInterruptException | EndOfFileException e) {
            answer = "";
        } catch (IOException e) {
            throw new NoTerminal(command);
        }
        if (!"yes".equals(answer.trim())) {
            throw new Cancelled(command.equals("destroy") ? "Destroy" : "Apply");
        }
    }
}
