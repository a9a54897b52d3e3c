package dev.ovnet.cli;

import java.io.PrintWriter;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * SIGTERM and SIGINT during an apply: the JVM runs its shutdown hooks before it stops, and ovnet's hook holds the
 * shutdown until the apply has let the host changes in flight finish, started no further host, written the state
 * and said so. Only a second signal's SIGKILL, or {@link #MAX_WAIT}, cuts that short (the state file is then still
 * the old or the new one, never half-written). Used as try-with-resources around the apply and the state write.
 */
final class Interruption implements AutoCloseable {

    /** Longest a signal waits for the apply to record what it did. */
    static final long MAX_WAIT = TimeUnit.MINUTES.toMillis(5);

    private final CountDownLatch recorded = new CountDownLatch(1);
    private final Thread hook;
    private volatile boolean requested;

    private Interruption(PrintWriter err) {
        hook = new Thread(() -> {
            requested = true;
            err.println("Interrupt received: finishing the host changes in flight and recording them in the state;"
                    + " no further host is started.");
            err.flush();
            try {
                recorded.await(MAX_WAIT, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "ovnet-interrupt");
    }

    static Interruption install(PrintWriter err) {
        Interruption i = new Interruption(err);
        Runtime.getRuntime().addShutdownHook(i.hook);
        return i;
    }

    /** True once SIGTERM or SIGINT arrived. */
    boolean requested() {
        return requested;
    }

    /** The apply is recorded: a waiting signal may now end the process. */
    @Override
    public void close() {
        recorded.countDown();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // shutting down already: the hook is running and now returns
        }
    }
}
