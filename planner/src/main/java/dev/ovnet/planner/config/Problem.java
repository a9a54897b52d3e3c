package dev.ovnet.planner.config;

/**
 * One thing wrong with the input: where (file, 1-based line and column, 0 when unknown), what, and what to
 * write instead. Prints as {@code ovnet.yaml:14:7: message} followed by an indented hint line.
 */
public record Problem(String file, int line, int column, String message, String hint) {

    public String render() {
        StringBuilder out = new StringBuilder(file);
        if (line > 0) {
            out.append(':').append(line);
            if (column > 0) {
                out.append(':').append(column);
            }
        }
        out.append(": ").append(message);
        if (hint != null && !hint.isEmpty()) {
            out.append("\n  ").append(hint);
        }
        return out.toString();
    }
}
