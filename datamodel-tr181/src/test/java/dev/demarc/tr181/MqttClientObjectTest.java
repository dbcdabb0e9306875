package dev.demarc.tr181;

import static dev.demarc.tr181.ModelFixture.addOne;
import static dev.demarc.tr181.ModelFixture.deleteOne;
import static dev.demarc.tr181.ModelFixture.lines;
import static dev.demarc.tr181.ModelFixture.outcome;
import static dev.demarc.tr181.ModelFixture.read;
import static dev.demarc.tr181.ModelFixture.setOne;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.demarc.core.ErrorCode;
import dev.demarc.core.Result;
import dev.demarc.core.model.DataModel;
import dev.demarc.core.model.ModelEvent;
import dev.demarc.core.model.ObjectValues;
import dev.demarc.core.model.Transaction;
import dev.demarc.core.schema.ObjectDef;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code Device.MQTT.Client.{i}.} and its {@code Subscription.{i}.}, as TR-181 defines them. */
class MqttClientObjectTest {

    private static final String CLIENT_1 = "Device.MQTT.Client.1.";

    private final ModelFixture fixture = new ModelFixture();

    private DataModel oneClientWithOneSubscription() {
        return fixture.open(lines(
                CLIENT_1 + "Name", "broker-a",
                CLIENT_1 + "BrokerAddress", "mqtt.example.com",
                CLIENT_1 + "Subscription.1.Topic", "usp/agents/os::00D09E-SN1234"));
    }

    @Test
    void clients_and_subscriptions_are_creatable_tables_with_the_standards_unique_keys() {
        ObjectDef client = Tr181Model.schema().object(MqttClientObject.PATH).orElseThrow();
        ObjectDef subscription = Tr181Model.schema().object(MqttClientObject.PATH + "Subscription.{i}.").orElseThrow();
        assertTrue(client.creatable());
        assertTrue(subscription.creatable());
        assertEquals(List.of(List.of("Alias"), List.of("Name")), client.uniqueKeys());
        assertEquals(List.of(List.of("Alias"), List.of("Topic")), subscription.uniqueKeys());
        assertFalse(subscription.parameter("Status").isPresent(), "a subscription's Status waits for code that keeps it");
        assertTrue(client.parameter("Password").orElseThrow().hidden());
    }

    @Test
    void status_and_response_information_are_what_the_running_agent_says() {
        ObjectDef client = Tr181Model.schema().object(MqttClientObject.PATH).orElseThrow();
        assertEquals(List.of("Disabled", "Connecting", "Connected", "Error_Misconfigured", "Error_BrokerUnreachable",
                "Error"), client.parameter("Status").orElseThrow().type().enumerations(), "TR-181's enumeration");
        assertFalse(client.parameter("Status").orElseThrow().isWritable());
        assertFalse(client.parameter("ResponseInformation").orElseThrow().isWritable());
        DataModel model = oneClientWithOneSubscription();
        assertEquals("Disabled", read(model, CLIENT_1 + "Status"), "a client the agent does not run");
        assertEquals("", read(model, CLIENT_1 + "ResponseInformation"));

        fixture.mtpStatus.setMqttClient("Device.MQTT.Client.1",
                new MtpStatusRegistry.MqttClientState("Connected", "usp/response/7"));

        assertEquals("Connected", read(model, CLIENT_1 + "Status"));
        assertEquals("usp/response/7", read(model, CLIENT_1 + "ResponseInformation"));
        assertTrue(model.providedByPlatform(CLIENT_1 + "Status"), "read from the agent, never stored");
    }

    @Test
    void capabilities_are_the_versions_and_transports_the_mqtt_mtp_speaks() {
        DataModel model = fixture.open(List.of());
        assertEquals("3.1.1,5.0", read(model, "Device.MQTT.Capabilities.ProtocolVersionsSupported"));
        assertEquals("TCP/IP,TLS", read(model, "Device.MQTT.Capabilities.TransportProtocolSupported"));
        assertEquals(MqttClientObject.PROTOCOL_VERSIONS, Tr181Model.schema().object(MqttClientObject.PATH).orElseThrow()
                .parameter("ProtocolVersion").orElseThrow().type().enumerations(), "what a client may be set to");
    }

    @Test // profile MQTTClientSubscribe:1
    void stats_are_what_the_running_agent_counted() {
        DataModel model = oneClientWithOneSubscription();
        String stats = CLIENT_1 + "Stats.";
        assertEquals(MtpStatusRegistry.UNKNOWN_TIME, read(model, stats + "BrokerConnectionEstablished"), "not running");
        assertEquals("0", read(model, stats + "MQTTMessagesSent"));
        assertEquals("0", read(model, stats + "MQTTMessagesReceived"));
        assertEquals("0", read(model, stats + "ConnectionErrors"));

        fixture.mtpStatus.setMqttClientStats(client -> client.equals(CLIENT_1)
                ? new MtpStatusRegistry.MqttClientStats(Optional.of(Instant.parse("2025-05-06T07:08:09.5Z")), 12, 34,
                        (1L << 32) + 2)
                : null);

        assertEquals("2025-05-06T07:08:09Z", read(model, stats + "BrokerConnectionEstablished"));
        assertEquals("12", read(model, stats + "MQTTMessagesSent"));
        assertEquals("34", read(model, stats + "MQTTMessagesReceived"));
        assertEquals("2", read(model, stats + "ConnectionErrors"), "a StatsCounter32 wraps around");
        assertTrue(model.providedByPlatform(stats + "MQTTMessagesSent"), "read from the agent, never stored");
    }

