package dev.demarc.logging;

/**
 * A logging binding whose level can change while the program runs: {@link DemarcLoggerFactory}.
 * Declared apart from it so that code can ask whether the active binding is one
 * ({@code instanceof RuntimeLevel}) without loading slf4j-simple, which the tests leave out.
 */
public interface RuntimeLevel {

    /** The level every logger logs at now: {@code error}, {@code warn}, {@code info}, {@code debug} or {@code trace}. */
    String level();

    /**
     * Sets the level of every logger, those made already and those to come, to {@code level} (a
     * name as {@link #level()} gives, any case). Any thread.
     *
     * @throws IllegalArgumentException when {@code level} is no level
     */
    void setLevel(String level);
}
