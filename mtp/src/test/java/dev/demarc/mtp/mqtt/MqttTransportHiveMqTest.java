package dev.demarc.mtp.mqtt;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.demarc.core.mtp.MtpAddress;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Key;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The MQTT MTP against HiveMQ CE embedded in the test JVM: the shared contract, plus what needs
 * a broker the test controls (CONNECT contents, CONNACK properties, restarts, TLS).
 */
class MqttTransportHiveMqTest extends MqttTransportContract {

    static EmbeddedBroker broker;
    static Path tlsFiles;

    @BeforeAll
    static void startBroker(@TempDir Path dir) throws Exception {
        broker = new EmbeddedBroker(dir.resolve("broker"));
        tlsFiles = Files.createDirectories(dir.resolve("agent-tls"));
        for (String name : List.of("ca.pem", "other-ca.pem", "ca-truststore.p12", "client.p12")) {
            EmbeddedBroker.copyResource("mqtt/tls/" + name, tlsFiles.resolve(name));
        }
        writePemFromKeyStore(tlsFiles.resolve("client.p12"), tlsFiles.resolve("client-cert.pem"),
                tlsFiles.resolve("client-key.pem"));
    }

    @AfterAll
    static void stopBroker() throws Exception {
        if (broker != null) {
            broker.close();
        }
    }

    @AfterEach
    void resetBroker() throws Exception {
        broker.start();
        broker.requirePassword("");
        broker.connackExtras(clientId -> EmbeddedBroker.ConnackExtras.NONE);
    }

    @Override
    protected String brokerHost() {
        return "127.0.0.1";
    }

    @Override
    protected int brokerPort() {
        return broker.port();
    }

    // ---- CONNECT (R-MQTT.7, R-MQTT.8, R-MQTT.12, R-MQTT.13, R-MQTT.14) ----

    @ParameterizedTest(name = "MQTT {0}") // TP-469 11.2
    @EnumSource(MqttVersion.class)
    void connect_carries_version_client_id_credentials_keep_alive_and_clean_start_TP469_11_2(MqttVersion version) {
        RecordingListener listener = new RecordingListener();
        startAgent(agentConfig(version).username("agent-user").password("s3cret-pw")
                .keepAlive(Duration.ofSeconds(42)).build(), listener);
        listener.awaitConnected();

        EmbeddedBroker.Connect connect = broker.connectsOf("agent-" + unique).get(0);
        assertEquals(version == MqttVersion.V5_0 ? com.hivemq.extension.sdk.api.packets.general.MqttVersion.V_5
                : com.hivemq.extension.sdk.api.packets.general.MqttVersion.V_3_1_1, connect.version());
        assertEquals("agent-user", connect.username());
        assertEquals("s3cret-pw", connect.password());
        assertEquals(42, connect.keepAlive());
        assertTrue(connect.cleanStart());
        if (version == MqttVersion.V5_0) {
            assertEquals(agentEndpointId, connect.endpointId(), "R-MQTT.13: usp-endpoint-id in CONNECT");
            assertTrue(connect.requestResponseInformation(), "R-MQTT.12: Request Response Information = 1");
        }
    }

    @Test
    void mqtt311_without_client_id_connects_as_its_endpoint_id() {
        RecordingListener listener = new RecordingListener();
        MqttTransport agent = startAgent(agentConfig(MqttVersion.V3_1_1).clientId("").build(), listener);
        listener.awaitConnected();

        assertEquals(1, broker.connectsOf(agentEndpointId).size(), "R-MQTT.8");
        assertEquals(agentEndpointId, agent.connectionInfo().clientId());
    }

    @Test
    void mqtt5_without_client_id_keeps_the_assigned_one_for_every_later_connection() throws Exception {
        RecordingListener listener = new RecordingListener();
        MqttTransport agent = startAgent(agentConfig(MqttVersion.V5_0).clientId("").build(), listener);
        listener.awaitConnected();
        String assigned = agent.connectionInfo().clientId();
        assertFalse(assigned.isEmpty(), "R-MQTT.9: the Assigned Client Identifier is kept");
        // A server assigns an identifier only to a CONNECT whose Client Identifier is empty (R-MQTT.8).
        assertTrue(broker.connacks().stream().anyMatch(c -> c.assignedClientId().equals(Optional.of(assigned))),
                () -> "no CONNACK assigned " + assigned + ": " + broker.connacks());

        broker.stop();
        listener.awaitDisconnected();
        broker.start();
        listener.awaitConnected();

        // R-MQTT.11: the reconnection CONNECT names the assigned identifier.
        List<EmbeddedBroker.Connect> withAssignedId = broker.connectsOf(assigned);
        assertFalse(withAssignedId.isEmpty(), "no CONNECT with the assigned client identifier " + assigned);
        assertEquals(assigned, agent.connectionInfo().clientId());
    }

