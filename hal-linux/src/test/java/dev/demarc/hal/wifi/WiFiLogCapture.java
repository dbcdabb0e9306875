package dev.demarc.hal.wifi;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import org.slf4j.LoggerFactory;

/**
 * Everything the agent's classes ({@code dev.demarc}) log, at every level down to TRACE, while
 * a test runs: messages with their arguments, and the stack traces' messages.
 */
public final class WiFiLogCapture implements AutoCloseable {

    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
    private final Logger logger = (Logger) LoggerFactory.getLogger("dev.demarc");
    private final Level before = logger.getLevel();

    public WiFiLogCapture() {
        logger.setLevel(Level.TRACE);
        appender.start();
        logger.addAppender(appender);
    }

    /** Each event as text: level, logger, formatted message, and its exception's messages. */
    public List<String> lines() {
        synchronized (appender) {
            return appender.list.stream().map(e -> {
                StringBuilder sb = new StringBuilder(e.getLevel() + " " + e.getLoggerName() + " " + e.getFormattedMessage());
                for (var t = e.getThrowableProxy(); t != null; t = t.getCause()) {
                    sb.append(" | ").append(t.getClassName()).append(": ").append(t.getMessage());
                }
                return sb.toString();
            }).toList();
        }
    }

    @Override
    public void close() {
        logger.detachAppender(appender);
        appender.stop();
        logger.setLevel(before);
    }
}
