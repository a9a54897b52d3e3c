package dev.ovnet.planner.spi;

/** Progress of an apply, called by whoever applies; the CLI renders it (jline on a terminal, lines in CI). */
public interface ApplyListener {

    default void hostStarted(String host, long changes) {
    }

    default void hostProgress(String host, long done, long total, String step) {
    }

    default void hostFinished(String host, ApplyResult result) {
    }

    /** Once, after {@code --verify} probed every host that was applied. */
    default void verified(Verification verification) {
    }

    ApplyListener NONE = new ApplyListener() {
    };
}
