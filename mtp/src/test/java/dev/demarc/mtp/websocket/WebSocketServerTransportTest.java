package dev.demarc.mtp.websocket;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.demarc.core.mtp.MtpAddress;
import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The agent as WebSocket server (TR-369 R-WS.6), with controllers written in the test. */
class WebSocketServerTransportTest {

    private static final String CONTROLLER = "proto::controller-1";

    private final RecordingListener agent = new RecordingListener();
    private WebSocketServerTransport server;

    private WebSocketServerTransport start(WebSocketServerConfig.Builder config) {
        server = new WebSocketServerTransport(config.port(0).build());
        server.start(agent);
        return server;
    }

    private WebSocketServerTransport start() {
        return start(WebSocketServerConfig.builder());
    }

    private URI uri(String pathAndQuery) {
        return URI.create("ws://127.0.0.1:" + server.port() + pathAndQuery);
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void controller_and_agent_exchange_binary_records_both_ways() throws Exception {
        start();
        JdkController controller = JdkController.connect(uri("/usp?eid=" + CONTROLLER));

        MtpAddress peer = agent.nextConnected();
        assertEquals(new MtpAddress("WebSocket", CONTROLLER, CONTROLLER), peer);
        assertEquals(List.of(peer), server.sessions());

        controller.sendRecord(new byte[] {0, 1, 2, (byte) 0xff});
        RecordingListener.Received in = agent.nextRecord();
        assertArrayEquals(new byte[] {0, 1, 2, (byte) 0xff}, in.record());
        assertEquals(peer, in.from());

        server.send(peer, bytes("response")).get(20, TimeUnit.SECONDS);
        assertArrayEquals(bytes("response"), controller.nextRecord());
    }

    @Test
    void the_endpoint_id_in_the_query_is_percent_decoded_once_R_WS_10c() throws Exception {
        start();
        // doc::controller%21 is sent as doc::controller%2521; other query pairs are allowed.
        JdkController.connect(uri("/usp?x=1&eid=doc::controller%2521&y=2"));
        assertEquals("doc::controller%21", agent.nextConnected().endpointId());
    }

    @Test
    void handshake_without_subprotocol_v1_usp_is_refused_R_WS_12a() {
        start();
        assertEquals(400, JdkController.refusedStatus(uri("/usp?eid=" + CONTROLLER)));
        assertEquals(400, JdkController.refusedStatus(uri("/usp?eid=" + CONTROLLER), "v2.usp", "mqtt"));
        assertTrue(agent.connected.isEmpty());
        assertTrue(server.sessions().isEmpty());
    }

    @Test
    void a_list_of_subprotocols_including_v1_usp_is_answered_with_v1_usp() {
        start();
        JdkController controller = JdkController.connect(uri("/usp?eid=" + CONTROLLER), null, "other", "v1.usp");
        assertEquals("v1.usp", controller.webSocket.getSubprotocol());
    }

    @Test
    void handshake_on_another_path_is_refused_with_404() {
        start(WebSocketServerConfig.builder().path("usp/agent"));
        assertEquals(404, JdkController.refusedStatus(uri("/usp?eid=" + CONTROLLER), "v1.usp"));
        assertEquals(404, JdkController.refusedStatus(uri("/usp/agent/more?eid=" + CONTROLLER), "v1.usp"));
        JdkController.connect(uri("/usp/agent?eid=" + CONTROLLER));
    }

    @Test
    void a_request_that_is_not_a_websocket_upgrade_gets_an_http_error() throws Exception {
        start();
        try (RawHttp raw = new RawHttp(server.port())) {
            String head = raw.exchange("GET /usp HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
            assertTrue(head.startsWith("HTTP/1.1 426 "), head);
        }
        try (RawHttp raw = new RawHttp(server.port())) {
            String head = raw.exchange("POST /usp HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 0\r\n\r\n");
            assertTrue(head.startsWith("HTTP/1.1 405 "), head);
        }
        try (RawHttp raw = new RawHttp(server.port())) {
            String head = raw.exchange(RawHttp.upgrade("/usp", "Sec-WebSocket-Protocol: v1.usp\r\n")
                    .replace("Sec-WebSocket-Version: 13", "Sec-WebSocket-Version: 8"));
            assertTrue(head.startsWith("HTTP/1.1 426 "), head);
            assertTrue(head.contains("sec-websocket-version: 13"), head);
        }
    }

    @Test
    void a_controller_naming_no_endpoint_id_is_let_in_under_its_socket_address() throws Exception {
        start();
        JdkController controller = JdkController.connect(uri("/usp"));

        MtpAddress peer = agent.nextConnected();
        assertEquals("", peer.endpointId());
        assertTrue(peer.address().startsWith("/127.0.0.1:"), peer.address());

        controller.sendRecord(bytes("hello"));
        assertEquals(peer, agent.nextRecord().from());
        server.send(peer, bytes("answer")).get(20, TimeUnit.SECONDS);
        assertArrayEquals(bytes("answer"), controller.nextRecord());
    }

    @Test
    void a_malformed_eid_is_refused_with_400() throws Exception {
        start();
        try (RawHttp raw = new RawHttp(server.port())) {
            String head = raw.exchange(RawHttp.upgrade("/usp?eid=doc::bad%2", "Sec-WebSocket-Protocol: v1.usp\r\n"));
            assertTrue(head.startsWith("HTTP/1.1 400 "), head);
        }
        assertEquals(400, JdkController.refusedStatus(uri("/usp?eid="), "v1.usp"));
        assertEquals(400, JdkController.refusedStatus(uri("/usp?eid=" + "x".repeat(300)), "v1.usp"));
    }

    @Test
    void the_deprecated_bbf_usp_protocol_extension_names_the_controller_and_is_answered_R_WS_11a()
            throws Exception {
        start(WebSocketServerConfig.builder().agentEndpointId("proto::agent"));
        try (RawHttp raw = new RawHttp(server.port())) {
            String head = raw.exchange(RawHttp.upgrade("/usp", "Sec-WebSocket-Protocol: v1.usp\r\n"
                    + "Sec-WebSocket-Extensions: bbf-usp-protocol; eid=\"proto::old-controller\"\r\n"));
            assertTrue(head.startsWith("HTTP/1.1 101 "), head);
            assertTrue(head.toLowerCase().contains("sec-websocket-protocol: v1.usp"), head);
            assertTrue(head.contains("bbf-usp-protocol; eid=\"proto::agent\""), head);
            assertEquals("proto::old-controller", agent.nextConnected().endpointId());
        }
    }

    @Test
    void a_second_session_for_the_same_endpoint_id_is_refused_and_the_first_stays_TP469_7_2() throws Exception {
        start();
        JdkController first = JdkController.connect(uri("/usp?eid=" + CONTROLLER));
        MtpAddress peer = agent.nextConnected();

        assertEquals(409, JdkController.refusedStatus(uri("/usp?eid=" + CONTROLLER), "v1.usp"));

        server.send(peer, bytes("still here")).get(20, TimeUnit.SECONDS);
        assertArrayEquals(bytes("still here"), first.nextRecord());
        assertEquals(1, server.sessions().size());

        // Once the first session is gone the Endpoint ID may connect again.
        first.webSocket.sendClose(1000, "bye").join();
        agent.nextDisconnected();
        JdkController.connect(uri("/usp?eid=" + CONTROLLER));
        assertEquals(peer, agent.nextConnected());
    }

    @Test
    void a_fragmented_record_is_reassembled_TP469_7_12() throws Exception {
        start();
        JdkController controller = JdkController.connect(uri("/usp?eid=" + CONTROLLER));
        agent.nextConnected();

        controller.webSocket.sendBinary(ByteBuffer.wrap(bytes("part one, ")), false).join();
        controller.webSocket.sendBinary(ByteBuffer.wrap(bytes("part two, ")), false).join();
        controller.webSocket.sendBinary(ByteBuffer.wrap(bytes("the end")), true).join();

        assertArrayEquals(bytes("part one, part two, the end"), agent.nextRecord().record());
    }

    @Test
    void a_text_message_closes_the_session_with_1003_R_WS_16() throws Exception {
        start();
        JdkController controller = JdkController.connect(uri("/usp?eid=" + CONTROLLER));
        MtpAddress peer = agent.nextConnected();

        controller.webSocket.sendText("not a record", true).join();

        assertEquals(1003, controller.nextClose().status());
        RecordingListener.Disconnected gone = agent.nextDisconnected();
        assertEquals(peer, gone.peer());
        assertTrue(gone.reason().contains("1003"), gone.reason());
        assertTrue(agent.records.isEmpty());
    }

    @Test
    void a_frame_larger_than_the_record_limit_closes_with_1009() throws Exception {
        start(WebSocketServerConfig.builder().maxRecordSize(1024));
        JdkController controller = JdkController.connect(uri("/usp?eid=" + CONTROLLER));
        agent.nextConnected();

        controller.sendRecord(new byte[1024]); // at the limit: fine
        assertEquals(1024, agent.nextRecord().record().length);

        controller.webSocket.sendBinary(ByteBuffer.wrap(new byte[1025]), true);
        assertEquals(1009, controller.nextClose().status());
        agent.nextDisconnected();
        assertTrue(agent.records.isEmpty());
    }

    @Test
    void a_fragmented_message_growing_past_the_record_limit_closes_with_1009() throws Exception {
        start(WebSocketServerConfig.builder().maxRecordSize(1024));
        JdkController controller = JdkController.connect(uri("/usp?eid=" + CONTROLLER));
        agent.nextConnected();

        controller.webSocket.sendBinary(ByteBuffer.wrap(new byte[600]), false).join();
        controller.webSocket.sendBinary(ByteBuffer.wrap(new byte[600]), false);

        assertEquals(1009, controller.nextClose().status());
        assertTrue(agent.nextDisconnected().reason().contains("1009"));
        assertTrue(agent.records.isEmpty());
    }

    @Test
    void the_agent_sends_pings_every_keep_alive_interval_R_WS_17() throws Exception {
        start(WebSocketServerConfig.builder().keepAliveInterval(Duration.ofMillis(100)));
        JdkController controller = JdkController.connect(uri("/usp?eid=" + CONTROLLER));
        agent.nextConnected();

        RecordingListener.take(controller.pings, "a first Ping");
        RecordingListener.take(controller.pings, "a second Ping");
        RecordingListener.take(controller.pings, "a third Ping");
        assertTrue(agent.disconnected.isEmpty(), "the controller answers, the session stays");
    }

    @Test
    void a_ping_is_answered_with_a_pong_and_an_unsolicited_pong_is_ignored_TP469_7_7() throws Exception {
        start();
        JdkController controller = JdkController.connect(uri("/usp?eid=" + CONTROLLER));
        MtpAddress peer = agent.nextConnected();

        controller.webSocket.sendPing(ByteBuffer.wrap(bytes("are you there"))).join();
        ByteBuffer pong = RecordingListener.take(controller.pongs, "a Pong");
        assertEquals(ByteBuffer.wrap(bytes("are you there")), pong);

        controller.webSocket.sendPong(ByteBuffer.wrap(bytes("unsolicited"))).join();
        server.send(peer, bytes("still open")).get(20, TimeUnit.SECONDS);
        assertArrayEquals(bytes("still open"), controller.nextRecord());
    }

    @Test
    void a_controller_that_does_not_answer_pings_is_closed_after_two_intervals() throws Exception {
        start(WebSocketServerConfig.builder().keepAliveInterval(Duration.ofMillis(200)));
        try (RawHttp raw = new RawHttp(server.port())) {
            String head = raw.exchange(RawHttp.upgrade("/usp?eid=" + CONTROLLER, "Sec-WebSocket-Protocol: v1.usp\r\n"));
            assertTrue(head.startsWith("HTTP/1.1 101 "), head);
            agent.nextConnected();
            // Read the agent's Pings but never answer: the agent gives up and closes.
            try {
                raw.readUntilClosed();
            } catch (IOException reset) {
                // closed all the same
            }
            assertTrue(agent.nextDisconnected().reason().contains("keep-alive"));
        }
    }

    @Test
    void a_close_from_the_controller_is_answered_with_a_close_TP469_7_4() throws Exception {
        start();
        JdkController controller = JdkController.connect(uri("/usp?eid=" + CONTROLLER));
        MtpAddress peer = agent.nextConnected();

        controller.webSocket.sendClose(1000, "done").join();

        assertEquals(1000, controller.nextClose().status());
        RecordingListener.Disconnected gone = agent.nextDisconnected();
        assertEquals(peer, gone.peer());
        assertTrue(gone.reason().contains("1000") && gone.reason().contains("done"), gone.reason());
        assertTrue(server.sessions().isEmpty());
    }

    @Test
    void a_record_found_malformed_closes_the_session_with_1003_TP469_7_6() throws Exception {
        start();
        JdkController controller = JdkController.connect(uri("/usp?eid=" + CONTROLLER));
        MtpAddress peer = agent.nextConnected();
        controller.sendRecord(bytes("garbage"));
        agent.nextRecord();

        server.closeForUnprocessableRecord(peer, "cannot decode the USP Record");

        JdkController.Close close = controller.nextClose();
        assertEquals(1003, close.status());
        assertEquals("cannot decode the USP Record", close.reason());
        agent.nextDisconnected();
    }

    @Test
    void send_fails_without_a_session_or_with_a_record_over_the_limit() throws Exception {
        start(WebSocketServerConfig.builder().maxRecordSize(100));
        ExecutionException none = assertThrows(ExecutionException.class,
                () -> server.send(new MtpAddress("WebSocket", "proto::nobody", "proto::nobody"), bytes("x")).get());
        assertInstanceOf(IOException.class, none.getCause());

        JdkController.connect(uri("/usp?eid=" + CONTROLLER));
        MtpAddress peer = agent.nextConnected();
        ExecutionException big = assertThrows(ExecutionException.class,
                () -> server.send(peer, new byte[101]).get());
        assertInstanceOf(IllegalArgumentException.class, big.getCause());
    }

    @Test
    void connections_beyond_the_limit_are_closed_at_once() throws Exception {
        start(WebSocketServerConfig.builder().maxConnections(1));
        JdkController.connect(uri("/usp?eid=" + CONTROLLER));
        agent.nextConnected();
        CompletionException refused = assertThrows(CompletionException.class,
                () -> JdkController.connect(uri("/usp?eid=proto::controller-2")));
        assertInstanceOf(IOException.class, refused.getCause());
        assertEquals(1, server.sessions().size());
    }

    @Test
    void a_connection_that_sends_no_handshake_is_closed_after_the_timeout() throws Exception {
        start(WebSocketServerConfig.builder().handshakeTimeout(Duration.ofMillis(200)));
        try (RawHttp raw = new RawHttp(server.port())) {
            assertEquals(0, raw.readUntilClosed());
        }
    }

    @Test
    void close_says_going_away_to_every_controller_and_stops_its_thread() throws Exception {
        List<Thread> before = Threads.named("demarc-ws-server");
        start();
        JdkController a = JdkController.connect(uri("/usp?eid=proto::a"));
        JdkController b = JdkController.connect(uri("/usp?eid=proto::b"));
        agent.nextConnected();
        agent.nextConnected();
        List<Thread> ours = Threads.started("demarc-ws-server", before);
        assertFalse(ours.isEmpty());

        server.close();

        assertEquals(1001, a.nextClose().status());
        assertEquals(1001, b.nextClose().status());
        agent.nextDisconnected();
        agent.nextDisconnected();
        Threads.assertAllEnd(ours);
        assertThrows(IllegalStateException.class, () -> server.start(agent));
    }

    @Test
    void the_port_in_use_is_reported_when_binding_fails() {
        start();
        WebSocketServerTransport second = new WebSocketServerTransport(
                WebSocketServerConfig.builder().port(server.port()).build());
        List<Thread> before = Threads.named("demarc-ws-server");
        java.io.UncheckedIOException e = assertThrows(java.io.UncheckedIOException.class,
                () -> second.start(new RecordingListener()));
        assertTrue(e.getMessage().contains(String.valueOf(server.port())), e.getMessage());
        Threads.assertAllEnd(Threads.started("demarc-ws-server", before));
        second.close();
    }

    @Test
    void it_listens_on_every_address_it_is_given_on_one_port() throws Exception {
        start(WebSocketServerConfig.builder().bindAddresses(List.of("127.0.0.2", "127.0.0.3")));
        JdkController second = JdkController.connect(URI.create("ws://127.0.0.2:" + server.port() + "/usp?eid=" + CONTROLLER));
        assertEquals(CONTROLLER, agent.nextConnected().endpointId());
        JdkController third = JdkController.connect(
                URI.create("ws://127.0.0.3:" + server.port() + "/usp?eid=proto::controller-2"));
        assertEquals("proto::controller-2", agent.nextConnected().endpointId());
        second.sendRecord(bytes("over .2"));
        third.sendRecord(bytes("over .3"));
        assertArrayEquals(bytes("over .2"), agent.nextRecord().record());
        assertArrayEquals(bytes("over .3"), agent.nextRecord().record());
        assertThrows(java.util.concurrent.CompletionException.class,
                () -> JdkController.connect(uri("/usp?eid=proto::controller-3")), "127.0.0.1 is not listened on");
    }

    @Test
    void an_address_that_cannot_be_bound_is_left_out_while_another_can_be() throws Exception {
        start(WebSocketServerConfig.builder().bindAddresses(List.of(notOnThisMachine(0), "127.0.0.1")));
        JdkController.connect(uri("/usp?eid=" + CONTROLLER));
        assertEquals(CONTROLLER, agent.nextConnected().endpointId());
    }

    @Test
    void no_address_that_can_be_bound_fails_the_start_naming_each() throws Exception {
        List<Thread> before = Threads.named("demarc-ws-server");
        WebSocketServerTransport unusable = new WebSocketServerTransport(WebSocketServerConfig.builder()
                .bindAddresses(List.of(notOnThisMachine(0), notOnThisMachine(1))).port(0).build());
        java.io.UncheckedIOException e = assertThrows(java.io.UncheckedIOException.class,
                () -> unusable.start(new RecordingListener()));
        assertTrue(e.getMessage().contains(notOnThisMachine(0) + ":") && e.getMessage().contains(notOnThisMachine(1) + ":"),
                e.getMessage());
        Threads.assertAllEnd(Threads.started("demarc-ws-server", before));
        unusable.close();
    }

    /** The {@code n}th address of the documentation ranges (RFC 5737) that no interface of this machine has. */
    private static String notOnThisMachine(int n) throws java.net.SocketException, java.net.UnknownHostException {
        List<String> free = new java.util.ArrayList<>();
        for (String net : List.of("198.51.100.", "203.0.113.", "192.0.2.")) {
            for (int host = 1; host < 20 && free.size() <= n; host++) {
                if (java.net.NetworkInterface.getByInetAddress(java.net.InetAddress.getByName(net + host)) == null) {
                    free.add(net + host);
                }
            }
        }
        return free.get(n);
    }
}
