package dev.demarc.tr181;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The agent's log level as {@code Device.LocalAgent.X_DEMARC_DEV_LogLevel} reads and writes it:
 * the logging binding behind it changes the level of every logger at once, while the agent runs.
 * The level is not stored: the agent starts again at the level it is started with.
 *
 * <p>Called on the data model's owner thread; must not block.
 */
public interface LogLevelControl {

    /** The levels, most severe first, as the parameter spells them. */
    List<String> LEVELS = List.of("Error", "Warn", "Info", "Debug", "Trace");

    /** The level now, one of {@link #LEVELS}. */
    String level();

    /**
     * Sets the level of every logger to {@code level}, one of {@link #LEVELS}; empty when done,
     * else why it cannot be (the binding cannot change levels while the agent runs).
     */
    Optional<String> setLevel(String level);

    /**
     * A control that cannot change anything: {@link #level()} answers {@code level},
     * {@link #setLevel} refuses with {@code why} unless asked for that same level.
     */
    static LogLevelControl fixed(String level, String why) {
        if (!LEVELS.contains(level)) {
            throw new IllegalArgumentException("not a level: " + level);
        }
        Objects.requireNonNull(why, "why");
        return new LogLevelControl() {
            @Override
            public String level() {
                return level;
            }

            @Override
            public Optional<String> setLevel(String wanted) {
                return wanted.equals(level) ? Optional.empty() : Optional.of(why);
            }
        };
    }
}
