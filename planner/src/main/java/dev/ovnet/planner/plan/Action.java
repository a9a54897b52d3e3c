package dev.ovnet.planner.plan;

/** What a change does to one object; the symbol is Terraform's. */
public enum Action {
    CREATE("+", "create"),
    UPDATE("~", "update"),
    REPLACE("-/+", "replace"),
    DELETE("-", "delete");

    private final String symbol;
    private final String word;

    Action(String symbol, String word) {
        this.symbol = symbol;
        this.word = word;
    }

    public String symbol() {
        return symbol;
    }

    /** The word used in JSON plans. */
    public String word() {
        return word;
    }
}