    // ---- CONNACK properties and SUBSCRIBE (R-MQTT.15, R-MQTT.16, R-MQTT.21) ----

    @Test
    void mqtt5_response_information_becomes_the_reply_to_topic_and_is_subscribed() throws Exception {
        String given = "usp/assigned/" + unique;
        broker.connackExtras(clientId -> clientId.equals("agent-" + unique)
                ? new EmbeddedBroker.ConnackExtras(given, List.of()) : EmbeddedBroker.ConnackExtras.NONE);
        RecordingListener listener = new RecordingListener();
        MqttTransport agent = startAgent(agentConfig(MqttVersion.V5_0).build(), listener);
        listener.awaitConnected();

        MqttConnectionInfo info = agent.connectionInfo();
        assertEquals(given, info.responseInformation());
        assertEquals(given, info.replyToTopic(), "R-MQTT.21");
        assertEquals(List.of(given), info.subscriptions(), "R-MQTT.15: ResponseTopicConfigured only without Response Information");

        TestController controller = controller(MqttVersion.V5_0);
        agent.send(mqtt(controllerTopic), bytes("hello")).get(RecordingListener.WAIT.toMillis(), TimeUnit.MILLISECONDS);
        assertEquals(given, controller.next().responseTopic());
        controller.send(given, bytes("to the discovered topic"));
        assertArrayEquals(bytes("to the discovered topic"), listener.nextRecord().record());
    }

    @Test
    void mqtt5_subscribe_topic_user_properties_and_configured_filters_are_subscribed() throws Exception {
        String fromBroker = "usp/broker-said/" + unique + "/#";
        broker.connackExtras(clientId -> clientId.equals("agent-" + unique)
                ? new EmbeddedBroker.ConnackExtras("", List.of(fromBroker)) : EmbeddedBroker.ConnackExtras.NONE);
        RecordingListener listener = new RecordingListener();
        String configured = "usp/configured/" + unique;
        MqttTransport agent = startAgent(agentConfig(MqttVersion.V5_0).subscriptions(List.of(configured)).build(), listener);
        listener.awaitConnected();

        assertEquals(List.of(configured, fromBroker, agentTopic), agent.connectionInfo().subscriptions());
        TestController controller = controller(MqttVersion.V5_0);
        controller.send("usp/broker-said/" + unique + "/x", bytes("via subscribe-topic"));
        assertArrayEquals(bytes("via subscribe-topic"), listener.nextRecord().record());
    }

    @Test
    void response_topic_covered_by_a_configured_filter_is_not_subscribed_twice() {
        RecordingListener listener = new RecordingListener();
        MqttTransport agent = startAgent(agentConfig(MqttVersion.V3_1_1)
                .subscriptions(List.of("usp/agent/#")).build(), listener);
        listener.awaitConnected();

        assertEquals(List.of("usp/agent/#"), agent.connectionInfo().subscriptions());
    }

    /**
     * No Subscription.{i}, no "subscribe-topic" in CONNACK (nor Response Information), and no
     * ResponseTopicConfigured either: the agent has nothing to take records on. (It treats its
     * "reply to" topic, from Response Information or ResponseTopicConfigured, as a topic to
     * subscribe to, R-MQTT.15, and stays connected when it has one.)
     */
    @Test // TP-469 11.10
    void mqtt5_with_nothing_to_subscribe_to_sends_disconnect_and_stays_disabled_TP469_11_10() throws Exception {
        RecordingListener listener = new RecordingListener();
        MqttTransport agent = startAgent(agentConfig(MqttVersion.V5_0).responseTopic("").build(), listener);

        await("Error_Misconfigured", () -> agent.connectionInfo().status() == MqttClientStatus.ERROR_MISCONFIGURED);

        EmbeddedBroker.ClientLog log = broker.logOf("agent-" + unique);
        await("a DISCONNECT from the agent", () -> log.disconnects.get() == 1);
        assertEquals(List.of(), log.subscribes, "nothing was subscribed to");
        // R-MQTT.16: the MTP is disabled, so no retry follows.
        assertTrue(agent.connectionInfo().lastError().contains("R-MQTT.16"), agent.connectionInfo().lastError());
        assertEquals(1, broker.connectsOf("agent-" + unique).size());
        assertEquals(0, listener.connectedCount());
        assertInstanceOf(IllegalStateException.class, failureOf(agent.send(mqtt(controllerTopic), bytes("x"))));
    }

