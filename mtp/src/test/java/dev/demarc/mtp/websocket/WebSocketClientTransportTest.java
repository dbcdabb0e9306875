package dev.demarc.mtp.websocket;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.demarc.core.mtp.MtpAddress;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The agent as WebSocket client of a controller (TR-369 R-WS.5), against a Netty test controller. */
class WebSocketClientTransportTest {

    private static final String AGENT = "proto::agent-1";
    private static final String CONTROLLER = "proto::controller-1";
    /** Short retry waits for the tests: 50-100 ms, then 100-200 ms, ... */
    private static final SessionRetryPolicy FAST_RETRY = new SessionRetryPolicy(Duration.ofMillis(50), 2000);

    private final RecordingListener agent = new RecordingListener();
    private NettyController controller;
    private WebSocketClientTransport client;

    private WebSocketClientConfig.Builder config() {
        return WebSocketClientConfig.builder("127.0.0.1", controller.port())
                .path("/controller")
                .agentEndpointId(AGENT)
                .controllerEndpointId(CONTROLLER)
                .retry(FAST_RETRY);
    }

    private WebSocketClientTransport start(WebSocketClientConfig.Builder config) {
        client = new WebSocketClientTransport(config.build());
        client.start(agent);
        return client;
    }

    @AfterEach
    void stop() {
        if (client != null) {
            client.close();
        }
        if (controller != null) {
            controller.close();
        }
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void agent_opens_a_session_and_exchanges_records_both_ways_TP469_7_1() throws Exception {
        controller = new NettyController().start();
        start(config());

        MtpAddress peer = agent.nextConnected();
        assertEquals(new MtpAddress("WebSocket", "ws://127.0.0.1:" + controller.port() + "/controller", CONTROLLER),
                peer);
        assertEquals(peer, client.peer());
        assertTrue(client.isConnected());
        assertEquals(0, client.currentRetryCount());

        NettyController.Handshake handshake = controller.nextHandshake();
        assertEquals("/controller?eid=" + AGENT, handshake.uri());
        assertEquals("v1.usp", handshake.headers().get("Sec-WebSocket-Protocol"));

        client.send(peer, bytes("connect record")).get(20, TimeUnit.SECONDS);
        assertArrayEquals(bytes("connect record"), controller.nextRecord());

        controller.send(new byte[] {9, 8, 7});
        RecordingListener.Received in = agent.nextRecord();
        assertArrayEquals(new byte[] {9, 8, 7}, in.record());
        assertEquals(peer, in.from());
    }

    @Test
    void the_agent_endpoint_id_is_percent_encoded_in_the_query_R_WS_10c() throws Exception {
        controller = new NettyController().start();
        start(config().agentEndpointId("doc::agent%21"));
        agent.nextConnected();
        assertEquals("/controller?eid=doc::agent%2521", controller.nextHandshake().uri());
    }

    @Test
    void a_server_that_does_not_answer_v1_usp_is_no_session_and_is_retried_R_WS_12() throws Exception {
        controller = new NettyController("/controller", "v2.other", null).start();
        start(config());

        controller.nextHandshake();
        controller.nextHandshake();
        controller.nextHandshake();
        assertTrue(agent.connected.isEmpty());
        assertFalse(client.isConnected());
        assertTrue(client.currentRetryCount() >= 2, "retry count " + client.currentRetryCount());
    }

    @Test
    void after_the_controller_goes_away_the_agent_retries_until_it_is_back() throws Exception {
        controller = new NettyController().start();
        start(config());
        MtpAddress peer = agent.nextConnected();
        controller.nextHandshake();

        controller.stop();
        RecordingListener.Disconnected gone = agent.nextDisconnected();
        assertEquals(peer, gone.peer());

        controller.start(); // same port
        assertEquals(peer, agent.nextConnected());
        assertEquals(0, client.currentRetryCount(), "R-WS.20: the count restarts once a session is open");
        client.send(peer, bytes("after reconnect")).get(20, TimeUnit.SECONDS);
        assertArrayEquals(bytes("after reconnect"), controller.nextRecord());
    }

    @Test // TP-469 7.8
    void a_lost_session_is_retried_within_the_session_retry_windows_until_the_controller_accepts_TP469_7_8()
            throws Exception {
        // SessionRetryMinimumWaitInterval 1 s, SessionRetryIntervalMultiplier 2000: the first
        // retry 1-2 s after the session ends, the second 2-4 s after the first.
        SessionRetryPolicy retry = SessionRetryPolicy.ofTr181(1, 2000);
        controller = new NettyController().start();
        start(config().retry(retry));
        MtpAddress peer = agent.nextConnected();
        controller.nextHandshake();

        controller.refuseHandshakes(true);
        long ended = System.nanoTime();
        controller.dropConnections();
        assertEquals(peer, agent.nextDisconnected().peer());
        NettyController.Handshake first = controller.nextHandshake();
        awaitRetries(client, 2); // the first retry was refused
        controller.refuseHandshakes(false);
        NettyController.Handshake second = controller.nextHandshake();
        assertEquals(peer, agent.nextConnected());

        assertWithin("the first retry", retry.minimumWait(1), retry.maximumWait(1),
                Duration.ofNanos(first.receivedNanos() - ended));
        assertWithin("the second retry", retry.minimumWait(2), retry.maximumWait(2),
                Duration.ofNanos(second.receivedNanos() - first.receivedNanos()));
    }

    /** Fails unless {@code gap} is within [{@code low}, {@code high} + 2 s for a loaded machine]. */
    static void assertWithin(String what, Duration low, Duration high, Duration gap) {
        assertTrue(gap.compareTo(low) >= 0, () -> what + " came after " + gap.toMillis() + " ms, before "
                + low.toMillis() + " ms");
        assertTrue(gap.compareTo(high.plusSeconds(2)) <= 0, () -> what + " came after " + gap.toMillis()
                + " ms, well after " + high.toMillis() + " ms");
    }

    @Test
    void refused_handshakes_count_as_failed_attempts_and_are_retried() throws Exception {
        controller = new NettyController().start();
        controller.refuseHandshakes(true);
        start(config());

        controller.nextHandshake();
        controller.nextHandshake();
        controller.nextHandshake();
        assertTrue(client.currentRetryCount() >= 2, "retry count " + client.currentRetryCount());
        assertTrue(agent.connected.isEmpty());

        controller.refuseHandshakes(false);
        agent.nextConnected();
        assertEquals(0, client.currentRetryCount());
    }

    @Test
    void a_controller_that_is_not_listening_yet_is_retried() throws Exception {
        controller = new NettyController().start();
        int port = controller.port();
        controller.stop();
        start(config());
        awaitRetries(client, 2); // connection refused, twice

        controller.start();
        assertEquals(port, controller.port());
        agent.nextConnected();
        assertEquals(0, client.currentRetryCount());
    }

    /** Waits until {@code client} has failed {@code n} attempts in a row (its retry count says so). */
    static void awaitRetries(WebSocketClientTransport client, int n) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(RecordingListener.WAIT_SECONDS);
        while (client.currentRetryCount() < n) {
            assertTrue(System.nanoTime() < deadline, "only " + client.currentRetryCount() + " retries");
            TimeUnit.MILLISECONDS.sleep(10);
        }
    }

