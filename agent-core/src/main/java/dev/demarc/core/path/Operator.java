package dev.demarc.core.path;

/** Expression operators of a TR-369 search expression. */
public enum Operator {
    EQ("=="),
    NE("!="),
    CONTAINS("~="),
    LT("<"),
    GT(">"),
    LE("<="),
    GE(">=");

    private final String symbol;

    Operator(String symbol) {
        this.symbol = symbol;
    }

    public String symbol() {
        return symbol;
    }
}
