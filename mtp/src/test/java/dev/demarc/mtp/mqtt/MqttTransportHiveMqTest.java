package dev.demarc.mtp.mqtt;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import java.nio.file.Path;

/**
 * The MQTT MTP against HiveMQ CE embedded in the test JVM: the shared contract, plus what needs
 * a broker the test controls (CONNECT contents, CONNACK properties, restarts, TLS).
 */
class MqttTransportHiveMqTest extends MqttTransportContract {

    static EmbeddedBroker broker;

    @BeforeAll
    static void startBroker(@TempDir Path dir) throws Exception {
        broker = new EmbeddedBroker(dir);
    }

    @AfterAll
    static void stopBroker() throws Exception {
        if (broker != null) {
            broker.close();
        }
    }

    @Override
    protected String brokerHost() {
        return "127.0.0.1";
    }

    @Override
    protected int brokerPort() {
        return broker.port();
    }
}
