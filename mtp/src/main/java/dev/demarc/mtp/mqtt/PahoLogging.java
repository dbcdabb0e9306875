package dev.demarc.mtp.mqtt;

import java.text.MessageFormat;
import java.util.MissingResourceException;
import java.util.ResourceBundle;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Paho's log, through SLF4J like the rest of the agent's: {@link #install()} makes both Paho
 * clients (MQTT 5.0 and 3.1.1) create their loggers from this class instead of their default,
 * which writes through {@code java.util.logging} in a format of its own.
 *
 * <p>Each logger is named after the Paho class that asked for it ({@code
 * org.eclipse.paho.mqttv5.client.internal.ClientState}...), so its level is set like any other
 * ({@code org.slf4j.simpleLogger.log.org.eclipse.paho=debug}). Paho's SEVERE is ERROR, WARNING is
 * WARN, INFO and CONFIG are DEBUG (Paho uses them for routine events) and FINE to FINEST are TRACE.
 * A message is looked up in Paho's catalog and formatted only when its level is enabled: Paho
 * creates a logger for every token it issues, and logs at FINE on every packet.
 *
 * <p>No secret reaches the log: Paho's MQTT 5.0 CONNECT packet prints its password (as the list of
 * its bytes) in its {@code toString}, which Paho's trace writes; every {@code password=[...]} in
 * a message is replaced before it is logged.
 *
 * <p>Paho instantiates the loggers by name with their public no-argument constructor; any thread.
 */
public class PahoLogging {

    // Paho's levels, the same in both clients' Logger interfaces.
    private static final int SEVERE = 1;
    private static final int WARNING = 2;
    private static final int INFO = 3;
    private static final int CONFIG = 4;
    private static final int FINE = 5;
    private static final int FINER = 6;
    private static final int FINEST = 7;

    /** What Paho's CONNECT writes for its password: {@code password=[112, 119]}. */
    private static final Pattern PASSWORD = Pattern.compile("password=\\[[^\\]]*\\]");

    /** The logger until Paho names one in {@link #initialise}. */
    private static final Logger PAHO = LoggerFactory.getLogger("org.eclipse.paho");

    private Logger log = PAHO;
    private ResourceBundle catalog;
    private String resourceName;

    /** Only Paho makes instances (of {@link V5} and {@link V3}). */
    PahoLogging() {
    }

    /** Makes both Paho clients log through SLF4J from now on. Idempotent. */
    public static void install() {
        org.eclipse.paho.mqttv5.client.logging.LoggerFactory.setLogger(V5.class.getName());
        org.eclipse.paho.client.mqttv3.logging.LoggerFactory.setLogger(V3.class.getName());
    }

    /** The logger of the MQTT 5.0 client. */
    public static final class V5 extends PahoLogging implements org.eclipse.paho.mqttv5.client.logging.Logger {
        public V5() {
        }
    }

    /** The logger of the MQTT 3.1.1 client. */
    public static final class V3 extends PahoLogging implements org.eclipse.paho.client.mqttv3.logging.Logger {
        public V3() {
        }
    }

    public void initialise(ResourceBundle messageCatalog, String loggerId, String resourceContext) {
        this.catalog = messageCatalog;
        this.resourceName = resourceContext;
        this.log = loggerId == null || loggerId.isEmpty() ? PAHO : LoggerFactory.getLogger(loggerId);
    }

    public void setResourceName(String logContext) {
        this.resourceName = logContext;
    }

    public boolean isLoggable(int level) {
        if (level <= SEVERE) {
            return log.isErrorEnabled();
        }
        if (level == WARNING) {
            return log.isWarnEnabled();
        }
        return level <= CONFIG ? log.isDebugEnabled() : log.isTraceEnabled();
    }

    public void log(int level, String sourceClass, String sourceMethod, String msg, Object[] inserts, Throwable thrown) {
        if (!isLoggable(level)) {
            return;
        }
        String text = (resourceName == null ? "" : resourceName + ": ") + sourceMethod + ": " + format(msg, inserts);
        if (text.contains("password=")) {
            text = PASSWORD.matcher(text).replaceAll("password=(hidden)");
        }
        if (level <= SEVERE) {
            log.error(text, thrown);
        } else if (level == WARNING) {
            log.warn(text, thrown);
        } else if (level <= CONFIG) {
            log.debug(text, thrown);
        } else {
            log.trace(text, thrown);
        }
    }

