package dev.demarc.agent;

import com.hivemq.embedded.EmbeddedHiveMQ;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * HiveMQ Community Edition in the test JVM: one plain MQTT listener on 127.0.0.1, state in memory.
 * Public for the CLI's tests ({@code demarc bench}).
 */
public final class TestBroker implements AutoCloseable {

    private final int port;
    private final EmbeddedHiveMQ hivemq;

    public TestBroker(Path dir) throws IOException {
        port = freePort();
        Files.writeString(Files.createDirectories(dir.resolve("conf")).resolve("config.xml"), """
                <?xml version="1.0"?>
                <hivemq>
                  <listeners>
                    <tcp-listener><port>%d</port><bind-address>127.0.0.1</bind-address></tcp-listener>
                  </listeners>
                  <persistence><mode>in-memory</mode></persistence>
                  <anonymous-usage-statistics><enabled>false</enabled></anonymous-usage-statistics>
                </hivemq>
                """.formatted(port));
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
