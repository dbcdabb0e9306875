package dev.demarc.mtp.mqtt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.text.MessageFormat;
import java.util.List;
import java.util.ResourceBundle;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * Paho's log goes through SLF4J once {@link PahoLogging#install()} ran: loggers named after the
 * Paho class, Paho's levels mapped to SLF4J's, catalog messages formatted, and nothing formatted
 * below the enabled level. Checked on the loggers Paho's own factories hand out and on a real
 * client's constructor.
 */
class PahoLoggingTest {

    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
    private final ch.qos.logback.classic.Logger paho = (ch.qos.logback.classic.Logger) LoggerFactory.getLogger("org.eclipse.paho");
    private Level before;

    @BeforeEach
    void capture() {
        PahoLogging.install();
        before = paho.getLevel();
        paho.setLevel(Level.DEBUG);
        appender.start();
        paho.addAppender(appender);
    }

    @AfterEach
    void release() {
        paho.detachAppender(appender);
        appender.stop();
        paho.setLevel(before);
    }

    private List<String> lines() {
        synchronized (appender) {
            return appender.list.stream().map(e -> e.getLevel() + " " + e.getLoggerName() + " " + e.getFormattedMessage())
                    .toList();
        }
    }

    @Test
    void the_mqtt5_client_logs_through_slf4j_with_its_catalog_messages() {
        String owner = "org.eclipse.paho.mqttv5.client.internal.ClientState";
        var log = org.eclipse.paho.mqttv5.client.logging.LoggerFactory.getLogger(
                org.eclipse.paho.mqttv5.client.logging.LoggerFactory.MQTT_CLIENT_MSG_CAT, owner);
        assertInstanceOf(PahoLogging.V5.class, log);
        log.setResourceName("client-1");

        log.warning(owner, "checkForActivity", "513", new Object[] {"key-7"});
        log.fine(owner, "send", "510", new Object[] {"not wanted"});
        log.severe(owner, "run", "a plain text {0}", new Object[] {"x"}, new IllegalStateException("boom"));

        String catalog = ResourceBundle.getBundle(org.eclipse.paho.mqttv5.client.logging.LoggerFactory.MQTT_CLIENT_MSG_CAT)
                .getString("513");
        assertEquals(List.of(
                "WARN " + owner + " client-1: checkForActivity: " + MessageFormat.format(catalog, "key-7"),
                "ERROR " + owner + " client-1: run: a plain text x"), lines());
        assertEquals("boom", appender.list.get(1).getThrowableProxy().getMessage());
        assertTrue(log.isLoggable(org.eclipse.paho.mqttv5.client.logging.Logger.CONFIG), "CONFIG is DEBUG");
        assertFalse(log.isLoggable(org.eclipse.paho.mqttv5.client.logging.Logger.FINE), "FINE is TRACE");
    }

    @Test
    void the_mqtt311_client_logs_through_slf4j_too() {
        String owner = "org.eclipse.paho.client.mqttv3.internal.ClientComms";
        var log = org.eclipse.paho.client.mqttv3.logging.LoggerFactory.getLogger(
                org.eclipse.paho.client.mqttv3.logging.LoggerFactory.MQTT_CLIENT_MSG_CAT, owner);
        assertInstanceOf(PahoLogging.V3.class, log);

        log.info(owner, "shutdown", "routine", null);
        log.warning(owner, "connect", "broker {0} away", new Object[] {"127.0.0.1"});

        assertEquals(List.of("DEBUG " + owner + " shutdown: routine", "WARN " + owner + " connect: broker 127.0.0.1 away"),
                lines());
    }

    @Test
    void a_password_paho_prints_never_reaches_the_log() throws Exception {
        paho.setLevel(Level.TRACE);
        String owner = "org.eclipse.paho.mqttv5.client.internal.ClientState";
        var log = org.eclipse.paho.mqttv5.client.logging.LoggerFactory.getLogger(
                org.eclipse.paho.mqttv5.client.logging.LoggerFactory.MQTT_CLIENT_MSG_CAT, owner);
        var connect = new org.eclipse.paho.mqttv5.common.packet.MqttConnect("client-9", 5, true, 60,
                new org.eclipse.paho.mqttv5.common.packet.MqttProperties(),
                new org.eclipse.paho.mqttv5.common.packet.MqttProperties());
        connect.setUserName("agent");
        connect.setPassword("s3cret-pw".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertTrue(connect.toString().contains("password=[115, 51"), "Paho prints it");

        log.fine(owner, "send", "sending {0}", new Object[] {connect});

        assertEquals(1, lines().size());
        String line = lines().get(0);
        assertTrue(line.contains("password=(hidden)") && line.contains("userName=agent"), line);
        assertFalse(line.contains("115, 51"), line);
    }

    @Test
    void a_real_client_writes_its_trace_through_slf4j_when_trace_is_on() throws Exception {
        paho.setLevel(Level.TRACE);
        var client = new org.eclipse.paho.mqttv5.client.MqttAsyncClient("tcp://127.0.0.1:1", "paho-logging-test",
                new org.eclipse.paho.mqttv5.client.persist.MemoryPersistence());
        client.close(true);

        assertTrue(lines().stream().anyMatch(l -> l.startsWith("TRACE org.eclipse.paho.mqttv5.client.MqttAsyncClient "
                + "paho-logging-test: MqttAsyncClient: ") && l.contains("tcp://127.0.0.1:1")), lines().toString());
    }
}
