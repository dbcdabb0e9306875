package dev.demarc.logging;

import java.io.IOException;
import java.io.InputStream;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.simple.SimpleLogger;
import org.slf4j.simple.SimpleLoggerFactory;

/**
 * slf4j-simple's loggers, with a level that can change at run time. slf4j-simple fixes each
 * logger's level when the logger is made (from {@code org.slf4j.simpleLogger.defaultLogLevel} and
 * {@code org.slf4j.simpleLogger.log.<name>}); the loggers made here ask this factory instead, at
 * each call, once {@link #setLevel} was called: then every logger logs at that level, whatever
 * its configuration said. Until then they log as configured. Output, format and configuration are
 * slf4j-simple's own.
 *
 * <p>Threads: any. The level is one volatile field read by every logging call.
 */
public final class DemarcLoggerFactory extends SimpleLoggerFactory implements RuntimeLevel {

    /** The level names, least severe first, and slf4j's numbers for them (LocationAwareLogger). */
    private static final List<String> NAMES = List.of("trace", "debug", "info", "warn", "error");
    private static final int[] NUMBERS = {0, 10, 20, 30, 40};
    private static final String DEFAULT_LEVEL_KEY = "org.slf4j.simpleLogger.defaultLogLevel";
    /** ISO 8601 with milliseconds and the offset: what {@code OffsetDateTime.parse} reads. */
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSXXX");

    /** -1: each logger as configured. */
    private volatile int threshold = -1;
    private final String configuredDefault = configuredDefault();

    @Override
    protected Logger createLogger(String name) {
        return new Levelled(name, this);
    }

    @Override
    public String level() {
        int t = threshold;
        return t < 0 ? configuredDefault : NAMES.get(indexOf(t));
    }

    @Override
    public void setLevel(String level) {
        int i = NAMES.indexOf(level.toLowerCase(Locale.ROOT));
        if (i < 0) {
            throw new IllegalArgumentException("not a log level: " + level + " (one of " + NAMES + ")");
        }
        threshold = NUMBERS[i];
    }

    private static int indexOf(int number) {
        for (int i = 0; i < NUMBERS.length; i++) {
            if (NUMBERS[i] == number) {
                return i;
            }
        }
        return 2;
    }

    /** The default level slf4j-simple was configured with: the system property, else simplelogger.properties, else info. */
    private static String configuredDefault() {
        String value = System.getProperty(DEFAULT_LEVEL_KEY);
        if (value == null) {
            try (InputStream in = DemarcLoggerFactory.class.getClassLoader().getResourceAsStream("simplelogger.properties")) {
                if (in != null) {
                    Properties p = new Properties();
                    p.load(in);
                    value = p.getProperty(DEFAULT_LEVEL_KEY);
                }
            } catch (IOException | IllegalArgumentException e) {
                value = null;
            }
        }
        String name = value == null ? "info" : value.trim().toLowerCase(Locale.ROOT);
        return NAMES.contains(name) ? name : "info";
    }

    /**
     * The start of a log line before the level: the time in the JVM's time zone to the
     * millisecond, with its offset ({@code 2026-11-22T10:15:30.123Z}), and the thread in brackets.
     */
    private static String linePrefix(OffsetDateTime now, String threadName) {
        return TIME.format(now) + " [" + threadName + "] ";
    }

    /**
     * A slf4j-simple logger that asks its factory for the level, and writes the time and the
     * thread itself, in front of the level: slf4j-simple's own time stamp with a date is a
     * {@code SimpleDateFormat}, whose calendar loads the JDK's locale data (about 1,000
     * {@code Locale} objects and 150 classes) into every process. simplelogger.properties turns
     * slf4j-simple's time and thread off, so that they are not written twice.
     */
    private static final class Levelled extends SimpleLogger {
        private static final long serialVersionUID = 1L;
        private final transient DemarcLoggerFactory factory;

        Levelled(String name, DemarcLoggerFactory factory) {
            super(name);
            this.factory = factory;
        }

        @Override
        protected boolean isLevelEnabled(int level) {
            int t = factory.threshold;
            return t < 0 ? super.isLevelEnabled(level) : level >= t;
        }

        @Override
        protected String renderLevel(int level) {
            return linePrefix(OffsetDateTime.now(), Thread.currentThread().getName()) + super.renderLevel(level);
        }
    }
}
