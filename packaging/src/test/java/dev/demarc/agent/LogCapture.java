package dev.demarc.agent;

import static org.junit.jupiter.api.Assertions.fail;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.LoggerFactory;

/** What one class of the agent logs while a test runs (through logback, the tests' SLF4J provider). */
final class LogCapture implements AutoCloseable {

    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
    private final Logger logger;
    private final Level levelBefore;

    /** What {@code of} logs at the level the test configuration gives it (WARN and above). */
    LogCapture(Class<?> of) {
        this(of, null);
    }

    /** What {@code of} logs at {@code level} and above while the capture lasts (null: as configured). */
    LogCapture(Class<?> of, Level level) {
        logger = (Logger) LoggerFactory.getLogger(of);
        levelBefore = logger.getLevel();
        if (level != null) {
            logger.setLevel(level);
        }
        appender.start();
        logger.addAppender(appender);
    }

    /** The formatted messages so far, with their levels: {@code "WARN records from ..."}. */
    List<String> lines() {
        synchronized (appender) {
            return appender.list.stream().map(e -> e.getLevel() + " " + e.getFormattedMessage()).toList();
        }
    }

    /** Waits until a line containing {@code text} is logged, failing after {@link Usp#WAIT}. */
    String await(String text) throws InterruptedException {
        long deadline = System.nanoTime() + Usp.WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            for (String line : lines()) {
                if (line.contains(text)) {
                    return line;
                }
            }
            TimeUnit.MILLISECONDS.sleep(20);
        }
        return fail("nothing logged containing '" + text + "'; logged: " + lines());
    }

    @Override
    public void close() {
        logger.detachAppender(appender);
        appender.stop();
        logger.setLevel(levelBefore);
    }
}
