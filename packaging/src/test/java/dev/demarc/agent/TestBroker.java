package dev.demarc.agent;

import com.hivemq.embedded.EmbeddedHiveMQ;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * HiveMQ Community Edition in the test JVM: a plain MQTT listener on 127.0.0.1, and with a
 * {@link TestPki} a TLS one requiring a client certificate issued by the test CA; state in memory.
 * Public for the CLI's tests ({@code demarc bench}).
 */
public final class TestBroker implements AutoCloseable {

    private final int port;
    private final int tlsPort;
    private final EmbeddedHiveMQ hivemq;

    public TestBroker(Path dir) throws IOException {
        this(dir, null);
    }

    TestBroker(Path dir, TestPki pki) throws IOException {
        port = freePort();
        tlsPort = pki == null ? -1 : freePort();
        String tlsListener = pki == null ? "" : """
                <tls-tcp-listener>
                  <port>%d</port><bind-address>127.0.0.1</bind-address>
                  <tls>
                    <keystore><path>%s</path><password>%s</password><private-key-password>%s</private-key-password></keystore>
                    <truststore><path>%s</path><password>%s</password></truststore>
                    <client-authentication-mode>REQUIRED</client-authentication-mode>
                  </tls>
                </tls-tcp-listener>
                """.formatted(tlsPort, pki.file("broker.jks"), TestPki.PASSWORD, TestPki.PASSWORD,
                pki.file("broker-trust.jks"), TestPki.PASSWORD);
        Files.writeString(Files.createDirectories(dir.resolve("conf")).resolve("config.xml"), """
                <?xml version="1.0"?>
                <hivemq>
                  <listeners>
                    <tcp-listener><port>%d</port><bind-address>127.0.0.1</bind-address></tcp-listener>
                    %s
                  </listeners>
                  <persistence><mode>in-memory</mode></persistence>
                  <anonymous-usage-statistics><enabled>false</enabled></anonymous-usage-statistics>
                </hivemq>
                """.formatted(port, tlsListener));
        hivemq = EmbeddedHiveMQ.builder()
                .withConfigurationFolder(dir.resolve("conf"))
                .withDataFolder(Files.createDirectories(dir.resolve("data")))
                .withExtensionsFolder(Files.createDirectories(dir.resolve("extensions")))
                .withoutLoggingBootstrap()
                .build();
        hivemq.start().join();
    }

    public int port() {
        return port;
    }

    /** The TLS listener, requiring a client certificate of the test CA; only with a {@link TestPki}. */
    int tlsPort() {
        if (tlsPort < 0) {
            throw new IllegalStateException("no TLS listener: make the broker with a TestPki");
        }
        return tlsPort;
    }

    @Override
    public void close() throws Exception {
        hivemq.close();
    }

    public static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