    public void trace(int level, String sourceClass, String sourceMethod, String msg, Object[] inserts, Throwable ex) {
        log(level, sourceClass, sourceMethod, msg, inserts, ex);
    }

    /** The catalog's text for a message number, the message itself when it is not one. */
    public String formatMessage(String msg, Object[] inserts) {
        return catalogText(msg);
    }

    public void dumpTrace() {
    }

    private String format(String msg, Object[] inserts) {
        if (msg == null) {
            return "";
        }
        if (msg.contains("=====")) {       // Paho's own banners are not catalog entries
            return msg;
        }
        try {
            return MessageFormat.format(catalogText(msg), inserts);
        } catch (IllegalArgumentException e) {
            return msg;
        }
    }

    private String catalogText(String msg) {
        if (catalog == null || msg == null) {
            return msg;
        }
        try {
            return catalog.getString(msg);
        } catch (MissingResourceException e) {
            return msg;
        }
    }

    public void severe(String sourceClass, String sourceMethod, String msg) {
        log(SEVERE, sourceClass, sourceMethod, msg, null, null);
    }

    public void severe(String sourceClass, String sourceMethod, String msg, Object[] inserts) {
        log(SEVERE, sourceClass, sourceMethod, msg, inserts, null);
    }

    public void severe(String sourceClass, String sourceMethod, String msg, Object[] inserts, Throwable thrown) {
        log(SEVERE, sourceClass, sourceMethod, msg, inserts, thrown);
    }

    public void warning(String sourceClass, String sourceMethod, String msg) {
        log(WARNING, sourceClass, sourceMethod, msg, null, null);
    }

    public void warning(String sourceClass, String sourceMethod, String msg, Object[] inserts) {
        log(WARNING, sourceClass, sourceMethod, msg, inserts, null);
    }

    public void warning(String sourceClass, String sourceMethod, String msg, Object[] inserts, Throwable thrown) {
        log(WARNING, sourceClass, sourceMethod, msg, inserts, thrown);
    }

    public void info(String sourceClass, String sourceMethod, String msg) {
        log(INFO, sourceClass, sourceMethod, msg, null, null);
    }

    public void info(String sourceClass, String sourceMethod, String msg, Object[] inserts) {
        log(INFO, sourceClass, sourceMethod, msg, inserts, null);
    }

    public void info(String sourceClass, String sourceMethod, String msg, Object[] inserts, Throwable thrown) {
        log(INFO, sourceClass, sourceMethod, msg, inserts, thrown);
    }

    public void config(String sourceClass, String sourceMethod, String msg) {
        log(CONFIG, sourceClass, sourceMethod, msg, null, null);
    }

    public void config(String sourceClass, String sourceMethod, String msg, Object[] inserts) {
        log(CONFIG, sourceClass, sourceMethod, msg, inserts, null);
    }

    public void config(String sourceClass, String sourceMethod, String msg, Object[] inserts, Throwable thrown) {
        log(CONFIG, sourceClass, sourceMethod, msg, inserts, thrown);
    }

    public void fine(String sourceClass, String sourceMethod, String msg) {
        log(FINE, sourceClass, sourceMethod, msg, null, null);
    }

    public void fine(String sourceClass, String sourceMethod, String msg, Object[] inserts) {
        log(FINE, sourceClass, sourceMethod, msg, inserts, null);
    }

    public void fine(String sourceClass, String sourceMethod, String msg, Object[] inserts, Throwable thrown) {
        log(FINE, sourceClass, sourceMethod, msg, inserts, thrown);
    }

    public void finer(String sourceClass, String sourceMethod, String msg) {
        log(FINER, sourceClass, sourceMethod, msg, null, null);
    }

    public void finer(String sourceClass, String sourceMethod, String msg, Object[] inserts) {
        log(FINER, sourceClass, sourceMethod, msg, inserts, null);
    }

    public void finer(String sourceClass, String sourceMethod, String msg, Object[] inserts, Throwable thrown) {
        log(FINER, sourceClass, sourceMethod, msg, inserts, thrown);
    }

    public void finest(String sourceClass, String sourceMethod, String msg) {
        log(FINEST, sourceClass, sourceMethod, msg, null, null);
    }

    public void finest(String sourceClass, String sourceMethod, String msg, Object[] inserts) {
        log(FINEST, sourceClass, sourceMethod, msg, inserts, null);
    }

    public void finest(String sourceClass, String sourceMethod, String msg, Object[] inserts, Throwable thrown) {
        log(FINEST, sourceClass, sourceMethod, msg, inserts, thrown);
    }
}