    @Test
    void a_new_client_has_the_standard_defaults() {
        DataModel model = fixture.open(List.of());
        assertEquals("0", read(model, "Device.MQTT.ClientNumberOfEntries"));
        String c = addOne(model, "Device.MQTT.Client.", Map.of("BrokerAddress", "192.0.2.7")).value();
        assertEquals(CLIENT_1, c);
        assertEquals("1", read(model, "Device.MQTT.ClientNumberOfEntries"));
        assertEquals("cpe-1", read(model, c + "Alias"));
        assertEquals("cpe-1", read(model, c + "Name"), "R-ADD.5: the agent names a client the Add left unnamed");
        assertEquals(MqttClientObject.DEFAULT_ENABLE, read(model, c + "Enable"));
        assertEquals(MqttClientObject.DEFAULT_PROTOCOL_VERSION, read(model, c + "ProtocolVersion"));
        assertEquals("192.0.2.7", read(model, c + "BrokerAddress"));
        assertEquals("1883", read(model, c + "BrokerPort"));
        assertEquals("TCP/IP", read(model, c + "TransportProtocol"));
        assertEquals("true", read(model, c + "CleanSession"));
        assertEquals("true", read(model, c + "CleanStart"));
        assertEquals("60", read(model, c + "KeepAliveTime"));
        assertEquals(MqttClientObject.DEFAULT_REQUEST_RESPONSE_INFO, read(model, c + "RequestResponseInfo"));
        assertEquals("", read(model, c + "ClientID"));
        assertEquals("", read(model, c + "Username"));
        assertEquals("", read(model, c + "Password"));
        assertEquals("5", read(model, c + "MessageRetryTime"));
        assertEquals("5", read(model, c + "ConnectRetryTime"));
        assertEquals("2000", read(model, c + "ConnectRetryIntervalMultiplier"));
        assertEquals("30720", read(model, c + "ConnectRetryMaxInterval"));
        assertEquals("0", read(model, c + "SubscriptionNumberOfEntries"));
    }

    @Test
    void a_new_subscription_has_the_standard_defaults() {
        DataModel model = oneClientWithOneSubscription();
        assertEquals("1", read(model, CLIENT_1 + "SubscriptionNumberOfEntries"));
        assertEquals("cpe-1", read(model, CLIENT_1 + "Subscription.1.Alias"));
        assertEquals(MqttClientObject.DEFAULT_ENABLE, read(model, CLIENT_1 + "Subscription.1.Enable"));
        assertEquals(MqttClientObject.DEFAULT_SUBSCRIPTION_QOS, read(model, CLIENT_1 + "Subscription.1.QoS"));
    }

    @Test
    void the_password_is_stored_but_reads_back_empty() {
        DataModel model = oneClientWithOneSubscription();
        Transaction tx = model.begin();
        assertTrue(tx.set(CLIENT_1 + "Password", "s3cret-pass").isEmpty());
        Result<List<ModelEvent>> committed = tx.commit();
        assertTrue(committed.isOk());

        assertEquals("", read(model, CLIENT_1 + "Password"));
        List<ObjectValues> whole = model.get(CLIENT_1, 0).value();
        assertEquals("", whole.get(0).parameters().get("Password"), "a Get of the object hides it too");
        assertEquals(List.of(new ModelEvent.ValueChanged(CLIENT_1 + "Password", "")), committed.value(),
                "the change event does not carry it");
        assertFalse(whole.toString().contains("s3cret-pass"));
        assertEquals("s3cret-pass", fixture.store.snapshot().get(CLIENT_1 + "Password"),
                "it is kept for the MQTT MTP to use");
        assertEquals("", read(fixture.reopen(), CLIENT_1 + "Password"));
    }

    @Test
    void a_password_from_the_factory_defaults_reads_back_empty() {
        DataModel model = fixture.open(lines(CLIENT_1 + "Username", "agent", CLIENT_1 + "Password", "from-defaults"));
        assertEquals("agent", read(model, CLIENT_1 + "Username"));
        assertEquals("", read(model, CLIENT_1 + "Password"));
    }

