package dev.demarc.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.demarc.core.usp.proto.UspMsg;
import dev.demarc.core.usp.proto.UspRecord;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The agent's MTPs over TLS with the files of {@code demarc agent --tls-ca --tls-cert --tls-key}
 * (the test PKI of {@code src/test/resources/tls/}): the WebSocket server MTP requiring a
 * controller certificate (TR-369 R-MTP.1), the WebSocket client MTP presenting the agent's
 * certificate to a controller that requires one, and MQTT through a broker's TLS listener that
 * requires a client certificate.
 */
class AgentTlsEndToEndTest {

    private static final String CONTROLLER = "Device.LocalAgent.Controller.1.";

    private static TestPki pki;
    private static TestBroker broker;

    @TempDir
    Path tmp;

    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private final String agentId = "proto::agent-" + run;
    /** The Endpoint ID controller.p12's certificate names (TR-369 R-SEC.0a). */
    private final String controllerId = "proto::demarc-test-controller";
    private final List<AutoCloseable> opened = new ArrayList<>();

    @BeforeAll
    static void startBroker(@TempDir Path dir) throws Exception {
        pki = new TestPki(Files.createDirectories(dir.resolve("pki")));
        broker = new TestBroker(Files.createDirectories(dir.resolve("broker")), pki);
    }

    @AfterAll
    static void stopBroker() throws Exception {
        broker.close();
    }

    @AfterEach
    void closeAll() throws Exception {
        for (int i = opened.size() - 1; i >= 0; i--) {
            opened.get(i).close();
        }
    }

    private <T extends AutoCloseable> T opened(T c) {
        opened.add(c);
        return c;
    }

    private RunningAgent start(AgentTls tls, String... lines) throws Exception {
        List<String> all = new ArrayList<>(List.of(
                CONTROLLER + "EndpointID = " + controllerId,
                CONTROLLER + "Enable = true",
                CONTROLLER + "AssignedRole = Device.LocalAgent.ControllerTrust.Role.1"));
        all.addAll(List.of(lines));
        Path defaults = Files.write(tmp.resolve("defaults.txt"), all);
        return opened(RunningAgent.start(RunningAgent.Settings.builder(tmp.resolve("data"))
                .defaultsFile(defaults).endpointId(agentId).webSocketPort(0).tls(tls).build()));
    }

    private static final String[] TLS_WEBSOCKET_SERVER = {
        "Device.LocalAgent.MTP.1.Enable = true",
        "Device.LocalAgent.MTP.1.Protocol = WebSocket",
        "Device.LocalAgent.MTP.1.WebSocket.Path = /usp",
        "Device.LocalAgent.MTP.1.WebSocket.EnableEncryption = true"};

    private URI wss(RunningAgent agent) {
        return wss(agent, controllerId);
    }

    private static URI wss(RunningAgent agent, String endpointId) {
        int port = agent.router().webSocketServerPort("Device.LocalAgent.MTP.1").orElseThrow();
        return URI.create("wss://127.0.0.1:" + port + "/usp?eid=" + URLEncoder.encode(endpointId, StandardCharsets.UTF_8));
    }

    /** The connect record, then a Get of the agent's Endpoint ID answered. */
    private void getAnswered(ControllerEnd controller) throws Exception {
        UspRecord.Record connect = Usp.parse(controller.next());
        assertTrue(connect.getRecordTypeCase() == UspRecord.Record.RecordTypeCase.WEBSOCKET_CONNECT
                || connect.getRecordTypeCase() == UspRecord.Record.RecordTypeCase.MQTT_CONNECT, connect::toString);
        controller.send(Usp.record(controllerId, agentId, Usp.get("over-tls", "Device.LocalAgent.EndpointID")));
        UspMsg.Msg answer = Usp.msg(Usp.parse(controller.next()));
        assertEquals("over-tls", answer.getHeader().getMsgId());
        assertEquals(agentId, Usp.getResp(answer, "Device.LocalAgent.").get("EndpointID"));
    }

    @Test
    void a_controller_with_a_certificate_of_the_ca_reaches_the_websocket_server_over_tls() throws Exception {
        RunningAgent agent = start(pki.agentTls(), TLS_WEBSOCKET_SERVER);
        assertTrue(agent.router().mtps().get(0).describe().contains("wss://"), agent.router().mtps()::toString);

        WebSocketTestClient controller = opened(WebSocketTestClient.connect(wss(agent),
                pki.controllerContext("controller.p12")));

        getAnswered(controller);
    }

