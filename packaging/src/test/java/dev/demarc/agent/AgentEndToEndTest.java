package dev.demarc.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static java.util.Map.entry;

import dev.demarc.core.usp.proto.UspMsg;
import dev.demarc.core.usp.proto.UspRecord;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The agent end to end over every MTP; MQTT through HiveMQ CE embedded in the test JVM. Here
 * too, what needs to see the packets the broker gets ({@link TestBroker#next}).
 */
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

    private static final String CLIENT = "Device.MQTT.Client.1.";

    /** The client identifiers of the CONNECTs the broker got since the {@code mark}-th packet. */
    private static List<String> connectsSince(int mark) {
        return broker.packets().subList(mark, broker.packets().size()).stream()
                .filter(p -> p.kind() == TestBroker.Packet.Kind.CONNECT).map(TestBroker.Packet::clientId).toList();
    }

    /**
     * TP-469 11.4 with an agent that applies a new ClientID at once: the Set restarts the MTP,
     * and the CONNECT that follows already has the empty Client Identifier, which the broker
     * answers with an Assigned Client Identifier; the agent keeps it (R-MQTT.9), through the
     * reboot too.
     */
    @Test // TP-469 11.4
    void mqtt5_an_empty_client_id_is_sent_empty_and_the_assigned_one_is_read_back_TP469_11_4() throws Exception {
        start(Mtp.MQTT_5_0);
        expectConnectRecord(Mtp.MQTT_5_0);
        int mark = broker.packets().size();

        UspMsg.Msg set = ask(Usp.set("empty-client-id", CLIENT, "ClientID", ""));
        assertTrue(set.getBody().getResponse().hasSetResp(), set::toString);
        assertEquals(UspRecord.Record.RecordTypeCase.DISCONNECT, next().getRecordTypeCase(), "the MTP restarts");
        expectConnectRecord(Mtp.MQTT_5_0);
        List<TestBroker.Packet> assigned = broker.packets().subList(mark, broker.packets().size()).stream()
                .filter(p -> p.kind() == TestBroker.Packet.Kind.CONNACK_ASSIGNED_ID).toList();
        // A server assigns an identifier only to a CONNECT whose Client Identifier is empty.
        assertEquals(1, assigned.size(), broker.packets()::toString);
        String assignedId = assigned.get(0).topics().get(0);

        int beforeReboot = broker.packets().size();
        reboot();
        assertEquals(UspRecord.Record.RecordTypeCase.DISCONNECT, next().getRecordTypeCase());
        expectConnectRecord(Mtp.MQTT_5_0);
        assertEquals(List.of(assignedId), connectsSince(beforeReboot), "R-MQTT.11: the assigned one from now on");

        UspMsg.Msg got = ask(Usp.get("client-id", CLIENT + "ClientID"));
        assertEquals(assignedId, Usp.getResp(got, CLIENT).get("ClientID"), "R-MQTT.9");
    }

    @ParameterizedTest(name = "{0}") // TP-469 11.5
    @EnumSource(value = Mtp.class, names = {"MQTT_5_0", "MQTT_3_1_1"})
    void the_client_id_read_before_a_reboot_is_the_one_the_agent_connects_with_after_it_TP469_11_5(Mtp mtp)
            throws Exception {
        start(mtp);
        expectConnectRecord(mtp);
        String clientId = Usp.getResp(ask(Usp.get("client-id", CLIENT + "ClientID")), CLIENT).get("ClientID");
        assertEquals("agent-" + run, clientId, "as configured");

        int mark = broker.packets().size();
        reboot();
        assertEquals(UspRecord.Record.RecordTypeCase.DISCONNECT, next().getRecordTypeCase());
        expectConnectRecord(mtp);

        assertEquals(List.of(clientId), connectsSince(mark), "the CONNECT after the reboot");
    }

    /** The topic of a Subscription.{i}: for MQTT 3.1.1 a filter taking the "/reply-to=" names below it. */
    private static String filter(Mtp mtp, String topic) {
        return mtp == Mtp.MQTT_3_1_1 ? topic + "/#" : topic;
    }

    @ParameterizedTest(name = "{0}") // TP-469 11.9
    @EnumSource(value = Mtp.class, names = {"MQTT_5_0", "MQTT_3_1_1"})
    void a_subscription_added_is_subscribed_to_and_unsubscribed_from_when_disabled_TP469_11_9(Mtp mtp)
            throws Exception {
        MqttTestController mqtt = startOnMqtt(mtp);
        String clientId = "agent-" + run;
        broker.next(clientId, TestBroker.Packet.Kind.SUBSCRIBE);
        String topic = "newTopic-11-9-" + run;

        String instance = instantiated(ask(Usp.add("add-11-9", CLIENT + "Subscription.",
                Map.of("Enable", "true", "Topic", filter(mtp, topic)))));
        TestBroker.Packet subscribe = broker.next(clientId, TestBroker.Packet.Kind.SUBSCRIBE);
        assertEquals(List.of(filter(mtp, topic)), subscribe.topics(), "the new topic only");

        mqtt.send(Usp.record(controllerId, agentId, Usp.get("get-11-9", instance)), topic, controllerTopic,
                "usp.msg", 1);
        UspMsg.Msg got = Usp.msg(next());
        assertEquals("get-11-9", got.getHeader().getMsgId());
        assertEquals(filter(mtp, topic), Usp.getResp(got, instance).get("Topic"));

        UspMsg.Msg set = ask(Usp.set("disable-11-9", instance, "Enable", "false"));
        assertTrue(set.getBody().getResponse().hasSetResp(), set::toString);
        TestBroker.Packet unsubscribe = broker.next(clientId, TestBroker.Packet.Kind.UNSUBSCRIBE);
        assertEquals(List.of(filter(mtp, topic)), unsubscribe.topics());
        // R-MQTT.34: the connection stays up meanwhile.
        assertEquals(1, broker.packets().stream()
                .filter(p -> p.kind() == TestBroker.Packet.Kind.CONNECT && p.clientId().equals(clientId)).count());
    }

    @ParameterizedTest(name = "{0}") // TP-469 11.13
    @EnumSource(value = Mtp.class, names = {"MQTT_5_0", "MQTT_3_1_1"})
    void subscriptions_at_qos_0_and_1_both_carry_requests_TP469_11_13(Mtp mtp) throws Exception {
        MqttTestController mqtt = startOnMqtt(mtp);
        String clientId = "agent-" + run;
        broker.next(clientId, TestBroker.Packet.Kind.SUBSCRIBE);

        Map<Integer, String> instances = new TreeMap<>();
        for (int qos : List.of(0, 1)) {
            String topic = "newTopic-11-13-QoS" + qos + "-" + run;
            instances.put(qos, instantiated(ask(Usp.add("add-qos-" + qos, CLIENT + "Subscription.",
                    Map.of("Enable", "true", "Topic", filter(mtp, topic), "QoS", String.valueOf(qos))))));
            TestBroker.Packet subscribe = broker.next(clientId, TestBroker.Packet.Kind.SUBSCRIBE);
            assertEquals(List.of(filter(mtp, topic)), subscribe.topics());
            assertEquals(List.of(qos), subscribe.qos(), "the subscription's QoS");
        }
        for (int qos : List.of(0, 1)) {
            String topic = "newTopic-11-13-QoS" + qos + "-" + run;
            mqtt.send(Usp.record(controllerId, agentId, Usp.get("get-qos-" + qos, instances.get(qos))), topic,
                    controllerTopic, "usp.msg", qos);
            UspMsg.Msg got = Usp.msg(next());
            assertEquals("get-qos-" + qos, got.getHeader().getMsgId());
            assertEquals(String.valueOf(qos), Usp.getResp(got, instances.get(qos)).get("QoS"));
        }
    }

    /**
     * What the MQTTClientCon:1, MQTTClientSubscribe:1, MQTTAgent:1 and MQTTController:1 profiles of
     * TR-181 Device:2.19 require (TR-369 R-MQTT.4), object by object, as the profiles list them:
     * a parameter name ending in " rw" must be writable, the others readable; a name ending in
     * "!" is an event. MessageRetryTime is in: the agent also speaks MQTT 3.1.1.
     */
    private static final Map<String, List<String>> MQTT_PROFILES = Map.ofEntries(
            entry("Device.MQTT.", List.of("ClientNumberOfEntries")),
            entry("Device.MQTT.Capabilities.", List.of("ProtocolVersionsSupported", "TransportProtocolSupported")),
            entry("Device.MQTT.Client.{i}.", List.of("Enable rw", "Status", "ProtocolVersion rw",
                    "BrokerAddress rw", "BrokerPort rw", "CleanSession rw", "KeepAliveTime rw", "Name rw",
                    "ClientID rw", "Username rw", "Password rw", "TransportProtocol rw", "MessageRetryTime rw",
                    "ConnectRetryTime rw",
                    "ConnectRetryIntervalMultiplier rw", "ConnectRetryMaxInterval rw", "ResponseInformation",
                    "SubscriptionNumberOfEntries")),
            entry("Device.MQTT.Client.{i}.Stats.", List.of("BrokerConnectionEstablished", "MQTTMessagesSent",
                    "MQTTMessagesReceived", "ConnectionErrors")),
            entry("Device.MQTT.Client.{i}.Subscription.{i}.", List.of("Topic rw", "QoS", "Enable rw")),
            entry("Device.LocalAgent.", List.of("EndpointID", "AdvertisedDeviceSubtypes", "MTPNumberOfEntries",
                    "Periodic!", "ControllerNumberOfEntries")),
            entry("Device.LocalAgent.MTP.{i}.", List.of("Alias", "Protocol")),
            entry("Device.LocalAgent.MTP.{i}.MQTT.", List.of("Reference", "ResponseTopicConfigured rw",
                    "ResponseTopicDiscovered")),
            entry("Device.LocalAgent.Controller.{i}.", List.of("Enable", "Alias", "EndpointID", "AssignedRole",
                    "PeriodicNotifInterval", "MTPNumberOfEntries")),
            entry("Device.LocalAgent.Controller.{i}.MTP.{i}.", List.of("Enable", "Alias", "Protocol")),
            entry("Device.LocalAgent.Controller.{i}.MTP.{i}.MQTT.", List.of("Topic rw")));

    @Test // TP-469 11.1
    void get_supported_dm_lists_everything_the_mqtt_profiles_require_TP469_11_1() throws Exception {
        start(Mtp.MQTT_5_0);
        expectConnectRecord(Mtp.MQTT_5_0);

        UspMsg.Msg answer = ask(Usp.getSupportedDm("gsdm-11-1", "Device.MQTT.", "Device.LocalAgent."));

        Map<String, UspMsg.GetSupportedDMResp.SupportedObjectResult> objects = new HashMap<>();
        for (UspMsg.GetSupportedDMResp.RequestedObjectResult r
                : answer.getBody().getResponse().getGetSupportedDmResp().getReqObjResultsList()) {
            assertEquals(0, r.getErrCode(), r::toString);
            r.getSupportedObjsList().forEach(o -> objects.put(o.getSupportedObjPath(), o));
        }
        List<String> missing = new ArrayList<>();
        MQTT_PROFILES.forEach((object, items) -> {
            UspMsg.GetSupportedDMResp.SupportedObjectResult o = objects.get(object);
            if (o == null) {
                missing.add(object);
                return;
            }
            for (String item : items) {
                String name = item.replace(" rw", "");
                boolean found = name.endsWith("!")
                        ? o.getSupportedEventsList().stream().anyMatch(e -> e.getEventName().equals(name))
                        : o.getSupportedParamsList().stream().anyMatch(p -> p.getParamName().equals(name)
                                && (!item.endsWith(" rw")
                                || p.getAccess() != UspMsg.GetSupportedDMResp.ParamAccessType.PARAM_READ_ONLY));
                if (!found) {
                    missing.add(object + item);
                }
            }
        });
        assertEquals(List.of(), missing, "required by the profiles, not in the GetSupportedDMResp");
    }
}