    // ---- Failures and reconnection (R-MQTT.10, R-MQTT.33) ----

    @ParameterizedTest(name = "MQTT {0}")
    @EnumSource(MqttVersion.class)
    void reconnects_after_the_broker_restarts_and_records_flow_again(MqttVersion version) throws Exception {
        RecordingListener listener = new RecordingListener();
        MqttTransport agent = startAgent(agentConfig(version).build(), listener);
        listener.awaitConnected();

        broker.stop();
        RecordingListener.Disconnected lost = listener.awaitDisconnected();
        assertFalse(lost.reason().isEmpty());
        assertNotEquals(MqttClientStatus.CONNECTED, agent.connectionInfo().status());
        assertInstanceOf(IllegalStateException.class, failureOf(agent.send(mqtt(controllerTopic), bytes("while down"))));

        broker.start();
        listener.awaitConnected();
        assertEquals(MqttClientStatus.CONNECTED, agent.connectionInfo().status());

        TestController controller = controller(version);
        controller.send(agentTopic, bytes("after restart"));
        RecordingListener.Received got = listener.nextRecord();
        assertArrayEquals(bytes("after restart"), got.record());
        agent.send(got.from(), bytes("answer after restart")).get(RecordingListener.WAIT.toMillis(), TimeUnit.MILLISECONDS);
        assertArrayEquals(bytes("answer after restart"), controller.next().payload());
    }

    @ParameterizedTest(name = "MQTT {0}")
    @EnumSource(MqttVersion.class)
    void refused_password_is_a_misconfiguration_and_is_retried(MqttVersion version) throws Exception {
        broker.requirePassword("right");
        RecordingListener listener = new RecordingListener();
        MqttTransport agent = startAgent(agentConfig(version).username("agent").password("wrong").build(), listener);

        // Between attempts the status is Error_Misconfigured; during one it is Connecting.
        await("a second refused attempt", () -> broker.connectsOf("agent-" + unique).size() >= 2
                && agent.connectionInfo().status() == MqttClientStatus.ERROR_MISCONFIGURED);
        assertEquals(0, listener.connectedCount());
        assertFalse(agent.connectionInfo().lastError().contains("wrong"), "the password is never shown");
    }

    @Test
    void each_change_of_the_connection_info_is_told_in_order_as_the_broker_goes_and_comes_back() throws Exception {
        List<MqttConnectionInfo> told = new java.util.concurrent.CopyOnWriteArrayList<>();
        RecordingListener listener = new RecordingListener();
        MqttTransport agent = closeLater(new MqttTransport(agentConfig(MqttVersion.V5_0).build()));
        agent.onConnectionInfo(told::add);
        agent.start(listener);
        listener.awaitConnected();
        assertEquals(List.of(MqttClientStatus.CONNECTING, MqttClientStatus.CONNECTED), statuses(told));
        assertEquals(agent.connectionInfo(), told.get(told.size() - 1), "the last one told is the current one");

        broker.stop();
        listener.awaitDisconnected();
        await("Error_BrokerUnreachable told", () -> statuses(told).contains(MqttClientStatus.ERROR_BROKER_UNREACHABLE));
        broker.start();
        listener.awaitConnected();
        List<MqttClientStatus> after = statuses(told);
        assertEquals(List.of(MqttClientStatus.CONNECTING, MqttClientStatus.CONNECTED,
                MqttClientStatus.ERROR_BROKER_UNREACHABLE), after.subList(0, 3));
        assertEquals(MqttClientStatus.CONNECTED, after.get(after.size() - 1));

        agent.close();
        assertEquals(MqttClientStatus.DISABLED, told.get(told.size() - 1).status());
        for (int i = 1; i < told.size(); i++) {
            assertNotEquals(told.get(i - 1), told.get(i), "only changes are told");
        }
    }

    /** The statuses told, a repeated one once. */
    private static List<MqttClientStatus> statuses(List<MqttConnectionInfo> told) {
        List<MqttClientStatus> out = new java.util.ArrayList<>();
        for (MqttConnectionInfo i : told) {
            if (out.isEmpty() || out.get(out.size() - 1) != i.status()) {
                out.add(i.status());
            }
        }
        return out;
    }

    @Test
    void unreachable_broker_is_reported_and_send_says_why() throws Exception {
        int port = EmbeddedBroker.freePort();
        RecordingListener listener = new RecordingListener();
        MqttTransport agent = startAgent(agentConfig(MqttVersion.V5_0).brokerPort(port).build(), listener);

        await("Error_BrokerUnreachable",
                () -> agent.connectionInfo().status() == MqttClientStatus.ERROR_BROKER_UNREACHABLE);
        assertTrue(agent.connectionInfo().lastError().contains(String.valueOf(port)), agent.connectionInfo().lastError());
        Throwable refused = failureOf(agent.send(mqtt(controllerTopic), bytes("x")));
        assertTrue(refused.getMessage().contains("not connected") && refused.getMessage().contains("Connection refused"),
                refused.getMessage());
    }

