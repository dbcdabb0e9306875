package dev.demarc.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.demarc.core.usp.proto.UspMsg;
import dev.demarc.core.usp.proto.UspRecord;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A real agent ({@link RunningAgent}, started in this JVM from a defaults file) and a controller
 * written in the test, over each MTP: the agent as WebSocket server and as WebSocket client, and
 * MQTT 5.0 and 3.1.1 through a real broker, which subclasses provide.
 */
abstract class AgentEndToEndContract {

    /** The MTP between the agent and the test controller. */
    enum Mtp {
        WEBSOCKET_AGENT_AS_SERVER, WEBSOCKET_AGENT_AS_CLIENT, MQTT_5_0, MQTT_3_1_1;

        boolean mqtt() {
            return this == MQTT_5_0 || this == MQTT_3_1_1;
        }

        String protocol() {
            return mqtt() ? "MQTT" : "WebSocket";
        }
    }

    static final String CONTROLLER = "Device.LocalAgent.Controller.1.";

    @TempDir
    Path tmp;

    /** Unique per test, as the broker may be shared. */
    final String run = UUID.randomUUID().toString().substring(0, 8);
    final String agentId = "proto::agent-" + run;
    final String controllerId = "proto::controller-" + run;
    final String agentTopic = "usp/agent/" + run;
    final String controllerTopic = "usp/controller/" + run;

    RunningAgent agent;
    RunningAgent.Settings settings;
    ControllerEnd controller;

    protected abstract String brokerHost();

    protected abstract int brokerPort();

    /** Whether this test class can run {@code mtp}; the others are skipped. */
    protected abstract boolean runs(Mtp mtp);

    @AfterEach
    void stop() throws Exception {
        if (agent != null) {
            agent.close();
        }
        if (controller != null) {
            controller.close();
        }
    }

    /** Starts the controller's end and the agent, configured for each other over {@code mtp}. */
    void start(Mtp mtp) throws Exception {
        start(mtp, List.of());
    }

    /** Starts the agent on an MQTT {@code mtp}, takes its MQTTConnectRecord, and answers the MQTT controller. */
    MqttTestController startOnMqtt(Mtp mtp) throws Exception {
        start(mtp);
        expectConnectRecord(mtp);
        return (MqttTestController) controller;
    }