    @Test
    void two_clients_cannot_share_a_name_7025() {
        DataModel model = oneClientWithOneSubscription();
        assertEquals(ErrorCode.DUPLICATE_UNIQUE_KEY,
                addOne(model, "Device.MQTT.Client.", Map.of("Name", "broker-a")).error().code());
        assertEquals("ok", outcome(addOne(model, "Device.MQTT.Client.", Map.of("Name", "broker-b"))));
        assertEquals("2", read(model, "Device.MQTT.ClientNumberOfEntries"));
    }

    @Test
    void one_client_cannot_subscribe_to_a_topic_twice_7025_but_two_clients_may() {
        DataModel model = oneClientWithOneSubscription();
        String topic = "usp/agents/os::00D09E-SN1234";
        assertEquals(ErrorCode.DUPLICATE_UNIQUE_KEY,
                addOne(model, CLIENT_1 + "Subscription.", Map.of("Topic", topic)).error().code());
        String c2 = addOne(model, "Device.MQTT.Client.", Map.of("Name", "broker-b")).value();
        assertEquals("ok", outcome(addOne(model, c2 + "Subscription.", Map.of("Topic", topic))));
    }

    @Test
    void a_controller_may_delete_a_subscription_and_a_client() {
        DataModel model = oneClientWithOneSubscription();
        assertEquals("ok", outcome(deleteOne(model, CLIENT_1 + "Subscription.1.")));
        assertEquals("0", read(model, CLIENT_1 + "SubscriptionNumberOfEntries"));
        assertEquals("ok", outcome(deleteOne(model, CLIENT_1)));
        assertEquals("0", read(model, "Device.MQTT.ClientNumberOfEntries"));
    }

    @Test
    void the_number_of_clients_is_bounded() {
        DataModel model = fixture.open(List.of());
        for (int i = 0; i < MqttClientObject.MAX_CLIENTS; i++) {
            assertTrue(addOne(model, "Device.MQTT.Client.", Map.of("Name", "c" + i)).isOk());
        }
        assertEquals(ErrorCode.RESOURCES_EXCEEDED,
                addOne(model, "Device.MQTT.Client.", Map.of("Name", "one-more")).error().code());
    }

    @ParameterizedTest(name = "{0} = {1} -> {2}")
    @CsvSource({
        "Enable, true, ok",
        "Enable, on, 7011",
        "Name, 1234567890123456789012345678901234567890123456789012345678901234, ok",
        "Name, 12345678901234567890123456789012345678901234567890123456789012345, 7012",
        "ProtocolVersion, 5.0, ok",
        "ProtocolVersion, 3.1.1, ok",
        "ProtocolVersion, 3.1, 7012",
        "ProtocolVersion, 4.0, 7012",
        "TransportProtocol, TLS, ok",
        "TransportProtocol, TCP/IP, ok",
        "TransportProtocol, WebSocket, 7012",
        "BrokerAddress, 2001:db8::1, ok",
        "BrokerPort, 8883, ok",
        "BrokerPort, 0, 7012",
        "BrokerPort, 65536, 7012",
        "CleanSession, false, ok",
        "CleanStart, false, ok",
        "KeepAliveTime, 0, ok",
        "KeepAliveTime, 65535, ok",
        "KeepAliveTime, 65536, 7012",
        "RequestResponseInfo, false, ok",
        "ClientID, '', ok",
        "ClientID, os::00D09E-SN1234, ok",
        "Username, agent, ok",
        "MessageRetryTime, 0, 7012",
        "ConnectRetryTime, 0, 7012",
        "ConnectRetryTime, 1, ok",
        "ConnectRetryIntervalMultiplier, 999, 7012",
        "ConnectRetryIntervalMultiplier, 65535, ok",
        "ConnectRetryIntervalMultiplier, 65536, 7012",
        "ConnectRetryMaxInterval, 0, 7012",
        "ConnectRetryMaxInterval, 4294967295, ok",
        "Status, Connected, 7013",
        "ResponseInformation, usp/a, 7013",
        "WillEnable, true, 7010",
        "Alias, other, 7013",
        "SubscriptionNumberOfEntries, 2, 7013",
        "Subscription.1.Enable, true, ok",
        "Subscription.1.Topic, usp/agents/#, ok",
        "Subscription.1.QoS, 0, ok",
        "Subscription.1.QoS, 2, ok",
        "Subscription.1.QoS, 3, 7012",
        "Subscription.1.Status, Subscribed, 7010",
    })
    void client_parameters_have_the_standards_facets(String relative, String value, String expected) {
        DataModel model = oneClientWithOneSubscription();
        assertEquals(expected, outcome(setOne(model, CLIENT_1 + relative, value)));
    }

    @Test
    void a_password_is_at_most_256_characters() {
        DataModel model = oneClientWithOneSubscription();
        assertEquals("ok", outcome(setOne(model, CLIENT_1 + "Password", "p".repeat(256))));
        assertEquals("7012", outcome(setOne(model, CLIENT_1 + "Password", "p".repeat(257))));
    }
}