    // ---- Stats (Device.MQTT.Client.{i}.Stats.) ----

    @Test
    void stats_count_the_publish_packets_each_way_and_each_connection_error() throws Exception {
        RecordingListener listener = new RecordingListener();
        MqttTransport agent = closeLater(new MqttTransport(agentConfig(MqttVersion.V5_0).build()));
        assertEquals(new MqttTransport.Stats(Optional.empty(), 0, 0, 0), agent.stats(), "nothing yet");
        agent.start(listener);
        listener.awaitConnected();
        Instant established = agent.stats().connectionEstablished().orElseThrow();
        TestController controller = controller(MqttVersion.V5_0);

        controller.send(agentTopic, bytes("in"));
        listener.nextRecord();
        agent.send(mqtt(controllerTopic), bytes("out")).get(RecordingListener.WAIT.toMillis(), TimeUnit.MILLISECONDS);
        assertEquals(new MqttTransport.Stats(Optional.of(established), 1, 1, 0), agent.stats());

        broker.stop();
        listener.awaitDisconnected();
        await("a connection error counted", () -> agent.stats().connectionErrors() >= 1);
        broker.start();
        listener.awaitConnected();
        assertFalse(agent.stats().connectionEstablished().orElseThrow().isBefore(established));
    }

    // ---- Changing the configured subscriptions while connected (R-MQTT.34) ----

    @ParameterizedTest(name = "MQTT {0}")
    @EnumSource(MqttVersion.class)
    void configured_filters_are_subscribed_at_their_own_qos_and_changed_on_the_running_connection(MqttVersion version)
            throws Exception {
        String first = "usp/first/" + unique + "/#";
        String second = "usp/second/" + unique + "/#";
        RecordingListener listener = new RecordingListener();
        MqttClientConfig config = agentConfig(version).subscriptions(List.of(first)).subscriptionQos(Map.of(first, 0))
                .build();
        MqttTransport agent = startAgent(config, listener);
        listener.awaitConnected();
        EmbeddedBroker.ClientLog log = broker.logOf("agent-" + unique);
        String reply = version == MqttVersion.V5_0 ? agentTopic : agentTopic + "/#";
        assertEquals(List.of(new EmbeddedBroker.Filter(first, 0), new EmbeddedBroker.Filter(reply, 1)),
                log.subscribes.get(0), "the configured filter at its QoS, the reply-to topic at the default");

        agent.changeSubscriptions(config.toBuilder().subscriptions(List.of(second)).subscriptionQos(Map.of(second, 2))
                .build());

        await("SUBSCRIBE and UNSUBSCRIBE", () -> log.subscribes.size() == 2 && log.unsubscribes.size() == 1);
        assertEquals(List.of(new EmbeddedBroker.Filter(second, 2)), log.subscribes.get(1));
        assertEquals(List.of(first), log.unsubscribes.get(0));
        await("the subscriptions told", () -> agent.connectionInfo().subscriptions().equals(List.of(reply, second)));
        TestController controller = controller(version);
        controller.send("usp/second/" + unique, bytes("to the new filter"));
        assertArrayEquals(bytes("to the new filter"), listener.nextRecord().record());
        assertEquals(1, broker.connectsOf("agent-" + unique).size(), "on the same connection");
    }

    @Test
    void a_removed_filter_that_covered_the_reply_to_topic_leaves_the_reply_to_topic_subscribed() throws Exception {
        RecordingListener listener = new RecordingListener();
        MqttClientConfig config = agentConfig(MqttVersion.V5_0).subscriptions(List.of("usp/agent/#")).build();
        MqttTransport agent = startAgent(config, listener);
        listener.awaitConnected();
        EmbeddedBroker.ClientLog log = broker.logOf("agent-" + unique);
        assertEquals(List.of(new EmbeddedBroker.Filter("usp/agent/#", 1)), log.subscribes.get(0));

        agent.changeSubscriptions(config.toBuilder().subscriptions(List.of()).build());

        await("SUBSCRIBE and UNSUBSCRIBE", () -> log.subscribes.size() == 2 && log.unsubscribes.size() == 1);
        assertEquals(List.of(new EmbeddedBroker.Filter(agentTopic, 1)), log.subscribes.get(1));
        assertEquals(List.of("usp/agent/#"), log.unsubscribes.get(0));
        TestController controller = controller(MqttVersion.V5_0);
        controller.send(agentTopic, bytes("still reachable"));
        assertArrayEquals(bytes("still reachable"), listener.nextRecord().record());
    }

