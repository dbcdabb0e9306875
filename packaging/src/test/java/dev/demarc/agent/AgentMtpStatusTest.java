package dev.demarc.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.demarc.core.Result;
import dev.demarc.core.usp.proto.UspMsg;
import dev.demarc.core.usp.proto.UspRecord;
import dev.demarc.tr181.MtpStatusRegistry;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The MTPs' live values in TR-181 as the running agent keeps them:
 * {@code Device.MQTT.Client.{i}.Status} and {@code Device.LocalAgent.MTP.{i}.Status} follow what
 * the transports do, and a ValueChange subscription on them is notified of each change without
 * polling. The test controller reaches the agent over its WebSocket server MTP
 * ({@code Device.LocalAgent.MTP.1}); the MQTT MTP under test is {@code Device.LocalAgent.MTP.2}.
 */
class AgentMtpStatusTest {

    private static final String AGENT = "proto::agent";
    private static final String CONTROLLER_ID = "proto::controller";
    private static final String CLIENT = "Device.MQTT.Client.1.";
    private static final String MQTT_MTP = "Device.LocalAgent.MTP.2.";

    @TempDir
    Path tmp;

    private final List<AutoCloseable> opened = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (int i = opened.size() - 1; i >= 0; i--) {
            opened.get(i).close();
        }
    }

    private RunningAgent start(List<String> lines) throws Exception {
        List<String> all = new ArrayList<>(List.of(
                "Device.LocalAgent.Controller.1.EndpointID = " + CONTROLLER_ID,
                "Device.LocalAgent.Controller.1.Enable = true",
                "Device.LocalAgent.Controller.1.AssignedRole = Device.LocalAgent.ControllerTrust.Role.1",
                "Device.LocalAgent.MTP.1.Enable = true",
                "Device.LocalAgent.MTP.1.Protocol = WebSocket",
                "Device.LocalAgent.MTP.1.WebSocket.Path = /usp",
                "Device.LocalAgent.MTP.1.WebSocket.EnableEncryption = false"));
        all.addAll(lines);
        Path defaults = Files.write(tmp.resolve("defaults.txt"), all);
        RunningAgent agent = RunningAgent.start(RunningAgent.Settings.builder(tmp.resolve("data"))
                .defaultsFile(defaults).endpointId(AGENT).webSocketPort(0).build());
        opened.add(agent);
        return agent;
    }

    /** An MQTT client of 127.0.0.1:{@code port} and the MTP using it, with {@code more} lines. */
    private static List<String> mqtt(int port, String... more) {
        List<String> lines = new ArrayList<>(List.of(
                CLIENT + "Enable = true",
                CLIENT + "BrokerAddress = 127.0.0.1",
                CLIENT + "BrokerPort = " + port,
                MQTT_MTP + "Enable = true",
                MQTT_MTP + "Protocol = MQTT",
                MQTT_MTP + "MQTT.Reference = Device.MQTT.Client.1",
                MQTT_MTP + "MQTT.ResponseTopicConfigured = usp/agent/status"));
        for (String line : more) {
            String path = line.substring(0, line.indexOf('=')).strip();
            lines.removeIf(l -> l.substring(0, l.indexOf('=')).strip().equals(path));
            lines.add(line);
        }
        return lines;
    }

    private WebSocketTestClient connect(RunningAgent agent) {
        int port = agent.router().webSocketServerPort("Device.LocalAgent.MTP.1").orElseThrow();
        WebSocketTestClient c = WebSocketTestClient.connect(port, "/usp", CONTROLLER_ID);
        opened.add(c);
        UspRecord.Record connect = Usp.parse(c.next());
        assertEquals(UspRecord.Record.RecordTypeCase.WEBSOCKET_CONNECT, connect.getRecordTypeCase(), connect::toString);
        return c;
    }

    private static String read(RunningAgent agent, String path) throws Exception {
        Result<String> r = agent.owner().call(m -> m.read(path)).get(30, TimeUnit.SECONDS);
        assertTrue(r.isOk(), () -> path + ": " + r.error());
        return r.value();
    }

    /** Waits until {@code path} reads {@code expected}; fails after {@link Usp#WAIT} with what it read. */
    private static void awaitValue(RunningAgent agent, String path, String expected) throws Exception {
        long deadline = System.nanoTime() + Usp.WAIT.toNanos();
        String now = read(agent, path);
        while (!now.equals(expected)) {
            if (System.nanoTime() > deadline) {
                fail(path + " is " + now + ", not " + expected + ", after " + Usp.WAIT);
            }
            TimeUnit.MILLISECONDS.sleep(20);
            now = read(agent, path);
        }
    }

    /** The next ValueChange Notify, as "path = value"; other messages (a SetResp) are passed over. */
    private static String nextValueChange(WebSocketTestClient controller) {
        while (true) {
            UspMsg.Msg msg = Usp.msg(Usp.parse(controller.next()));
            if (msg.getBody().hasRequest() && msg.getBody().getRequest().hasNotify()) {
                UspMsg.Notify n = msg.getBody().getRequest().getNotify();
                assertTrue(n.hasValueChange(), n::toString);
                return n.getValueChange().getParamPath() + " = " + n.getValueChange().getParamValue();
            }
        }
    }

    private static List<String> subscription(String id, String referenceList) {
        return List.of(
                "Device.LocalAgent.Subscription.1.Enable = true",
                "Device.LocalAgent.Subscription.1.Recipient = Device.LocalAgent.Controller.1",
                "Device.LocalAgent.Subscription.1.ID = " + id,
                "Device.LocalAgent.Subscription.1.NotifType = ValueChange",
                "Device.LocalAgent.Subscription.1.ReferenceList = " + referenceList);
    }

    @Test
    void enabling_a_client_is_notified_as_connecting_then_connected_and_the_broker_going_away_too() throws Exception {
        TestBroker broker = new TestBroker(Files.createDirectories(tmp.resolve("broker")));
        opened.add(broker);
        List<String> lines = new ArrayList<>(mqtt(broker.port(), CLIENT + "Enable = false"));
        lines.addAll(subscription("status", CLIENT + "Status," + MQTT_MTP + "Status"));
        RunningAgent agent = start(lines);
        WebSocketTestClient controller = connect(agent);
        assertEquals("Disabled", read(agent, CLIENT + "Status"));
        assertEquals("Down", read(agent, MQTT_MTP + "Status"));
        LogCapture router = new LogCapture(MtpRouter.class, ch.qos.logback.classic.Level.INFO);
        opened.add(router);

        controller.send(Usp.record(CONTROLLER_ID, AGENT, Usp.set("enable", CLIENT, "Enable", "true")));

        List<String> clientChanges = new ArrayList<>();
        List<String> mtpChanges = new ArrayList<>();
        while (!clientChanges.contains(CLIENT + "Status = Connected") || mtpChanges.isEmpty()) {
            String change = nextValueChange(controller);
            (change.startsWith(CLIENT) ? clientChanges : mtpChanges).add(change);
        }
        assertEquals(List.of(CLIENT + "Status = Connecting", CLIENT + "Status = Connected"), clientChanges,
                "each change, in order, without polling");
        assertEquals(List.of(MQTT_MTP + "Status = Up"), mtpChanges);
        assertEquals("Connected", read(agent, CLIENT + "Status"));
        agent.router().idle().get(30, TimeUnit.SECONDS);
        assertTrue(router.lines().stream().noneMatch(l -> l.contains("stopping")),
                () -> "a status change is no configuration change: the MTP is not restarted " + router.lines());

        broker.close();

        List<String> afterOutage = new ArrayList<>();
        while (afterOutage.size() < 2) {
            afterOutage.add(nextValueChange(controller));
        }
        assertTrue(afterOutage.contains(CLIENT + "Status = Error_BrokerUnreachable"), afterOutage::toString);
        assertTrue(afterOutage.contains(MQTT_MTP + "Status = Down"), afterOutage::toString);
    }

    @Test
    void a_connected_client_counts_its_messages_in_its_stats() throws Exception {
        TestBroker broker = new TestBroker(Files.createDirectories(tmp.resolve("broker")));
        opened.add(broker);
        MqttTestController mqtt = new MqttTestController("5.0", "127.0.0.1", broker.port(), "controller-stats",
                "usp/controller/stats", CONTROLLER_ID, "usp/agent/status");
        opened.add(mqtt);
        List<String> lines = new ArrayList<>(mqtt(broker.port()));
        lines.addAll(List.of("Device.LocalAgent.Controller.1.MTP.1.Enable = true",
                "Device.LocalAgent.Controller.1.MTP.1.Protocol = MQTT",
                "Device.LocalAgent.Controller.1.MTP.1.MQTT.Topic = usp/controller/stats"));
        RunningAgent agent = start(lines);
        assertEquals(UspRecord.Record.RecordTypeCase.MQTT_CONNECT, Usp.parse(mqtt.next()).getRecordTypeCase());
        assertEquals("0", read(agent, CLIENT + "Stats.ConnectionErrors"));
        assertTrue(!read(agent, CLIENT + "Stats.BrokerConnectionEstablished").equals(MtpStatusRegistry.UNKNOWN_TIME),
                "connected: a time");

        mqtt.send(Usp.record(CONTROLLER_ID, AGENT, Usp.get("stats", CLIENT + "Stats.")));
        Map<String, String> stats = Usp.getResp(Usp.msg(Usp.parse(mqtt.next())), CLIENT + "Stats.");

        assertEquals("1", stats.get("MQTTMessagesReceived"), "the Get");
        assertEquals("0", stats.get("ConnectionErrors"));
        awaitValue(agent, CLIENT + "Stats.MQTTMessagesSent", "2"); // the MQTTConnectRecord and the answer, acknowledged
    }

    @Test
    void a_broker_nobody_answers_on_reads_error_broker_unreachable_and_its_mtp_down() throws Exception {
        int nobody = TestBroker.freePort();
        RunningAgent agent = start(mqtt(nobody));

        awaitValue(agent, CLIENT + "Status", "Error_BrokerUnreachable");
        assertEquals("Down", read(agent, MQTT_MTP + "Status"));
        assertEquals("", read(agent, MQTT_MTP + "MQTT.ResponseTopicDiscovered"));
        assertEquals("Up", read(agent, "Device.LocalAgent.MTP.1.Status"), "the WebSocket server listens");
    }

    @Test
    void a_disabled_client_reads_disabled_and_its_mtp_down() throws Exception {
        RunningAgent agent = start(mqtt(TestBroker.freePort(), CLIENT + "Enable = false"));

        assertEquals("Disabled", read(agent, CLIENT + "Status"));
        assertEquals("Down", read(agent, MQTT_MTP + "Status"));
    }

    @Test
    void a_client_whose_configuration_cannot_be_used_reads_error_misconfigured_and_its_mtp_error() throws Exception {
        RunningAgent agent = start(mqtt(TestBroker.freePort(), CLIENT + "BrokerAddress = \"\""));

        awaitValue(agent, CLIENT + "Status", "Error_Misconfigured");
        assertEquals("Error", read(agent, MQTT_MTP + "Status"));
    }

    @Test
    void disabling_a_connected_client_reads_disabled_again() throws Exception {
        TestBroker broker = new TestBroker(Files.createDirectories(tmp.resolve("broker")));
        opened.add(broker);
        RunningAgent agent = start(mqtt(broker.port()));
        awaitValue(agent, CLIENT + "Status", "Connected");
        assertEquals("Up", read(agent, MQTT_MTP + "Status"));

        Result<?> disabled = agent.owner().call(m -> {
            var tx = m.begin();
            tx.set(CLIENT + "Enable", "false");
            return tx.commit();
        }).get(30, TimeUnit.SECONDS);
        assertTrue(disabled.isOk(), disabled::toString);

        awaitValue(agent, CLIENT + "Status", "Disabled");
        assertEquals("Down", read(agent, MQTT_MTP + "Status"));
    }

    @Test
    void a_websocket_server_that_cannot_listen_reads_error() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            RunningAgent agent = start(List.of(
                    "Device.LocalAgent.MTP.3.Enable = true",
                    "Device.LocalAgent.MTP.3.Protocol = WebSocket",
                    "Device.LocalAgent.MTP.3.WebSocket.Port = " + taken.getLocalPort(),
                    "Device.LocalAgent.MTP.3.WebSocket.EnableEncryption = false"));

            awaitValue(agent, "Device.LocalAgent.MTP.3.Status", "Error");
            assertEquals("Up", read(agent, "Device.LocalAgent.MTP.1.Status"));
        }
    }
}