    @Test
    void the_agent_sends_pings_every_keep_alive_interval_R_WS_17() throws Exception {
        controller = new NettyController().start();
        start(config().keepAliveInterval(Duration.ofMillis(100)));
        agent.nextConnected();

        RecordingListener.take(controller.pings, "a first Ping");
        RecordingListener.take(controller.pings, "a second Ping");
        RecordingListener.take(controller.pings, "a third Ping");
        assertTrue(agent.disconnected.isEmpty(), "the controller answers, the session stays");
    }

    @Test
    void a_ping_from_the_controller_is_answered_with_a_pong_TP469_7_7() throws Exception {
        controller = new NettyController().start();
        start(config());
        agent.nextConnected();

        controller.sendPing(bytes("ping-1"));
        assertArrayEquals(bytes("ping-1"), RecordingListener.take(controller.pongs, "a Pong"));
    }

    @Test
    void a_close_from_the_controller_is_answered_with_a_close_and_then_retried_TP469_7_4() throws Exception {
        controller = new NettyController().start();
        start(config());
        MtpAddress peer = agent.nextConnected();

        controller.sendClose(1000, "maintenance");

        assertEquals(1000, controller.nextClose().status());
        assertTrue(agent.nextDisconnected().reason().contains("maintenance"));
        assertEquals(peer, agent.nextConnected());
    }