    @Test
    void a_change_while_not_connected_is_taken_by_the_next_connection() throws Exception {
        RecordingListener listener = new RecordingListener();
        MqttClientConfig config = agentConfig(MqttVersion.V5_0).build();
        broker.stop();
        MqttTransport agent = startAgent(config, listener);
        String added = "usp/added/" + unique;
        agent.changeSubscriptions(config.toBuilder().subscriptions(List.of(added)).build());
        broker.start();
        listener.awaitConnected();

        assertEquals(List.of(new EmbeddedBroker.Filter(added, 1), new EmbeddedBroker.Filter(agentTopic, 1)),
                broker.logOf("agent-" + unique).subscribes.get(0));
        assertEquals(List.of(), broker.logOf("agent-" + unique).unsubscribes);
    }

    // ---- What TP-469 section 11 measures on the wire ----

    /** How much later than its configured window a retry may come on a loaded machine. */
    static final Duration RETRY_SLACK = Duration.ofSeconds(2);

    /** Fails unless {@code gap} is within [{@code low}, {@code high} + {@link #RETRY_SLACK}]. */
    static void assertWithin(String what, Duration low, Duration high, Duration gap) {
        assertTrue(gap.compareTo(low) >= 0, () -> what + " came after " + gap.toMillis() + " ms, before " + low.toMillis()
                + " ms");
        assertTrue(gap.compareTo(high.plus(RETRY_SLACK)) <= 0, () -> what + " came after " + gap.toMillis()
                + " ms, well after " + high.toMillis() + " ms");
    }

    @Test // TP-469 11.6
    void a_broker_out_of_service_is_retried_after_connect_retry_time_then_with_the_multiplier_TP469_11_6()
            throws Exception {
        // ConnectRetryTime 1 s, ConnectRetryIntervalMultiplier 2000: the first retry 1-2 s after
        // the failure, the second 2-4 s after the next one (ConnectRetryMaxInterval 4 s keeps the
        // third short).
        ConnectRetryPolicy retry = ConnectRetryPolicy.ofTr181(1, 2000, 4);
        RecordingListener listener = new RecordingListener();
        broker.stop();
        long first;
        long second;
        long third;
        try (ClosingServer down = new ClosingServer(broker.port())) {
            startAgent(agentConfig(MqttVersion.V5_0).connectRetry(retry).build(), listener);
            first = down.nextAttempt();
            second = down.nextAttempt();
            third = down.nextAttempt();
        }
        broker.start();

        assertWithin("the first retry", retry.lowerBound(1), retry.upperBound(1), Duration.ofNanos(second - first));
        assertWithin("the second retry", retry.lowerBound(2), retry.upperBound(2), Duration.ofNanos(third - second));
        listener.awaitConnected(); // once the broker is back
    }

    @ParameterizedTest(name = "MQTT {0}") // TP-469 11.16
    @EnumSource(MqttVersion.class)
    void after_the_broker_ends_the_connection_the_agent_connects_again_within_the_first_retry_window_TP469_11_16(
            MqttVersion version) throws Exception {
        ConnectRetryPolicy retry = ConnectRetryPolicy.ofTr181(1, 2000, 30720);
        RecordingListener listener = new RecordingListener();
        startAgent(agentConfig(version).connectRetry(retry).build(), listener);
        listener.awaitConnected();

        long before = System.nanoTime();
        assertTrue(broker.disconnect("agent-" + unique), "the agent was connected");
        RecordingListener.Disconnected lost = listener.awaitDisconnected();
        if (version == MqttVersion.V5_0) {
            assertTrue(lost.reason().contains("the broker sent DISCONNECT"), lost.reason());
        }
        listener.awaitConnected();

        List<EmbeddedBroker.Connect> connects = broker.connectsOf("agent-" + unique);
        assertEquals(2, connects.size(), "one new CONNECT");
        assertWithin("the new CONNECT", retry.lowerBound(1), retry.upperBound(1),
                Duration.ofNanos(connects.get(1).receivedNanos() - before));
    }

