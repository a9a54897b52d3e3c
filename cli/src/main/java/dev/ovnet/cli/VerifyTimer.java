package dev.ovnet.cli;

import dev.ovnet.planner.spi.ApplyListener;
import dev.ovnet.planner.spi.ApplyResult;
import dev.ovnet.planner.spi.Verification;
import java.time.Duration;

/**
 * Passes progress on to the listener that shows it, and keeps what {@code --verify} proved with how long the
 * probing took (from the first host's "verifying" step to the summary), for the line after the recap. The planner
 * has no clock, so the time is taken here.
 */
final class VerifyTimer implements ApplyListener {

    private final ApplyListener shown;
    private long started;
    private Verification verification;
    private Duration took = Duration.ZERO;

    VerifyTimer(ApplyListener shown) {
        this.shown = shown;
    }

    @Override
    public void hostStarted(String host, long changes) {
        shown.hostStarted(host, changes);
    }

    @Override
    public void hostProgress(String host, long done, long total, String step) {
        synchronized (this) {
            if (started == 0 && "verifying".equals(step)) {
                started = System.nanoTime();
            }
        }
        shown.hostProgress(host, done, total, step);
    }

    @Override
    public void hostFinished(String host, ApplyResult result) {
        shown.hostFinished(host, result);
    }

    @Override
    public synchronized void verified(Verification done) {
        verification = done;
        took = started == 0 ? Duration.ZERO : Duration.ofNanos(System.nanoTime() - started);
        shown.verified(done);
    }

    /**
     * "Verified: 3 hosts probed 6 peers across the overlay, 6 answered (35 ms)."; null when --verify did not run.
     */
    synchronized String summary() {
        if (verification == null) {
            return null;
        }
        if (verification.hosts() == 0) {
            return "Verified: no host had a peer to probe, so nothing was sent.";
        }
        return "Verified: " + Plural.of(verification.hosts(), "host") + " probed " + Plural.of(verification.probes(),
                "peer") + " across the overlay, " + verification.answered() + " answered ("
                + Durations.human(took) + ").";
    }
}
