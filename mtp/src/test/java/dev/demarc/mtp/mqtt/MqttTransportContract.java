package dev.demarc.mtp.mqtt;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.demarc.core.mtp.MtpAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * What the MQTT MTP does against any MQTT broker that speaks 5.0 and 3.1.1, as TR-369's MQTT
 * binding says, with a controller written in the test (plain Paho). Subclasses say which broker.
 */
abstract class MqttTransportContract {

    /** Records in these tests are at most this big. */
    static final int MAX_RECORD = 4096;
    /** Short back-off so reconnection tests take seconds: 200–200 ms waits, at most 1 s. */
    static final ConnectRetryPolicy FAST_RETRY = new ConnectRetryPolicy(Duration.ofMillis(200), 1000, Duration.ofSeconds(1));

    protected final String unique = UUID.randomUUID().toString().substring(0, 8);
    protected final String agentTopic = "usp/agent/demarc-" + unique;
    protected final String controllerTopic = "usp/controller/ctrl-" + unique;
    protected final String agentEndpointId = "os::012345-demarc" + unique;
    protected final String controllerEndpointId = "proto::controller-" + unique;
    private final Deque<AutoCloseable> toClose = new ArrayDeque<>();

    protected abstract String brokerHost();

    protected abstract int brokerPort();

    @AfterEach
    void closeEverything() throws Exception {
        while (!toClose.isEmpty()) {
            toClose.pop().close();
        }
    }

    protected <T extends AutoCloseable> T closeLater(T resource) {
        toClose.push(resource);
        return resource;
    }

    protected MqttClientConfig.Builder agentConfig(MqttVersion version) {
        return MqttClientConfig.builder()
                .name("agent-" + unique + "-" + version.tr181Name())
                .brokerHost(brokerHost())
                .brokerPort(brokerPort())
                .protocolVersion(version)
                .clientId("agent-" + unique)
                .endpointId(agentEndpointId)
                .responseTopic(agentTopic)
                .connectRetry(FAST_RETRY)
                .connectTimeout(Duration.ofSeconds(5))
                .maxRecordSize(MAX_RECORD);
    }

    protected MqttTransport startAgent(MqttClientConfig config, RecordingListener listener) {
        MqttTransport agent = closeLater(new MqttTransport(config));
        agent.start(listener);
        return agent;
    }

    protected MqttTransport connectedAgent(MqttVersion version, RecordingListener listener) {
        MqttTransport agent = startAgent(agentConfig(version).build(), listener);
        listener.awaitConnected();
        return agent;
    }