    @Test // TP-469 11.7
    void mqtt5_keeps_the_connection_alive_with_pingreq_at_the_server_keep_alive_TP469_11_7(@TempDir Path dir)
            throws Exception {
        // The broker allows 30 s: it answers the CONNECT's 60 s with Server Keep Alive 30 in
        // CONNACK, and drops a client it hears nothing from for 45 s.
        try (EmbeddedBroker strict = new EmbeddedBroker(dir, 30)) {
            RecordingListener listener = new RecordingListener();
            MqttTransport agent = startAgent(agentConfig(MqttVersion.V5_0).brokerPort(strict.port())
                    .keepAlive(Duration.ofSeconds(60)).build(), listener);
            listener.awaitConnected();
            String clientId = "agent-" + unique;
            assertEquals(60, strict.connectsOf(clientId).get(0).keepAlive(), "KeepAliveTime in CONNECT (R-MQTT.14)");
            assertEquals(Optional.of(30), strict.connacks().get(0).serverKeepAlive());

            EmbeddedBroker.ClientLog log = strict.logOf(clientId);
            long deadline = System.nanoTime() + Duration.ofSeconds(75).toNanos();
            while (log.pings.isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            assertFalse(log.pings.isEmpty(), "no PINGREQ within 75 s");
            Duration quiet = log.pings.get(0).sincePreviousPacket();
            assertTrue(quiet.compareTo(Duration.ofSeconds(45)) <= 0,
                    "the PINGREQ came " + quiet.toMillis() + " ms after the agent's previous packet, not within 45 s");
            assertEquals(0, listener.disconnectedCount(), "the broker never dropped the agent");
            assertEquals(MqttClientStatus.CONNECTED, agent.connectionInfo().status());
            agent.close();
        }
    }

    @Test // TP-469 11.8
    void mqtt5_subscribe_carries_the_subscribe_topic_and_the_response_information_of_connack_TP469_11_8()
            throws Exception {
        String subscribeTopic = "usp/broker-said/" + unique + "/#";
        String responseInformation = "usp/assigned/" + unique;
        broker.connackExtras(clientId -> clientId.equals("agent-" + unique)
                ? new EmbeddedBroker.ConnackExtras(responseInformation, List.of(subscribeTopic))
                : EmbeddedBroker.ConnackExtras.NONE);
        RecordingListener listener = new RecordingListener();
        startAgent(agentConfig(MqttVersion.V5_0).build(), listener);
        listener.awaitConnected();

        assertTrue(broker.connectsOf("agent-" + unique).get(0).requestResponseInformation(),
                "Request Response Information = 1 (R-MQTT.12)");
        EmbeddedBroker.ClientLog log = broker.logOf("agent-" + unique);
        assertEquals(1, log.subscribes.size(), "one SUBSCRIBE");
        List<String> filters = log.subscribes.get(0).stream().map(EmbeddedBroker.Filter::topicFilter).toList();
        assertEquals(List.of(subscribeTopic, responseInformation), filters, "R-MQTT.15");
    }

    @ParameterizedTest(name = "MQTT {0}") // TP-469 11.11
    @EnumSource(MqttVersion.class)
    void a_suback_refusing_every_topic_makes_the_agent_send_disconnect_and_publish_nothing_TP469_11_11(
            MqttVersion version) throws Exception {
        String clientId = "agent-" + unique;
        broker.refuseSubscriptions(clientId::equals);
        RecordingListener listener = new RecordingListener();
        MqttTransport agent = startAgent(agentConfig(version).build(), listener);

        EmbeddedBroker.ClientLog log = broker.logOf(clientId);
        await("a DISCONNECT after the refused SUBSCRIBE", () -> log.disconnects.get() >= 1
                && agent.connectionInfo().lastError().contains("R-MQTT.17"));
        assertFalse(log.subscribes.isEmpty());
        // The agent has something to send (a Periodic! notification, say): it does not publish it.
        Throwable refused = failureOf(agent.send(mqtt(controllerTopic), bytes("notify")));
        assertInstanceOf(IllegalStateException.class, refused);
        await("a second attempt, refused too", () -> log.disconnects.get() >= 2);
        assertEquals(List.of(), log.publishes, "R-MQTT.17: no PUBLISH");
        assertEquals(0, listener.connectedCount());
    }

    @ParameterizedTest(name = "MQTT {0}") // TP-469 11.12
    @EnumSource(MqttVersion.class)
    void the_publish_of_an_answer_names_the_reply_to_topic_and_content_type_TP469_11_12(MqttVersion version)
            throws Exception {
        String responseInformation = "usp/assigned/" + unique;
        broker.connackExtras(clientId -> clientId.equals("agent-" + unique)
                ? new EmbeddedBroker.ConnackExtras(responseInformation, List.of()) : EmbeddedBroker.ConnackExtras.NONE);
        RecordingListener listener = new RecordingListener();
        MqttTransport agent = startAgent(agentConfig(version).build(), listener);
        listener.awaitConnected();
        TestController controller = controller(version);

        controller.send(version == MqttVersion.V5_0 ? responseInformation : agentTopic, bytes("get"));
        RecordingListener.Received get = listener.nextRecord();
        agent.send(get.from(), bytes("get response")).get(RecordingListener.WAIT.toMillis(), TimeUnit.MILLISECONDS);

        List<EmbeddedBroker.Publish> published = broker.logOf("agent-" + unique).publishes;
        assertEquals(1, published.size());
        EmbeddedBroker.Publish p = published.get(0);
        assertArrayEquals(bytes("get response"), p.payload());
        if (version == MqttVersion.V5_0) {
            assertEquals(controllerTopic, p.topic());
            assertEquals(responseInformation, p.responseTopic(), "R-MQTT.21, R-MQTT.23: the Response Information");
            assertEquals("usp.msg", p.contentType(), "R-MQTT.27");
        } else {
            // MQTT 3.1.1 has no Response Information: the configured topic, "/" written "%2F" (R-MQTT.24).
            assertEquals(controllerTopic + "/reply-to=" + agentTopic.replace("/", "%2F"), p.topic());
            assertNull(p.responseTopic());
            assertNull(p.contentType());
        }
        assertArrayEquals(bytes("get response"), controller.next().payload());
    }

    // ---- TLS (R-MQTT.48, R-MQTT.49) ----

    private MqttClientConfig.Builder tlsAgent(MqttVersion version, int port, MqttTlsConfig tls) {
        return agentConfig(version).brokerHost("localhost").brokerPort(port)
                .transportProtocol(MqttTransportProtocol.TLS).tls(tls);
    }

    @ParameterizedTest(name = "MQTT {0}") // TP-469 11.3
    @EnumSource(MqttVersion.class)
    void tls_broker_verified_against_the_ca_file_carries_records_over_tls_1_2_or_later_TP469_11_3(MqttVersion version)
            throws Exception {
        RecordingListener listener = new RecordingListener();
        MqttTransport agent = startAgent(tlsAgent(version, broker.tlsPort(),
                MqttTlsConfig.builder().caFile(tlsFiles.resolve("ca.pem")).build()).build(), listener);
        MtpAddress peer = listener.awaitConnected();
        assertEquals("ssl://localhost:" + broker.tlsPort(), peer.address());
        List<EmbeddedBroker.Connect> connects = broker.connectsOf("agent-" + unique);
        assertFalse(connects.isEmpty());
        for (EmbeddedBroker.Connect c : connects) {
            assertTrue(List.of("TLSv1.2", "TLSv1.3").contains(c.tlsProtocol()), "R-MQTT.48: " + c.tlsProtocol());
        }

        TestController controller = controller(version);
        controller.send(agentTopic, bytes("over TLS"));
        RecordingListener.Received got = listener.nextRecord();
        assertArrayEquals(bytes("over TLS"), got.record());
        agent.send(got.from(), bytes("back over TLS")).get(RecordingListener.WAIT.toMillis(), TimeUnit.MILLISECONDS);
        assertArrayEquals(bytes("back over TLS"), controller.next().payload());
    }

    @Test
    void tls_broker_verified_against_a_trust_store_by_ip_address() {
        RecordingListener listener = new RecordingListener();
        startAgent(tlsAgent(MqttVersion.V5_0, broker.tlsPort(), MqttTlsConfig.builder()
                .trustStore(tlsFiles.resolve("ca-truststore.p12"), EmbeddedBroker.STORE_PASSWORD).build())
                .brokerHost("127.0.0.1").build(), listener);

        assertEquals("ssl://127.0.0.1:" + broker.tlsPort(), listener.awaitConnected().address());
    }

    @Test
    void tls_refuses_a_broker_certificate_from_an_unknown_ca() throws Exception {
        RecordingListener listener = new RecordingListener();
        MqttTransport agent = startAgent(tlsAgent(MqttVersion.V5_0, broker.tlsPort(),
                MqttTlsConfig.builder().caFile(tlsFiles.resolve("other-ca.pem")).build()).build(), listener);

        await("Error_Misconfigured", () -> agent.connectionInfo().status() == MqttClientStatus.ERROR_MISCONFIGURED);
        assertEquals(0, listener.connectedCount());
        assertTrue(broker.connectsOf("agent-" + unique).isEmpty(), "no CONNECT reached the broker");
    }

    @Test
    void tls_refuses_a_certificate_for_another_host_unless_host_name_verification_is_off() throws Exception {
        RecordingListener refusing = new RecordingListener();
        MqttTransport agent = startAgent(tlsAgent(MqttVersion.V5_0, broker.wrongHostTlsPort(),
                MqttTlsConfig.builder().caFile(tlsFiles.resolve("ca.pem")).build()).build(), refusing);
        await("Error_Misconfigured", () -> agent.connectionInfo().status() == MqttClientStatus.ERROR_MISCONFIGURED);
        assertEquals(0, refusing.connectedCount());
        agent.close();

        RecordingListener accepting = new RecordingListener();
        startAgent(tlsAgent(MqttVersion.V5_0, broker.wrongHostTlsPort(), MqttTlsConfig.builder()
                .caFile(tlsFiles.resolve("ca.pem")).hostnameVerification(false).build()).build(), accepting);
        accepting.awaitConnected();
    }

    @Test
    void tls_client_certificate_from_a_key_store_is_presented() {
        RecordingListener listener = new RecordingListener();
        startAgent(tlsAgent(MqttVersion.V5_0, broker.clientAuthTlsPort(), MqttTlsConfig.builder()
                .caFile(tlsFiles.resolve("ca.pem"))
                .clientKeyStore(tlsFiles.resolve("client.p12"), EmbeddedBroker.STORE_PASSWORD).build()).build(), listener);
        listener.awaitConnected();

        assertEquals("CN=demarc-test-agent", broker.connectsOf("agent-" + unique).get(0).clientCertificateSubject());
    }

    @Test
    void tls_client_certificate_from_pem_files_is_presented() {
        RecordingListener listener = new RecordingListener();
        startAgent(tlsAgent(MqttVersion.V3_1_1, broker.clientAuthTlsPort(), MqttTlsConfig.builder()
                .caFile(tlsFiles.resolve("ca.pem"))
                .clientCertificate(tlsFiles.resolve("client-cert.pem"), tlsFiles.resolve("client-key.pem")).build())
                .build(), listener);
        listener.awaitConnected();

        assertEquals("CN=demarc-test-agent", broker.connectsOf("agent-" + unique).get(0).clientCertificateSubject());
    }

    @Test
    void tls_without_client_certificate_is_refused_where_the_broker_requires_one() throws Exception {
        RecordingListener listener = new RecordingListener();
        MqttTransport agent = startAgent(tlsAgent(MqttVersion.V5_0, broker.clientAuthTlsPort(),
                MqttTlsConfig.builder().caFile(tlsFiles.resolve("ca.pem")).build()).build(), listener);

        await("a failed attempt", () -> agent.connectionInfo().status() != MqttClientStatus.CONNECTING
                && agent.connectionInfo().status() != MqttClientStatus.DISABLED);
        assertNotEquals(MqttClientStatus.CONNECTED, agent.connectionInfo().status());
        assertEquals(0, listener.connectedCount());

        // The broker drops the connection right after the TLS 1.3 handshake: no Paho thread may hang on it.
        agent.close();
        await("all transport threads ended", () -> transportThreads(agent.config()).isEmpty());
    }

    @Test
    void tls_with_a_missing_ca_file_is_a_misconfiguration() throws Exception {
        RecordingListener listener = new RecordingListener();
        MqttTransport agent = startAgent(tlsAgent(MqttVersion.V5_0, broker.tlsPort(),
                MqttTlsConfig.builder().caFile(tlsFiles.resolve("missing.pem")).build()).build(), listener);

        await("Error_Misconfigured", () -> agent.connectionInfo().status() == MqttClientStatus.ERROR_MISCONFIGURED);
        assertTrue(agent.connectionInfo().lastError().contains("missing.pem"), agent.connectionInfo().lastError());
    }

    /** Writes the key store's certificate chain and its key as PEM (PKCS#8), as openssl would. */
    static void writePemFromKeyStore(Path p12, Path certPem, Path keyPem) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(p12)) {
            store.load(in, EmbeddedBroker.STORE_PASSWORD.toCharArray());
        }
        Key key = store.getKey("client", EmbeddedBroker.STORE_PASSWORD.toCharArray());
        Base64.Encoder base64 = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII));
        StringBuilder chain = new StringBuilder();
        for (Certificate c : store.getCertificateChain("client")) {
            chain.append("-----BEGIN CERTIFICATE-----\n").append(base64.encodeToString(c.getEncoded()))
                    .append("\n-----END CERTIFICATE-----\n");
        }
        Files.writeString(certPem, chain, StandardCharsets.US_ASCII);
        Files.writeString(keyPem, "-----BEGIN PRIVATE KEY-----\n" + base64.encodeToString(key.getEncoded())
                + "\n-----END PRIVATE KEY-----\n", StandardCharsets.US_ASCII);
    }
}
