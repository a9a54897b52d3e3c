package dev.ovnet.cli;

import dev.ovnet.planner.spi.ApplyListener;
import dev.ovnet.planner.spi.ApplyResult;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import org.jline.utils.AttributedString;
import org.jline.utils.AttributedStringBuilder;
import org.jline.utils.AttributedStyle;
import org.jline.utils.Status;

/**
 * Live progress on a terminal: jline's status area pinned at the bottom holds one line per host in flight
 * (its counts and a bar) and a total; finished hosts scroll above it as plain lines. Used only when stdout is a
 * terminal and colours are allowed; otherwise {@link Progress} prints one line per event.
 */
final class TerminalProgress implements ApplyListener, AutoCloseable {

    private final Terminal terminal;
    private final Status status;
    private final String verb;
    private final Map<String, long[]> inFlight = new TreeMap<>();
    private int finished;
    private int failed;

    private TerminalProgress(Terminal terminal, String verb) {
        this.terminal = terminal;
        this.status = Status.getStatus(terminal);
        this.verb = verb;
    }

    /** A terminal progress display, or null when there is no usable terminal. */
    static TerminalProgress open(String verb) {
        try {
            Terminal t = TerminalBuilder.builder().system(true).dumb(false).build();
            if (t.getType() == null || t.getType().startsWith("dumb")) {
                t.close();
                return null;
            }
            return new TerminalProgress(t, verb);
        } catch (IOException | IllegalStateException e) {
            return null;
        }
    }

    @Override
    public synchronized void hostStarted(String host, long changes) {
        inFlight.put(host, new long[] {0, changes});
        redraw();
    }

    @Override
    public synchronized void hostProgress(String host, long done, long total, String step) {
        inFlight.put(host, new long[] {done, total});
        redraw();
    }

    @Override
    public synchronized void hostFinished(String host, ApplyResult result) {
        inFlight.remove(host);
        finished++;
        status.suspend();
        if (result.ok()) {
            terminal.writer().println(host + ": done, " + Progress.changes(result.applied().size()));
        } else {
            failed++;
            terminal.writer().println(host + ": FAILED after " + Progress.changes(result.applied().size()) + ": "
                    + result.failure().detail().lines().findFirst().orElse(""));
        }
        terminal.flush();
        status.restore();
        redraw();
    }

    private void redraw() {
        List<AttributedString> lines = new ArrayList<>();
        int width = Math.max(40, terminal.getWidth());
        for (Map.Entry<String, long[]> e : inFlight.entrySet()) {
            long done = e.getValue()[0];
            long total = Math.max(1, e.getValue()[1]);
            int bar = 20;
            int filled = (int) Math.min(bar, done * bar / total);
            String text = String.format(Locale.ROOT, "%s: %s [%s%s] %s/%s", e.getKey(), verb, "#".repeat(filled),
                    " ".repeat(bar - filled), fmt(done), fmt(total));
            lines.add(new AttributedString(text.length() > width - 1 ? text.substring(0, width - 1) : text));
        }
        AttributedStringBuilder total = new AttributedStringBuilder();
        total.style(AttributedStyle.BOLD).append(Plural.of(finished, "host") + " finished");
        if (failed > 0) {
            total.style(AttributedStyle.BOLD.foreground(AttributedStyle.RED)).append(", " + failed + " failed");
        }
        total.style(AttributedStyle.DEFAULT).append(", " + inFlight.size() + " in progress");
        lines.add(total.toAttributedString());
        status.update(lines);
    }

    private static String fmt(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    @Override
    public synchronized void close() {
        status.update(List.of());
        status.close();
        try {
            terminal.close();
        } catch (IOException e) {
            // nothing left to show
        }
    }
}
