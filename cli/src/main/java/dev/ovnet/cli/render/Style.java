package dev.ovnet.cli.render;

import dev.ovnet.planner.plan.Action;

/** Colours for a terminal, or none (--no-color, NO_COLOR, CI=true, no terminal). */
public record Style(boolean color) {

    private static final String RESET = "\u001b[0m";

    public String action(Action action, String text) {
        return switch (action) {
            case CREATE -> paint("32", text);
            case DELETE -> paint("31", text);
            case UPDATE, REPLACE -> paint("33", text);
        };
    }

    /** "Error: " in bold red, as Terraform starts an error. */
    public String error() {
        return paint("1;31", "Error:") + " ";
    }

    /** "Warning: " in bold yellow, as Terraform starts a warning. */
    public String warning() {
        return paint("1;33", "Warning:") + " ";
    }

    public String bold(String text) {
        return paint("1", text);
    }

    public String red(String text) {
        return paint("31", text);
    }

    public String green(String text) {
        return paint("32", text);
    }

    public String yellow(String text) {
        return paint("33", text);
    }

    private String paint(String code, String text) {
        return color ? "\u001b[" + code + "m" + text + RESET : text;
    }
}