    /** The same, with more lines in the agent's defaults file. */
    void start(Mtp mtp, List<String> moreDefaults) throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(runs(mtp), () -> mtp + " is not run here");
        List<String> lines = new ArrayList<>(List.of(
                CONTROLLER + "EndpointID = " + controllerId,
                CONTROLLER + "Enable = true",
                CONTROLLER + "AssignedRole = Device.LocalAgent.ControllerTrust.Role.1"));
        switch (mtp) {
            case WEBSOCKET_AGENT_AS_SERVER -> lines.addAll(List.of(
                    "Device.LocalAgent.MTP.1.Enable = true",
                    "Device.LocalAgent.MTP.1.Protocol = WebSocket",
                    "Device.LocalAgent.MTP.1.WebSocket.Path = /usp",
                    "Device.LocalAgent.MTP.1.WebSocket.EnableEncryption = false"));
            case WEBSOCKET_AGENT_AS_CLIENT -> {
                WebSocketTestServer server = new WebSocketTestServer("/controller");
                controller = server;
                lines.addAll(List.of(
                        CONTROLLER + "MTP.1.Enable = true",
                        CONTROLLER + "MTP.1.Protocol = WebSocket",
                        CONTROLLER + "MTP.1.WebSocket.Host = 127.0.0.1",
                        CONTROLLER + "MTP.1.WebSocket.Port = " + server.port(),
                        CONTROLLER + "MTP.1.WebSocket.Path = /controller",
                        CONTROLLER + "MTP.1.WebSocket.EnableEncryption = false",
                        CONTROLLER + "MTP.1.WebSocket.SessionRetryMinimumWaitInterval = 1"));
            }
            case MQTT_5_0, MQTT_3_1_1 -> {
                String version = mtp == Mtp.MQTT_5_0 ? "5.0" : "3.1.1";
                controller = new MqttTestController(version, brokerHost(), brokerPort(), "controller-" + run,
                        controllerTopic, controllerId, agentTopic);
                lines.addAll(List.of(
                        "Device.MQTT.Client.1.Enable = true",
                        "Device.MQTT.Client.1.BrokerAddress = " + brokerHost(),
                        "Device.MQTT.Client.1.BrokerPort = " + brokerPort(),
                        "Device.MQTT.Client.1.ProtocolVersion = " + version,
                        "Device.MQTT.Client.1.ClientID = agent-" + run,
                        "Device.MQTT.Client.1.ConnectRetryTime = 1",
                        "Device.LocalAgent.MTP.1.Enable = true",
                        "Device.LocalAgent.MTP.1.Protocol = MQTT",
                        "Device.LocalAgent.MTP.1.MQTT.Reference = Device.MQTT.Client.1",
                        "Device.LocalAgent.MTP.1.MQTT.ResponseTopicConfigured = " + agentTopic,
                        CONTROLLER + "MTP.1.Enable = true",
                        CONTROLLER + "MTP.1.Protocol = MQTT",
                        CONTROLLER + "MTP.1.MQTT.Topic = " + controllerTopic));
            }
        }
        lines.addAll(moreDefaults);
        Path defaults = Files.write(tmp.resolve("defaults.txt"), lines);
        settings = RunningAgent.Settings.builder(tmp.resolve("data"))
                .defaultsFile(defaults)
                .endpointId(agentId)
                .softwareVersion("9.9.9-test")
                .webSocketPort(0)
                .build();
        agent = RunningAgent.start(settings);
        if (mtp == Mtp.WEBSOCKET_AGENT_AS_SERVER) {
            int port = agent.router().webSocketServerPort("Device.LocalAgent.MTP.1").orElseThrow();
            controller = WebSocketTestClient.connect(port, "/usp", controllerId);
        }
    }

    /**
     * What a reboot does to the agent: it stops (sending its DisconnectRecords) and starts again
     * on the same data directory. Not for the agent as WebSocket server, whose controller would
     * have to connect again.
     */
    void reboot() {
        agent.close();
        agent = RunningAgent.start(settings);
    }

    /** The answer to {@code request}, sent by the controller: the next record, checked to be a response to it. */
    UspMsg.Msg ask(UspMsg.Msg request) throws Exception {
        controller.send(Usp.record(controllerId, agentId, request));
        UspMsg.Msg answer = Usp.msg(next());
        assertEquals(request.getHeader().getMsgId(), answer.getHeader().getMsgId(), answer::toString);
        assertTrue(answer.getBody().hasResponse(), answer::toString);
        return answer;
    }

    UspRecord.Record next() {
        UspRecord.Record r = Usp.parse(controller.next());
        assertEquals(controllerId, r.getToId(), "to the controller");
        assertEquals(agentId, r.getFromId(), "from the agent");
        return r;
    }

    /** The connect record R-MTP.6 requires as the first record on a new channel. */
    void expectConnectRecord(Mtp mtp) {
        UspRecord.Record connect = next();
        if (mtp.mqtt()) {
            assertEquals(UspRecord.Record.RecordTypeCase.MQTT_CONNECT, connect.getRecordTypeCase(), connect::toString);
            assertEquals(mtp == Mtp.MQTT_5_0 ? UspRecord.MQTTConnectRecord.MQTTVersion.V5
                    : UspRecord.MQTTConnectRecord.MQTTVersion.V3_1_1, connect.getMqttConnect().getVersion());
            assertEquals(agentTopic, connect.getMqttConnect().getSubscribedTopic(), "where the agent takes records");
        } else {
            assertEquals(UspRecord.Record.RecordTypeCase.WEBSOCKET_CONNECT, connect.getRecordTypeCase(),
                    connect::toString);
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Mtp.class)
    void the_connect_record_comes_first_then_a_get_of_device_info_is_answered(Mtp mtp) throws Exception {
        start(mtp);
        expectConnectRecord(mtp);

        controller.send(Usp.record(controllerId, agentId,
                Usp.get("get-1", "Device.DeviceInfo.", "Device.LocalAgent.")));
        UspMsg.Msg answer = Usp.msg(next());
        assertEquals("get-1", answer.getHeader().getMsgId(), "the request's Message ID (R-MSG.9)");
        assertEquals(UspMsg.Header.MsgType.GET_RESP, answer.getHeader().getMsgType());
        Map<String, String> deviceInfo = Usp.getResp(answer, "Device.DeviceInfo.");
        assertTrue(deviceInfo.containsKey("SerialNumber"), deviceInfo::toString);
        Map<String, String> localAgent = Usp.getResp(answer, "Device.LocalAgent.");
        assertEquals(agentId, localAgent.get("EndpointID"));
        assertEquals("9.9.9-test", localAgent.get("SoftwareVersion"));
        assertEquals(mtp.protocol(), localAgent.get("SupportedProtocols"), "the protocols of the MTPs running");
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Mtp.class)
    void a_record_from_an_endpoint_that_is_no_controller_is_dropped_and_the_log_says_how_to_add_it(Mtp mtp)
            throws Exception {
        start(mtp);
        expectConnectRecord(mtp);
        String stranger = "proto::stranger-" + run;
        try (LogCapture log = new LogCapture(KnownControllers.class)) {
            controller.send(Usp.record(stranger, agentId, Usp.get("from-stranger", "Device.DeviceInfo.")));
            controller.send(Usp.record(controllerId, agentId, Usp.get("from-controller", "Device.DeviceInfo.")));

            assertEquals("from-controller", Usp.msg(next()).getHeader().getMsgId(),
                    "the stranger's Get got no answer (TP-469 2.2); the controller's did");
            String hint = log.await(stranger);
            assertTrue(hint.startsWith("WARN "), hint);
            assertTrue(hint.contains("Device.LocalAgent.Controller.N.EndpointID = " + stranger), hint);
            assertTrue(hint.contains("Device.LocalAgent.Controller.N.Enable = true"), hint);
            assertTrue(hint.contains("AssignedRole = Device.LocalAgent.ControllerTrust.Role.1"), hint);

            controller.send(Usp.record(stranger, agentId, Usp.get("again", "Device.DeviceInfo.")));
            controller.send(Usp.record(controllerId, agentId, Usp.get("after", "Device.DeviceInfo.")));
            assertEquals("after", Usp.msg(next()).getHeader().getMsgId());
            assertEquals(1, log.lines().stream().filter(l -> l.contains(stranger)).count(), "one hint per Endpoint ID");
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Mtp.class)
    void on_shutdown_the_controller_is_sent_a_disconnect_record(Mtp mtp) throws Exception {
        start(mtp);
        expectConnectRecord(mtp);

        agent.close();

        UspRecord.Record disconnect = next();
        assertEquals(UspRecord.Record.RecordTypeCase.DISCONNECT, disconnect.getRecordTypeCase(), disconnect::toString);
        assertEquals("the agent is shutting down", disconnect.getDisconnect().getReason());
        if (controller instanceof WebSocketTestClient ws) {
            assertEquals(1001, ws.nextClose().status(), "going away");
        } else if (controller instanceof WebSocketTestServer server) {
            Usp.take(server.ends, "the end of the agent's session");
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Mtp.class)
    void boot_is_notified_once_the_channel_is_up_right_after_the_connect_record(Mtp mtp) throws Exception {
        start(mtp, List.of(
                "Device.LocalAgent.Subscription.1.Enable = true",
                "Device.LocalAgent.Subscription.1.Recipient = Device.LocalAgent.Controller.1",
                "Device.LocalAgent.Subscription.1.ID = boot",
                "Device.LocalAgent.Subscription.1.NotifType = Event",
                "Device.LocalAgent.Subscription.1.ReferenceList = Device.Boot!",
                "Device.LocalAgent.Subscription.1.Persistent = true"));
        expectConnectRecord(mtp);

        UspMsg.Msg notify = Usp.msg(next());
        assertTrue(notify.getBody().getRequest().hasNotify(), notify::toString);
        UspMsg.Notify n = notify.getBody().getRequest().getNotify();
        assertEquals("boot", n.getSubscriptionId());
        assertEquals("Device.", n.getEvent().getObjPath());
        assertEquals("Boot!", n.getEvent().getEventName());
        assertEquals("LocalFactoryReset", n.getEvent().getParamsMap().get("Cause"), "the first start on a new data directory");
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Mtp.class)
    void a_value_a_controller_subscribed_to_is_notified_when_it_changes(Mtp mtp) throws Exception {
        start(mtp, List.of(
                "Device.LocalAgent.Subscription.1.Enable = true",
                "Device.LocalAgent.Subscription.1.Recipient = Device.LocalAgent.Controller.1",
                "Device.LocalAgent.Subscription.1.ID = interval",
                "Device.LocalAgent.Subscription.1.NotifType = ValueChange",
                "Device.LocalAgent.Subscription.1.ReferenceList = " + CONTROLLER + "PeriodicNotifInterval",
                "Device.LocalAgent.Subscription.1.Persistent = true"));
        expectConnectRecord(mtp);

        controller.send(Usp.record(controllerId, agentId, Usp.set("set-1", CONTROLLER, "PeriodicNotifInterval", "600")));
        List<UspMsg.Msg> two = List.of(Usp.msg(next()), Usp.msg(next()));
        UspMsg.Msg setResp = two.stream().filter(m -> m.getBody().hasResponse()).findFirst().orElseThrow();
        assertEquals("set-1", setResp.getHeader().getMsgId());
        UspMsg.Msg notify = two.stream().filter(m -> m.getBody().hasRequest()).findFirst().orElseThrow();
        UspMsg.Notify.ValueChange change = notify.getBody().getRequest().getNotify().getValueChange();
        assertEquals(CONTROLLER + "PeriodicNotifInterval", change.getParamPath());
        assertEquals("600", change.getParamValue());
    }

    // ---- TP-469 sections 7, 9 and 11 ----

    @Test // TP-469 7.10
    void after_a_reboot_the_agent_connects_again_and_sends_a_websocket_connect_record_TP469_7_10() throws Exception {
        start(Mtp.WEBSOCKET_AGENT_AS_CLIENT);
        WebSocketTestServer server = (WebSocketTestServer) controller;
        expectConnectRecord(Mtp.WEBSOCKET_AGENT_AS_CLIENT);
        Usp.take(server.handshakes, "the first session");

        reboot();

        assertEquals(UspRecord.Record.RecordTypeCase.DISCONNECT, next().getRecordTypeCase(), "said as the agent stopped");
        Usp.take(server.handshakes, "a new session after the reboot");
        // next() waits 20 s at most: within the 30 s the case allows.
        expectConnectRecord(Mtp.WEBSOCKET_AGENT_AS_CLIENT);
    }

    @Test // TP-469 7.11
    void a_controller_answering_without_the_bbf_usp_protocol_extension_has_a_session_and_gets_answers_TP469_7_11()
            throws Exception {
        start(Mtp.WEBSOCKET_AGENT_AS_CLIENT);
        WebSocketTestServer server = (WebSocketTestServer) controller;
        io.netty.handler.codec.http.HttpHeaders answer = Usp.take(server.answers, "the answer to the handshake");
        assertEquals("v1.usp", answer.get("Sec-WebSocket-Protocol"));
        assertTrue(answer.getAll("Sec-WebSocket-Extensions").stream().noneMatch(e -> e.contains("bbf-usp-protocol")),
                answer::toString);
        expectConnectRecord(Mtp.WEBSOCKET_AGENT_AS_CLIENT);

        UspMsg.Msg got = ask(Usp.get("get-7-11", "Device.DeviceInfo."));
        assertTrue(Usp.getResp(got, "Device.DeviceInfo.").containsKey("SoftwareVersion"), got::toString);
    }

    @Test // TP-469 9.9
    void a_controller_added_by_another_is_connected_to_and_sent_an_on_board_request_TP469_9_9() throws Exception {
        start(Mtp.WEBSOCKET_AGENT_AS_SERVER);
        expectConnectRecord(Mtp.WEBSOCKET_AGENT_AS_SERVER);
        String secondId = "proto::second-" + run;
        try (WebSocketTestServer second = new WebSocketTestServer("/second")) {
            UspMsg.Msg added = ask(Usp.add("add-controller", "Device.LocalAgent.Controller.", Map.of(
                    "Alias", "usp-111-Controller",
                    "EndpointID", secondId,
                    "Enable", "true",
                    "AssignedRole", "Device.LocalAgent.ControllerTrust.Role.1")));
            String instance = instantiated(added);
            ask(Usp.add("add-mtp", instance + "MTP.", Map.of(
                    "Enable", "true",
                    "Protocol", "WebSocket",
                    "WebSocket.Host", "127.0.0.1",
                    "WebSocket.Port", String.valueOf(second.port()),
                    "WebSocket.Path", "/second",
                    "WebSocket.EnableEncryption", "false")));
            UspMsg.Msg operated = ask(Usp.operate("on-board", instance + "SendOnBoardRequest()", Map.of()));
            assertTrue(operated.getBody().getResponse().hasOperateResp(), operated::toString);
            assertTrue(operated.getBody().getResponse().getOperateResp().getOperationResults(0).hasReqOutputArgs(),
                    operated::toString);

            assertEquals("/second?eid=" + agentId, Usp.take(second.handshakes, "a session with the second controller"));
            UspRecord.Record connect = Usp.parse(second.next());
            assertEquals(UspRecord.Record.RecordTypeCase.WEBSOCKET_CONNECT, connect.getRecordTypeCase(), connect::toString);
            UspRecord.Record record = Usp.parse(second.next());
            assertEquals(secondId, record.getToId());
            UspMsg.Msg notify = Usp.msg(record);
            assertTrue(notify.getBody().getRequest().getNotify().hasOnBoardReq(), notify::toString);
            assertTrue(notify.getBody().getRequest().getNotify().getSendResp());
            second.send(Usp.record(secondId, agentId, Usp.notifyResp(notify)));
        }
    }

    /** The instance an AddResp created, with its trailing dot. */
    static String instantiated(UspMsg.Msg addResp) {
        UspMsg.AddResp.CreatedObjectResult created = addResp.getBody().getResponse().getAddResp().getCreatedObjResults(0);
        assertTrue(created.getOperStatus().hasOperSuccess(), addResp::toString);
        return created.getOperStatus().getOperSuccess().getInstantiatedPath();
    }

    @ParameterizedTest(name = "{0}") // TP-469 11.14
    @EnumSource(value = Mtp.class, names = {"MQTT_5_0", "MQTT_3_1_1"})
    void the_answer_goes_to_the_reply_to_topic_of_the_request_and_names_the_agents_own_TP469_11_14(Mtp mtp)
            throws Exception {
        MqttTestController mqtt = startOnMqtt(mtp);
        // Not the controller's configured topic: the answer must follow the request's "reply to".
        String replyTo = controllerTopic + "/reply-11-14";

        mqtt.send(Usp.record(controllerId, agentId, Usp.get("get-11-14", "Device.DeviceInfo.")), agentTopic, replyTo,
                "usp.msg", 1);

        MqttTestController.Received answer = mqtt.nextPublish();
        if (mtp == Mtp.MQTT_5_0) {
            assertEquals(replyTo, answer.topic(), "R-MQTT.26: the request's Response Topic");
            assertEquals(agentTopic, answer.responseTopic(), "R-MQTT.23: the agent's own reply-to topic");
        } else {
            // R-MQTT.25: %2F read back as /; R-MQTT.24: the agent's topic after /reply-to=, / written %2F.
            assertEquals(replyTo + "/reply-to=" + agentTopic.replace("/", "%2F"), answer.topic());
        }
        UspMsg.Msg got = Usp.msg(Usp.parse(answer.payload()));
        assertEquals("get-11-14", got.getHeader().getMsgId());
        assertTrue(got.getBody().getResponse().hasGetResp(), got::toString);
    }

    /**
     * R-MQTT.22, R-MQTT.26a: a request without a "reply to" topic (for MQTT 3.1.1 a version
     * mismatch between brokers) is not processed, and the controller learns why on its own
     * configured topic.
     */
    @ParameterizedTest(name = "{0}")
    @EnumSource(value = Mtp.class, names = {"MQTT_5_0", "MQTT_3_1_1"})
    void a_request_without_a_reply_to_topic_is_not_processed_and_an_error_goes_to_the_controllers_topic(Mtp mtp)
            throws Exception {
        MqttTestController mqtt = startOnMqtt(mtp);

        mqtt.send(Usp.record(controllerId, agentId, Usp.set("set-no-reply-to", CONTROLLER, "PeriodicNotifInterval",
                "601")), agentTopic, null, "usp.msg", 1);

        MqttTestController.Received answer = mqtt.nextPublish();
        assertTrue(answer.topic().equals(controllerTopic) || answer.topic().startsWith(controllerTopic + "/reply-to="),
                answer::topic);
        UspMsg.Msg error = Usp.msg(Usp.parse(answer.payload()));
        assertEquals("set-no-reply-to", error.getHeader().getMsgId());
        assertEquals(7000, error.getBody().getError().getErrCode(), error::toString);
        controller.send(Usp.record(controllerId, agentId, Usp.get("get-interval", CONTROLLER + "PeriodicNotifInterval")));
        assertEquals("86400", Usp.getResp(Usp.msg(next()), CONTROLLER).get("PeriodicNotifInterval"),
                "the Set without a reply to topic changed nothing");
    }

    @Test // TP-469 11.15
    void mqtt5_records_with_either_usp_content_type_are_answered_TP469_11_15() throws Exception {
        MqttTestController mqtt = startOnMqtt(Mtp.MQTT_5_0);

        for (String contentType : List.of("usp.msg", "application/vnd.bbf.usp.msg")) {
            mqtt.send(Usp.record(controllerId, agentId, Usp.get(contentType, "Device.DeviceInfo.")), agentTopic,
                    controllerTopic, contentType, 1);
            UspMsg.Msg got = Usp.msg(next());
            assertEquals(contentType, got.getHeader().getMsgId());
            assertTrue(got.getBody().getResponse().hasGetResp(), got::toString);
        }
    }

    @ParameterizedTest(name = "{0}") // TP-469 11.17
    @EnumSource(value = Mtp.class, names = {"MQTT_5_0", "MQTT_3_1_1"})
    void after_a_reboot_the_agent_sends_an_mqtt_connect_record_with_its_version_and_subscribed_topic_TP469_11_17(
            Mtp mtp) throws Exception {
        start(mtp);
        expectConnectRecord(mtp);

        reboot();

        assertEquals(UspRecord.Record.RecordTypeCase.DISCONNECT, next().getRecordTypeCase(), "said as the agent stopped");
        // next() waits 20 s at most: within the 30 s the case allows. The version and
        // subscribed_topic are checked there; that the agent takes records on that topic, here.
        expectConnectRecord(mtp);
        UspMsg.Msg got = ask(Usp.get("after-reboot", "Device.DeviceInfo."));
        assertTrue(got.getBody().getResponse().hasGetResp(), got::toString);
    }
}
