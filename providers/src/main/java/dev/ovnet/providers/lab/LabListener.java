package dev.ovnet.providers.lab;

/**
 * Progress of lab work, one line per thing made or removed, so the CLI can show what happens while namespaces
 * come and go. Called from the thread that runs the lab command.
 */
public interface LabListener {

    LabListener SILENT = new LabListener() {
        @Override
        public void step(String message) {
        }
    };

    /** Something was created or removed, e.g. {@code created namespace node-1}. */
    void step(String message);

    /** Something unexpected that did not stop the work, e.g. a CNI DEL that failed during down. */
    default void warning(String message) {
        step("warning: " + message);
    }
}