    @Test
    void the_websocket_server_refuses_a_controller_without_a_certificate_or_with_one_of_another_ca()
            throws Exception {
        RunningAgent agent = start(pki.agentTls(), TLS_WEBSOCKET_SERVER);

        assertThrows(RuntimeException.class, () -> opened(WebSocketTestClient.connect(wss(agent),
                pki.controllerContext(null))), "R-MTP.1: a client certificate is required");
        assertThrows(RuntimeException.class, () -> opened(WebSocketTestClient.connect(wss(agent),
                pki.controllerContext("stranger.p12"))), "verified against --tls-ca");
        WebSocketTestClient trusted = opened(WebSocketTestClient.connect(wss(agent),
                pki.controllerContext("controller.p12")));
        getAnswered(trusted);
    }

    @Test
    void records_of_a_controller_whose_certificate_names_another_endpoint_id_are_not_processed_R_SEC_0a()
            throws Exception {
        RunningAgent agent = start(pki.agentTls(), TLS_WEBSOCKET_SERVER);
        WebSocketTestClient impostor = opened(WebSocketTestClient.connect(wss(agent, "proto::demarc-test-impostor"),
                pki.controllerContext("impostor.p12")));
        // (No connect record: the Endpoint ID its handshake claims is not a controller of the agent's.)
        impostor.send(Usp.record(controllerId, agentId, Usp.get("from-impostor", "Device.LocalAgent.EndpointID")));

        // The real controller, after it, is answered; the impostor's Get, which came first, was not.
        getAnswered(opened(WebSocketTestClient.connect(wss(agent), pki.controllerContext("controller.p12"))));
        assertNull(impostor.records.poll(500, TimeUnit.MILLISECONDS), "no answer to a record its certificate does not vouch for");
    }

    @Test
    void without_a_certificate_of_its_own_the_agent_does_not_start_a_tls_websocket_server() throws Exception {
        try (LogCapture log = new LogCapture(MtpRouter.class)) {
            RunningAgent agent = start(AgentTls.load(pki.ca(), null, null), TLS_WEBSOCKET_SERVER);
            assertEquals(List.of(), agent.router().mtps());
            String error = log.await("MTP not started: Device.LocalAgent.MTP.1.WebSocket.EnableEncryption");
            assertTrue(error.contains("start it with --tls-cert and --tls-key"), error);
        }
    }

    private String[] webSocketClientTo(WebSocketTestServer server) {
        return new String[] {
            CONTROLLER + "MTP.1.Enable = true",
            CONTROLLER + "MTP.1.Protocol = WebSocket",
            CONTROLLER + "MTP.1.WebSocket.Host = 127.0.0.1",
            CONTROLLER + "MTP.1.WebSocket.Port = " + server.port(),
            CONTROLLER + "MTP.1.WebSocket.Path = /controller",
            CONTROLLER + "MTP.1.WebSocket.EnableEncryption = true",
            CONTROLLER + "MTP.1.WebSocket.SessionRetryMinimumWaitInterval = 1"};
    }

    @Test
    void the_agent_connects_to_a_controller_over_tls_presenting_its_certificate() throws Exception {
        WebSocketTestServer controller = opened(new WebSocketTestServer("/controller",
                pki.keyManagers("controller.p12"), pki.caTrust()));

        start(pki.agentTls(), webSocketClientTo(controller));

        getAnswered(controller);
        assertEquals("CN=demarc-test-agent", Usp.take(controller.clientCertificates, "the agent's certificate"));
    }

