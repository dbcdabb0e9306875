package dev.demarc.logging;

import org.slf4j.ILoggerFactory;
import org.slf4j.simple.SimpleServiceProvider;

/**
 * The SLF4J provider of the {@code demarc} application: slf4j-simple with loggers whose level can
 * change at run time ({@link DemarcLoggerFactory}). {@link Logging#install()} selects it.
 */
public final class DemarcLoggingProvider extends SimpleServiceProvider {

    private ILoggerFactory factory;

    @Override
    public void initialize() {
        super.initialize();
        factory = new DemarcLoggerFactory();
    }

    @Override
    public ILoggerFactory getLoggerFactory() {
        return factory;
    }
}