    @Test
    void a_text_message_closes_the_session_with_1003_R_WS_16() throws Exception {
        controller = new NettyController().start();
        start(config());
        agent.nextConnected();

        controller.sendText("{\"not\": \"a record\"}");

        assertEquals(1003, controller.nextClose().status());
        assertTrue(agent.nextDisconnected().reason().contains("1003"));
        assertTrue(agent.records.isEmpty());
    }

    @Test
    void a_record_found_malformed_closes_the_session_with_1003_TP469_7_6() throws Exception {
        controller = new NettyController().start();
        start(config());
        agent.nextConnected();

        client.closeForUnprocessableRecord("not a USP Record");

        NettyController.Close close = controller.nextClose();
        assertEquals(1003, close.status());
        assertEquals("not a USP Record", close.reason());
    }

    @Test
    void a_record_larger_than_the_limit_closes_with_1009() throws Exception {
        controller = new NettyController().start();
        start(config().maxRecordSize(1000));
        agent.nextConnected();

        controller.send(new byte[1001]);

        assertEquals(1009, controller.nextClose().status());
        agent.nextDisconnected();
        assertTrue(agent.records.isEmpty());
    }

    @Test
    void send_fails_before_the_session_is_open_for_another_peer_or_over_the_limit() throws Exception {
        controller = new NettyController().start();
        controller.refuseHandshakes(true);
        start(config().maxRecordSize(100));
        MtpAddress peer = client.peer();

        ExecutionException notYet = assertThrows(ExecutionException.class, () -> client.send(peer, bytes("x")).get());
        assertInstanceOf(IOException.class, notYet.getCause());

        MtpAddress other = new MtpAddress("WebSocket", "ws://127.0.0.1:1/elsewhere", "proto::other");
        ExecutionException wrongPeer = assertThrows(ExecutionException.class,
                () -> client.send(other, bytes("x")).get());
        assertInstanceOf(IOException.class, wrongPeer.getCause());

        ExecutionException big = assertThrows(ExecutionException.class, () -> client.send(peer, new byte[101]).get());
        assertInstanceOf(IllegalArgumentException.class, big.getCause());
    }

    @Test
    void reset_closes_the_session_and_connects_again_at_once() throws Exception {
        controller = new NettyController().start();
        start(config().retry(new SessionRetryPolicy(Duration.ofSeconds(3600), 1000)));
        MtpAddress peer = agent.nextConnected();
        controller.nextHandshake();

        client.reset();

        assertEquals(1000, controller.nextClose().status());
        agent.nextDisconnected();
        controller.nextHandshake();
        assertEquals(peer, agent.nextConnected()); // not after an hour's wait
    }

    @Test
    void close_says_going_away_stops_retrying_and_stops_its_thread() throws Exception {
        List<Thread> before = Threads.named("demarc-ws-client");
        controller = new NettyController().start();
        start(config());
        MtpAddress peer = agent.nextConnected();
        List<Thread> ours = Threads.started("demarc-ws-client", before);
        assertFalse(ours.isEmpty());

        client.close();

        assertEquals(1001, controller.nextClose().status());
        assertEquals(peer, agent.nextDisconnected().peer());
        Threads.assertAllEnd(ours);
        assertFalse(client.isConnected());
        assertThrows(IllegalStateException.class, () -> client.start(agent));
    }

    @Test
    void close_while_waiting_to_retry_stops_its_thread() throws Exception {
        List<Thread> before = Threads.named("demarc-ws-client");
        controller = new NettyController().start();
        controller.refuseHandshakes(true);
        start(config().retry(new SessionRetryPolicy(Duration.ofSeconds(3600), 1000)));
        controller.nextHandshake();
        List<Thread> ours = Threads.started("demarc-ws-client", before);

        client.close();

        Threads.assertAllEnd(ours);
        assertTrue(agent.connected.isEmpty());
    }
}
