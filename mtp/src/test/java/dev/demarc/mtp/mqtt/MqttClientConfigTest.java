package dev.demarc.mtp.mqtt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.demarc.core.ErrorCode;
import dev.demarc.core.Result;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class MqttClientConfigTest {

    private static MqttClientConfig.Builder minimal() {
        return MqttClientConfig.builder().brokerHost("broker.example").responseTopic("usp/agent/me");
    }

    @Test
    void defaults_are_those_tr181_and_tr369_give() {
        MqttClientConfig c = MqttClientConfig.builder().brokerHost("broker.example").build();

        assertEquals(1883, c.brokerPort());
        assertEquals(MqttVersion.V5_0, c.protocolVersion());
        assertEquals(MqttTransportProtocol.TCP, c.transportProtocol());
        assertEquals(Duration.ofSeconds(60), c.keepAlive());
        assertEquals(ConnectRetryPolicy.DEFAULT, c.connectRetry());
        assertEquals(Duration.ofSeconds(5), c.connectRetry().retryTime());
        assertEquals(2000, c.connectRetry().intervalMultiplier());
        assertEquals(Duration.ofSeconds(30720), c.connectRetry().maxInterval());
        assertEquals(1, c.publishQos());
        assertEquals(1, c.subscribeQos());
        assertTrue(c.cleanStart());
        assertTrue(c.requestResponseInformation());
        assertEquals(MqttClientConfig.DEFAULT_MAX_RECORD_SIZE, c.maxRecordSize());
        assertEquals("", c.clientId());
        assertEquals("tcp://broker.example:1883", c.serverUri());
        assertTrue(c.tls().hostnameVerification());
    }

    @Test
    void to_string_never_shows_the_password() {
        MqttClientConfig c = minimal().username("agent").password("hunter2-secret").build();

        assertFalse(c.toString().contains("hunter2-secret"), c.toString());
        assertTrue(c.toString().contains("password=(hidden)"), c.toString());
        assertTrue(c.toString().contains("username=agent"), c.toString());
        assertEquals("hunter2-secret", c.password());
    }

    @Test
    void tls_to_string_never_shows_key_store_passwords() {
        MqttTlsConfig tls = MqttTlsConfig.builder()
                .trustStore(Path.of("/etc/demarc/trust.p12"), "trust-secret")
                .clientKeyStore(Path.of("/etc/demarc/client.p12"), "key-secret")
                .build();
        MqttClientConfig c = minimal().transportProtocol(MqttTransportProtocol.TLS).tls(tls).build();

        for (String s : List.of(tls.toString(), c.toString())) {
            assertFalse(s.contains("trust-secret"), s);
            assertFalse(s.contains("key-secret"), s);
            assertTrue(s.contains("/etc/demarc/client.p12"), s);
        }
        assertEquals("ssl://broker.example:1883", c.serverUri());
    }

    @Test
    void mqtt311_client_id_falls_back_to_the_endpoint_id_and_mqtt5_to_empty() {
        assertEquals("os::0001", minimal().protocolVersion(MqttVersion.V3_1_1).endpointId("os::0001").build()
                .connectClientId());
        assertEquals("", minimal().protocolVersion(MqttVersion.V5_0).endpointId("os::0001").build().connectClientId());
        assertEquals("mine", minimal().protocolVersion(MqttVersion.V3_1_1).endpointId("os::0001").clientId("mine")
                .build().connectClientId());
    }

    @Test
    void ipv6_broker_address_is_bracketed_in_the_uri() {
        assertEquals("tcp://[::1]:1883", minimal().brokerHost("::1").build().serverUri());
    }

    static Stream<Arguments> bad() {
        return Stream.of(
                Arguments.of("no broker", (UnaryOperator<MqttClientConfig.Builder>) b -> b.brokerHost(""), "BrokerAddress"),
                Arguments.of("port 0", (UnaryOperator<MqttClientConfig.Builder>) b -> b.brokerPort(0), "BrokerPort"),
                Arguments.of("port 65536", (UnaryOperator<MqttClientConfig.Builder>) b -> b.brokerPort(65536), "BrokerPort"),
                Arguments.of("host with space", (UnaryOperator<MqttClientConfig.Builder>) b -> b.brokerHost("a b"), "BrokerAddress"),
                Arguments.of("wildcard response topic",
                        (UnaryOperator<MqttClientConfig.Builder>) b -> b.responseTopic("usp/+/x"), "ResponseTopicConfigured"),
                Arguments.of("bad filter", (UnaryOperator<MqttClientConfig.Builder>) b -> b.subscriptions(List.of("a/#/b")), "Subscription"),
                Arguments.of("3.1.1 without response topic",
                        (UnaryOperator<MqttClientConfig.Builder>) b -> b.protocolVersion(MqttVersion.V3_1_1).responseTopic(""),
                        "ResponseTopicConfigured"),
                Arguments.of("5.0 with no way to learn a reply topic",
                        (UnaryOperator<MqttClientConfig.Builder>) b -> b.responseTopic("").requestResponseInformation(false),
                        "ResponseTopicConfigured"),
                Arguments.of("3.1.1 password without user name",
                        (UnaryOperator<MqttClientConfig.Builder>) b -> b.protocolVersion(MqttVersion.V3_1_1).password("x"), "Username"),
                Arguments.of("keep-alive over 65535 s",
                        (UnaryOperator<MqttClientConfig.Builder>) b -> b.keepAlive(Duration.ofSeconds(65536)), "KeepAliveTime"),
                Arguments.of("QoS 3", (UnaryOperator<MqttClientConfig.Builder>) b -> b.publishQos(3), "PublishQoS"),
                Arguments.of("subscription QoS 3", (UnaryOperator<MqttClientConfig.Builder>) b -> b
                        .subscriptions(List.of("a/#")).subscriptionQos(java.util.Map.of("a/#", 3)), "Subscription QoS"),
                Arguments.of("QoS of no subscription", (UnaryOperator<MqttClientConfig.Builder>) b -> b
                        .subscriptions(List.of("a/#")).subscriptionQos(java.util.Map.of("b/#", 0)), "no subscription"),
                Arguments.of("record size 0", (UnaryOperator<MqttClientConfig.Builder>) b -> b.maxRecordSize(0), "record size"),
                Arguments.of("password over 256",
                        (UnaryOperator<MqttClientConfig.Builder>) b -> b.password("p".repeat(257)), "Password"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("bad")
    void bad_settings_are_refused_with_their_name(String what, UnaryOperator<MqttClientConfig.Builder> change, String named) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> change.apply(minimal()).build());
        assertTrue(e.getMessage().contains(named), e.getMessage());

        Result<MqttClientConfig> result = change.apply(minimal()).tryBuild();
        assertFalse(result.isOk());
        assertEquals(ErrorCode.INVALID_VALUE, result.error().code());
        assertTrue(result.error().message().contains(named), result.error().message());
    }

    @Test
    void password_never_appears_in_an_error() {
        Result<MqttClientConfig> result = minimal().protocolVersion(MqttVersion.V3_1_1).password("very-secret").tryBuild();

        assertFalse(result.error().message().contains("very-secret"));
    }

    @Test
    void tr181_names_map_both_ways() {
        assertEquals(MqttVersion.V3_1_1, MqttVersion.fromTr181("3.1.1").orElseThrow());
        assertEquals(MqttVersion.V5_0, MqttVersion.fromTr181("5.0").orElseThrow());
        assertTrue(MqttVersion.fromTr181("3.1").isEmpty());
        assertEquals(MqttTransportProtocol.TCP, MqttTransportProtocol.fromTr181("TCP/IP").orElseThrow());
        assertEquals(MqttTransportProtocol.TLS, MqttTransportProtocol.fromTr181("TLS").orElseThrow());
        assertTrue(MqttTransportProtocol.fromTr181("WebSocket").isEmpty());
        assertEquals("Error_BrokerUnreachable", MqttClientStatus.ERROR_BROKER_UNREACHABLE.tr181Name());
    }

    @Test
    void a_subscription_without_a_qos_of_its_own_takes_the_subscribe_qos() {
        MqttClientConfig c = minimal().subscriptions(List.of("a/#", "b/#")).subscriptionQos(java.util.Map.of("a/#", 0))
                .subscribeQos(2).build();

        assertEquals(0, c.qosOf("a/#"));
        assertEquals(2, c.qosOf("b/#"));
        assertEquals(2, c.qosOf("usp/agent/me"));
    }

    @Test
    void to_builder_copies_every_setting() {
        MqttClientConfig c = minimal().username("u").password("p").keepAlive(Duration.ofSeconds(7))
                .subscriptions(List.of("a/#")).subscriptionQos(java.util.Map.of("a/#", 2)).publishQos(0).maxInflight(3)
                .build();

        MqttClientConfig copy = c.toBuilder().build();

        assertEquals(c.toString(), copy.toString());
        assertEquals("p", copy.password());
        assertEquals(3, copy.maxInflight());
    }
}