    protected TestController controller(MqttVersion version) throws Exception {
        return closeLater(new TestController(version, brokerHost(), brokerPort(), "ctrl-" + unique + "-" + version.tr181Name(),
                controllerTopic, controllerEndpointId));
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static MtpAddress mqtt(String topic) {
        return new MtpAddress(MqttTransport.PROTOCOL, topic, "");
    }

    static Throwable failureOf(CompletableFuture<Void> future) {
        ExecutionException e = assertThrows(ExecutionException.class,
                () -> future.get(RecordingListener.WAIT.toMillis(), TimeUnit.MILLISECONDS));
        return e.getCause();
    }

    static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + RecordingListener.WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("not " + what + " within " + RecordingListener.WAIT);
            }
            Thread.sleep(20);
        }
    }

    // ---- Connecting and subscribing ----

    @ParameterizedTest(name = "MQTT {0}")
    @EnumSource(MqttVersion.class)
    void agent_connects_subscribes_to_its_topic_and_reports_connected(MqttVersion version) {
        RecordingListener listener = new RecordingListener();
        MqttTransport agent = startAgent(agentConfig(version).build(), listener);

        MtpAddress broker = listener.awaitConnected();

        assertEquals(MqttTransport.PROTOCOL, broker.protocol());
        assertEquals("tcp://" + brokerHost() + ":" + brokerPort(), broker.address());
        MqttConnectionInfo info = agent.connectionInfo();
        assertEquals(MqttClientStatus.CONNECTED, info.status());
        assertEquals("agent-" + unique, info.clientId());
        assertEquals(agentTopic, info.replyToTopic());
        // R-MQTT.15: 3.1.1 subscribes to a wildcard filter under the topic to get the "/reply-to=" names.
        assertEquals(List.of(version == MqttVersion.V5_0 ? agentTopic : agentTopic + "/#"), info.subscriptions());
        assertEquals("", info.lastError());
    }

    // ---- Receiving ----

    @ParameterizedTest(name = "MQTT {0}")
    @EnumSource(MqttVersion.class)
    void record_from_a_controller_arrives_with_the_topic_to_reply_to(MqttVersion version) throws Exception {
        RecordingListener listener = new RecordingListener();
        connectedAgent(version, listener);
        TestController controller = controller(version);

        byte[] record = {0x0a, 0x03, 0x31, 0x2e, 0x33, 0x00, (byte) 0xff};
        controller.send(agentTopic, record);

        RecordingListener.Received got = listener.nextRecord();
        assertArrayEquals(record, got.record());
        assertEquals(MqttTransport.PROTOCOL, got.from().protocol());
        // R-MQTT.26 (Response Topic) and R-MQTT.25 ("/reply-to=" with %2F read back as /).
        assertEquals(controllerTopic, got.from().address());
        // The usp-endpoint-id user property exists only in MQTT 5.0.
        assertEquals(version == MqttVersion.V5_0 ? controllerEndpointId : "", got.from().endpointId());
    }

    @ParameterizedTest(name = "MQTT {0}")
    @EnumSource(MqttVersion.class)
    void record_over_the_size_limit_is_dropped_on_receipt(MqttVersion version) throws Exception {
        RecordingListener listener = new RecordingListener();
        connectedAgent(version, listener);
        TestController controller = controller(version);

        controller.send(agentTopic, new byte[MAX_RECORD + 1]);
        byte[] small = bytes("next record");
        controller.send(agentTopic, small);

        // The broker keeps order on one connection: the first record the agent gets is the small one.
        assertArrayEquals(small, listener.nextRecord().record());
        byte[] exactlyMax = new byte[MAX_RECORD];
        Arrays.fill(exactlyMax, (byte) 7);
        controller.send(agentTopic, exactlyMax);
        assertArrayEquals(exactlyMax, listener.nextRecord().record());
    }

    @Test
    void mqtt5_publish_with_another_content_type_is_not_taken_for_a_record() throws Exception {
        RecordingListener listener = new RecordingListener();
        connectedAgent(MqttVersion.V5_0, listener);
        TestController controller = controller(MqttVersion.V5_0);

        controller.publish5(agentTopic, bytes("not usp"), "text/plain", controllerTopic, null);
        controller.publish5(agentTopic, bytes("registered type"), MqttTransport.CONTENT_TYPE_REGISTERED, controllerTopic, null);

        // R-MQTT.27a: usp.msg and application/vnd.bbf.usp.msg mark a USP Record; text/plain does not.
        RecordingListener.Received got = listener.nextRecord();
        assertArrayEquals(bytes("registered type"), got.record());
        assertEquals("", got.from().endpointId());
    }

    @Test
    void mqtt5_record_without_response_topic_arrives_with_an_empty_reply_address() throws Exception {
        RecordingListener listener = new RecordingListener();
        connectedAgent(MqttVersion.V5_0, listener);
        TestController controller = controller(MqttVersion.V5_0);

        controller.publish5(agentTopic, bytes("no reply topic"), MqttTransport.CONTENT_TYPE, null, null);

        RecordingListener.Received got = listener.nextRecord();
        assertEquals("", got.from().address());
    }

    /**
     * Paho's idle threads end (here after 0.2 s instead of 30), while the keep-alive ping waits
     * for its time: were it scheduled on Paho's pool, no thread would be left to send it, and
     * the broker would close the connection after 1.5 keep-alive intervals without a packet.
     */
    @ParameterizedTest(name = "MQTT {0}")
    @EnumSource(MqttVersion.class)
    void an_idle_connection_is_kept_open_by_keep_alive_pings(MqttVersion version) throws Exception {
        RecordingListener listener = new RecordingListener();
        MqttClientConfig config = agentConfig(version).keepAlive(Duration.ofSeconds(2)).build();
        MqttTransport agent = closeLater(new MqttTransport(config, new SplittableRandom(), Duration.ofMillis(200)));
        agent.start(listener);
        listener.awaitConnected();

        Thread.sleep(7_000); // 3.5 keep-alive intervals with nothing to send or receive

        assertEquals(0, listener.disconnectedCount(), "the connection ended while idle");
        assertEquals(0, agent.stats().connectionErrors());
        TestController controller = controller(version);
        controller.send(agentTopic, bytes("after the idle time"));
        assertArrayEquals(bytes("after the idle time"), listener.nextRecord().record());
    }

    // ---- Sending ----

    @ParameterizedTest(name = "MQTT {0}")
    @EnumSource(MqttVersion.class)
    void record_from_the_agent_reaches_the_controller_with_the_agents_reply_to_topic(MqttVersion version) throws Exception {
        RecordingListener listener = new RecordingListener();
        MqttTransport agent = connectedAgent(version, listener);
        TestController controller = controller(version);

        byte[] record = bytes("notify");
        agent.send(mqtt(controllerTopic), record).get(RecordingListener.WAIT.toMillis(), TimeUnit.MILLISECONDS);

        TestController.Received got = controller.next();
        assertArrayEquals(record, got.payload());
        if (version == MqttVersion.V5_0) {
            // R-MQTT.23, R-MQTT.27 and the usp-endpoint-id user property.
            assertEquals(controllerTopic, got.topic());
            assertEquals("usp.msg", got.contentType());
            assertEquals(agentTopic, got.responseTopic());
            assertEquals(agentEndpointId, got.endpointId());
        } else {
            // R-MQTT.24: the reply-to topic at the end of the topic name, "/" written "%2F".
            assertEquals(controllerTopic + "/reply-to=usp%2Fagent%2Fdemarc-" + unique, got.topic());
            assertNull(got.contentType());
        }
    }

    @ParameterizedTest(name = "MQTT {0}")
    @EnumSource(MqttVersion.class)
    void answer_goes_back_to_the_address_the_request_came_from(MqttVersion version) throws Exception {
        RecordingListener listener = new RecordingListener();
        MqttTransport agent = connectedAgent(version, listener);
        TestController controller = controller(version);

        controller.send(agentTopic, bytes("request"));
        MtpAddress from = listener.nextRecord().from();
        agent.send(from, bytes("response")).get(RecordingListener.WAIT.toMillis(), TimeUnit.MILLISECONDS);

        assertArrayEquals(bytes("response"), controller.next().payload());
    }

    @ParameterizedTest(name = "MQTT {0}")
    @EnumSource(MqttVersion.class)
    void send_refuses_a_record_over_the_size_limit(MqttVersion version) throws Exception {
        RecordingListener listener = new RecordingListener();
        MqttTransport agent = connectedAgent(version, listener);
        TestController controller = controller(version);

        Throwable refused = failureOf(agent.send(mqtt(controllerTopic), new byte[MAX_RECORD + 1]));
        assertInstanceOf(IllegalArgumentException.class, refused);
        assertTrue(refused.getMessage().contains("maximum record size of " + MAX_RECORD), refused.getMessage());

        agent.send(mqtt(controllerTopic), bytes("small")).get(RecordingListener.WAIT.toMillis(), TimeUnit.MILLISECONDS);
        assertArrayEquals(bytes("small"), controller.next().payload(), "the big record was not published");
    }

    @ParameterizedTest(name = "MQTT {0}")
    @EnumSource(MqttVersion.class)
    void send_refuses_a_topic_filter_as_address(MqttVersion version) {
        RecordingListener listener = new RecordingListener();
        MqttTransport agent = connectedAgent(version, listener);

        assertInstanceOf(IllegalArgumentException.class, failureOf(agent.send(mqtt("usp/controller/+"), bytes("x"))));
        assertInstanceOf(IllegalArgumentException.class, failureOf(agent.send(mqtt(""), bytes("x"))));
        assertInstanceOf(IllegalArgumentException.class,
                failureOf(agent.send(new MtpAddress("WebSocket", controllerTopic, ""), bytes("x"))));
    }

    @Test
    void send_before_start_fails_as_not_connected() {
        MqttTransport agent = closeLater(new MqttTransport(agentConfig(MqttVersion.V5_0).build()));

        Throwable refused = failureOf(agent.send(mqtt(controllerTopic), bytes("x")));

        assertInstanceOf(IllegalStateException.class, refused);
        assertTrue(refused.getMessage().contains("not connected"), refused.getMessage());
    }

    // ---- Closing ----

    @ParameterizedTest(name = "MQTT {0}")
    @EnumSource(MqttVersion.class)
    void close_disconnects_reports_it_and_stops_every_thread(MqttVersion version) throws Exception {
        RecordingListener listener = new RecordingListener();
        MqttClientConfig config = agentConfig(version).build();
        MqttTransport agent = new MqttTransport(config);
        agent.start(listener);
        listener.awaitConnected();

        agent.close();

        RecordingListener.Disconnected gone = listener.awaitDisconnected();
        assertTrue(gone.reason().contains("closed"), gone.reason());
        assertEquals(MqttClientStatus.DISABLED, agent.connectionInfo().status());
        assertInstanceOf(IllegalStateException.class, failureOf(agent.send(mqtt(controllerTopic), bytes("x"))));
        assertThrows(IllegalStateException.class, () -> agent.start(listener));
        // Paho renames the threads it borrows after the client identifier.
        await("all transport threads ended", () -> transportThreads(config).isEmpty());
        agent.close(); // idempotent
    }

    @Test
    void second_start_is_refused() {
        RecordingListener listener = new RecordingListener();
        MqttTransport agent = startAgent(agentConfig(MqttVersion.V5_0).build(), listener);

        assertThrows(IllegalStateException.class, () -> agent.start(listener));
    }

    static List<Thread> transportThreads(MqttClientConfig config) {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(Thread::isAlive)
                .filter(t -> t.getName().startsWith("demarc-mqtt-" + config.name())
                        || (!config.clientId().isEmpty() && t.getName().contains(config.clientId())))
                .toList();
    }
}
