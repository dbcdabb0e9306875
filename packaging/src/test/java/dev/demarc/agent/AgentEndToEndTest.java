package dev.demarc.agent;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/** The agent end to end over every MTP; MQTT through HiveMQ CE embedded in the test JVM. */
class AgentEndToEndTest extends AgentEndToEndContract {

    private static TestBroker broker;

    @BeforeAll
    static void startBroker(@TempDir Path dir) throws Exception {
        broker = new TestBroker(dir);
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

    @Override
    protected boolean runs(Mtp mtp) {
        return true;
    }
}
