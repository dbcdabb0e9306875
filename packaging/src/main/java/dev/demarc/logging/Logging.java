package dev.demarc.logging;

import dev.demarc.tr181.LogLevelControl;
import java.util.Locale;
import java.util.Optional;
import org.slf4j.ILoggerFactory;
import org.slf4j.LoggerFactory;

/**
 * The application's logging: {@link #install()} makes SLF4J use {@link DemarcLoggingProvider}
 * (slf4j-simple, levels changeable at run time), and {@link #levelControl()} gives the agent's
 * {@code Device.LocalAgent.X_DEMARC_DEV_LogLevel} its way to the active binding.
 */
public final class Logging {

    private Logging() {
    }

    /**
     * Selects {@link DemarcLoggingProvider} as SLF4J's provider (the {@code slf4j.provider}
     * property, which also spares SLF4J the search of the class path), and keeps SLF4J's own
     * notices about that off stderr. Call first in {@code main}, before any logger is made; a
     * provider already chosen with {@code -Dslf4j.provider} is kept.
     */
    public static void install() {
        if (System.getProperty("slf4j.provider") == null) {
            System.setProperty("slf4j.provider", DemarcLoggingProvider.class.getName());
        }
        if (System.getProperty("slf4j.internal.verbosity") == null) {
            System.setProperty("slf4j.internal.verbosity", "WARN");
        }
    }

    /**
     * The log level of the active SLF4J binding as the agent's data model reads and sets it: the
     * real thing when the binding is {@link DemarcLoggerFactory} (or any {@link RuntimeLevel});
     * otherwise a level that reads {@code Info} and refuses changes, saying which binding it is.
     */
    public static LogLevelControl levelControl() {
        ILoggerFactory active = LoggerFactory.getILoggerFactory();
        if (active instanceof RuntimeLevel r) {
            return of(r);
        }
        return LogLevelControl.fixed("Info", "the logging binding " + active.getClass().getName()
                + " cannot change levels while the agent runs");
    }

    /** {@code level} as the data model reads and sets it. */
    public static LogLevelControl of(RuntimeLevel level) {
        return new LogLevelControl() {
            @Override
            public String level() {
                return capitalized(level.level());
            }

            @Override
            public Optional<String> setLevel(String value) {
                try {
                    level.setLevel(value);
                    return Optional.empty();
                } catch (IllegalArgumentException e) {
                    return Optional.of(e.getMessage());
                }
            }
        };
    }

    private static String capitalized(String level) {
        String lower = level.toLowerCase(Locale.ROOT);
        return lower.isEmpty() ? lower : Character.toUpperCase(lower.charAt(0)) + lower.substring(1);
    }
}
