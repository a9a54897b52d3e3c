package dev.ovnet.planner.plan;

/**
 * Why a plan cannot be trusted for one host, or must not be applied: the host could not be read
 * ({@link Kind#UNREAD}: unreachable, host key refused, namespace missing, its address not where the file says),
 * or what was read clashes with what ovnet is about to make there ({@link Kind#CLASH}, from {@link Preflight}).
 * {@code detail} says what was found, {@code hint} what to do.
 */
public record HostProblem(String host, Kind kind, String detail, String hint) {

    public enum Kind {
        UNREAD("unread"),
        CLASH("preflight");

        private final String word;

        Kind(String word) {
            this.word = word;
        }

        /** The word docs/json.md uses. */
        public String word() {
            return word;
        }
    }
}