    @Test // TP-469 4.1
    void the_agent_secures_its_mtp_with_certificates_and_answers_get_supported_protocol_over_it_TP469_4_1()
            throws Exception {
        WebSocketTestServer controller = opened(new WebSocketTestServer("/controller",
                pki.keyManagers("controller.p12"), pki.caTrust()));

        start(pki.agentTls(), webSocketClientTo(controller));

        // The controller's certificate verified against the agent's CA (one of another CA is
        // refused: the next test), the agent's own presented to the controller, which requires it.
        assertEquals("CN=demarc-test-agent", Usp.take(controller.clientCertificates, "the agent's certificate"));
        String protocol = Usp.take(controller.tlsProtocols, "the TLS protocol");
        assertTrue(List.of("TLSv1.2", "TLSv1.3").contains(protocol), protocol);
        assertEquals(UspRecord.Record.RecordTypeCase.WEBSOCKET_CONNECT, Usp.parse(controller.next()).getRecordTypeCase());
        controller.send(Usp.record(controllerId, agentId, Usp.getSupportedProtocol("proto-4-1", "1.3,1.4")));
        UspMsg.Msg answer = Usp.msg(Usp.parse(controller.next()));
        assertEquals("proto-4-1", answer.getHeader().getMsgId());
        assertEquals("1.2,1.3,1.4",
                answer.getBody().getResponse().getGetSupportedProtocolResp().getAgentSupportedProtocolVersions());
    }

    @Test
    void the_agent_refuses_a_controller_whose_certificate_is_not_of_its_ca() throws Exception {
        WebSocketTestServer stranger = opened(new WebSocketTestServer("/controller",
                pki.keyManagers("stranger.p12"), pki.caTrust()));
        try (LogCapture log = new LogCapture(dev.demarc.mtp.websocket.WebSocketClientTransport.class,
                ch.qos.logback.classic.Level.INFO)) {
            start(pki.agentTls(), webSocketClientTo(stranger));

            String refused = log.await("not established");
            assertTrue(refused.contains("wss://127.0.0.1:" + stranger.port()), refused);
            assertTrue(refused.contains("PKIX") || refused.contains("certificate"), refused);
            assertTrue(stranger.handshakes.isEmpty(), "no WebSocket session with a controller the agent cannot verify");
        }
    }

    @Test
    void mqtt_over_tls_refuses_a_broker_its_cas_do_not_vouch_for_and_says_misconfigured() throws Exception {
        RunningAgent agent = start(AgentTls.none(),
                "Device.MQTT.Client.1.Enable = true",
                "Device.MQTT.Client.1.BrokerAddress = localhost",
                "Device.MQTT.Client.1.BrokerPort = " + broker.tlsPort(),
                "Device.MQTT.Client.1.TransportProtocol = TLS",
                "Device.LocalAgent.MTP.1.Enable = true",
                "Device.LocalAgent.MTP.1.Protocol = MQTT",
                "Device.LocalAgent.MTP.1.MQTT.Reference = Device.MQTT.Client.1",
                "Device.LocalAgent.MTP.1.MQTT.ResponseTopicConfigured = usp/agent/" + run);

        long deadline = System.nanoTime() + Usp.WAIT.toNanos();
        String status = "";
        while (!status.equals("Error_Misconfigured") && System.nanoTime() < deadline) {
            Thread.sleep(20);
            status = agent.owner().call(m -> m.read("Device.MQTT.Client.1.Status").value()).get();
        }
        assertEquals("Error_Misconfigured", status, "the test CA is not among the JVM's");
        assertEquals("Error", agent.owner().call(m -> m.read("Device.LocalAgent.MTP.1.Status").value()).get());
    }

    @Test
    void mqtt_over_tls_verifies_the_broker_and_presents_the_agents_certificate() throws Exception {
        String agentTopic = "usp/agent/" + run;
        String controllerTopic = "usp/controller/" + run;
        MqttTestController controller = opened(new MqttTestController("5.0", "127.0.0.1", broker.port(),
                "controller-" + run, controllerTopic, controllerId, agentTopic));

        start(pki.agentTls(),
                "Device.MQTT.Client.1.Enable = true",
                "Device.MQTT.Client.1.BrokerAddress = localhost",
                "Device.MQTT.Client.1.BrokerPort = " + broker.tlsPort(),
                "Device.MQTT.Client.1.TransportProtocol = TLS",
                "Device.MQTT.Client.1.ClientID = agent-" + run,
                "Device.LocalAgent.MTP.1.Enable = true",
                "Device.LocalAgent.MTP.1.Protocol = MQTT",
                "Device.LocalAgent.MTP.1.MQTT.Reference = Device.MQTT.Client.1",
                "Device.LocalAgent.MTP.1.MQTT.ResponseTopicConfigured = " + agentTopic,
                CONTROLLER + "MTP.1.Enable = true",
                CONTROLLER + "MTP.1.Protocol = MQTT",
                CONTROLLER + "MTP.1.MQTT.Topic = " + controllerTopic);

        getAnswered(controller);
    }
}
