package dev.demarc.mtp.websocket;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import dev.demarc.core.mtp.MtpAddress;
import dev.demarc.core.usp.proto.UspRecord;
import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** TLS both ways (TR-369 R-WS.22, TP-469 7.9), with certificates made by keytool for the run. */
class WebSocketTlsTest {

    @TempDir
    static Path dir;
    static TestCertificates.Identity agentId;
    static TestCertificates.Identity controllerId;
    static TestCertificates.Identity strangerId;
    static TestCertificates.Identity elsewhereId;

    private final RecordingListener agent = new RecordingListener();
    private WebSocketServerTransport server;
    private WebSocketClientTransport client;
    private NettyController controller;

    @BeforeAll
    static void certificates() throws Exception {
        agentId = TestCertificates.generate(dir, "agent", "ip:127.0.0.1,dns:localhost");
        controllerId = TestCertificates.generate(dir, "controller", "ip:127.0.0.1,dns:localhost");
        strangerId = TestCertificates.generate(dir, "stranger", "ip:127.0.0.1");
        elsewhereId = TestCertificates.generate(dir, "elsewhere", "dns:controller.elsewhere.example");
    }

    @AfterEach
    void stop() {
        if (client != null) {
            client.close();
        }
        if (server != null) {
            server.close();
        }
        if (controller != null) {
            controller.close();
        }
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private WebSocketServerTransport tlsServer() throws Exception {
        server = new WebSocketServerTransport(WebSocketServerConfig.builder().port(0)
                .tls(WebSocketServerTls.of(agentId.keyManagers()).withClientTrust(controllerId.trustManagers()))
                .build());
        server.start(agent);
        return server;
    }

    private URI wss() {
        return URI.create("wss://127.0.0.1:" + server.port() + "/usp?eid=proto::controller");
    }

    @Test
    void a_controller_with_a_trusted_certificate_exchanges_records_over_wss() throws Exception {
        tlsServer();
        JdkController c = JdkController.connect(wss(), TestCertificates.sslContext(agentId, controllerId),
                UspWebSocket.SUBPROTOCOL);
        MtpAddress peer = agent.nextConnected();

        c.sendRecord(bytes("over TLS"));
        assertArrayEquals(bytes("over TLS"), agent.nextRecord().record());
        server.send(peer, bytes("back over TLS")).get(20, TimeUnit.SECONDS);
        assertArrayEquals(bytes("back over TLS"), c.nextRecord());
    }

    private static byte[] recordFrom(String fromId) {
        return UspRecord.Record.newBuilder().setVersion("1.4").setToId("proto::agent").setFromId(fromId)
                .setNoSessionContext(UspRecord.NoSessionContextRecord.newBuilder()
                        .setPayload(ByteString.copyFromUtf8("msg of " + fromId)))
                .build().toByteArray();
    }

    @Test
    void records_whose_from_id_the_controller_certificate_does_not_name_are_dropped_R_SEC_0a() throws Exception {
        TestCertificates.Identity certified = TestCertificates.generate(dir, "certified",
                "uri:urn:bbf:usp:id:proto::controller,ip:127.0.0.1,dns:localhost");
        server = new WebSocketServerTransport(WebSocketServerConfig.builder().port(0)
                .tls(WebSocketServerTls.of(agentId.keyManagers()).withClientTrust(certified.trustManagers()))
                .build());
        server.start(agent);
        JdkController c = JdkController.connect(wss(), TestCertificates.sslContext(agentId, certified),
                UspWebSocket.SUBPROTOCOL);
        agent.nextConnected();

        byte[] intruder = recordFrom("proto::intruder");
        byte[] notARecord = bytes("not a record");
        byte[] own = recordFrom("proto::controller");
        c.sendRecord(intruder);
        c.sendRecord(notARecord);
        c.sendRecord(own);

        // In order on the one connection: the intruder's record never reached the agent; what is
        // not a record goes on, for the agent to answer as TR-369 says.
        assertArrayEquals(notARecord, agent.nextRecord().record());
        assertArrayEquals(own, agent.nextRecord().record());
    }

    @Test
    void a_dns_name_of_the_controller_certificate_is_its_fqdn_endpoint_id_R_SEC_0a() throws Exception {
        tlsServer();
        JdkController c = JdkController.connect(wss(), TestCertificates.sslContext(agentId, controllerId),
                UspWebSocket.SUBPROTOCOL);
        agent.nextConnected();
        byte[] named = recordFrom("fqdn::localhost");
        c.sendRecord(recordFrom("proto::controller"));
        c.sendRecord(named);
        // Its dNSName localhost is the fqdn Endpoint ID fqdn::localhost, and nothing else.
        assertArrayEquals(named, agent.nextRecord().record());
    }

    @Test
    void a_controller_without_a_certificate_is_refused_R_MTP_1() throws Exception {
        tlsServer();
        assertThrows(CompletionException.class, () -> JdkController.connect(wss(),
                TestCertificates.sslContext(agentId, null), UspWebSocket.SUBPROTOCOL));
        assertTrue(agent.connected.isEmpty());
    }

    @Test
    void a_controller_with_an_untrusted_certificate_is_refused() throws Exception {
        tlsServer();
        assertThrows(CompletionException.class, () -> JdkController.connect(wss(),
                TestCertificates.sslContext(agentId, strangerId), UspWebSocket.SUBPROTOCOL));
        assertTrue(agent.connected.isEmpty());
    }

    @Test
    void plain_websocket_to_a_tls_server_gets_no_session() throws Exception {
        tlsServer();
        assertThrows(CompletionException.class, () -> JdkController.connect(
                URI.create("ws://127.0.0.1:" + server.port() + "/usp?eid=proto::controller")));
        assertTrue(agent.connected.isEmpty());
    }

    private NettyController tlsController(TestCertificates.Identity serverId) throws Exception {
        SslContext tls = SslContextBuilder.forServer(serverId.keyManagers())
                .trustManager(agentId.trustManagers())
                .clientAuth(ClientAuth.REQUIRE)
                .build();
        controller = new NettyController("/controller", UspWebSocket.SUBPROTOCOL, tls).start();
        return controller;
    }

    private WebSocketClientTransport tlsClient(WebSocketClientTls tls) {
        client = new WebSocketClientTransport(WebSocketClientConfig.builder("127.0.0.1", controller.port())
                .path("/controller")
                .tls(tls)
                .agentEndpointId("proto::agent")
                .retry(new SessionRetryPolicy(Duration.ofMillis(50), 2000))
                .build());
        client.start(agent);
        return client;
    }

    @Test
    void the_agent_connects_over_wss_verifying_the_controller_and_presenting_its_own_certificate_TP469_7_9()
            throws Exception {
        tlsController(controllerId);
        tlsClient(WebSocketClientTls.trusting(controllerId.trustManagers()).withClientCertificate(agentId.keyManagers()));

        MtpAddress peer = agent.nextConnected();
        assertEquals("wss://127.0.0.1:" + controller.port() + "/controller", peer.address());
        assertTrue(controller.nextHandshake().clientCertificate());

        client.send(peer, bytes("hello over TLS")).get(20, TimeUnit.SECONDS);
        assertArrayEquals(bytes("hello over TLS"), controller.nextRecord());
        controller.send(bytes("answer over TLS"));
        assertArrayEquals(bytes("answer over TLS"), agent.nextRecord().record());
    }

    @Test
    void a_controller_whose_server_certificate_names_its_endpoint_id_is_held_to_it_R_SEC_0a() throws Exception {
        TestCertificates.Identity certified = TestCertificates.generate(dir, "certified-server",
                "uri:urn:bbf:usp:id:proto::controller,ip:127.0.0.1,dns:localhost");
        tlsController(certified);
        tlsClient(WebSocketClientTls.trusting(certified.trustManagers()).withClientCertificate(agentId.keyManagers()));
        agent.nextConnected();

        byte[] own = recordFrom("proto::controller");
        controller.send(recordFrom("proto::someone-else"));
        controller.send(own);
        assertArrayEquals(own, agent.nextRecord().record(), "the record of another Endpoint ID was dropped");
    }

    @Test
    void a_server_certificate_with_host_names_only_vouches_for_the_host_not_for_endpoint_ids() throws Exception {
        tlsController(controllerId);
        tlsClient(WebSocketClientTls.trusting(controllerId.trustManagers()).withClientCertificate(agentId.keyManagers()));
        agent.nextConnected();

        byte[] record = recordFrom("proto::any-controller");
        controller.send(record);
        assertArrayEquals(record, agent.nextRecord().record());
    }

    @Test
    void the_agent_does_not_connect_to_a_controller_it_does_not_trust() throws Exception {
        tlsController(strangerId);
        tlsClient(WebSocketClientTls.trusting(controllerId.trustManagers()).withClientCertificate(agentId.keyManagers()));

        WebSocketClientTransportTest.awaitRetries(client, 2);
        assertTrue(agent.connected.isEmpty());
        assertTrue(controller.handshakes.isEmpty(), "no HTTP request reaches an untrusted server");
    }

    @Test
    void the_agent_does_not_connect_when_the_certificate_names_another_host() throws Exception {
        tlsController(elsewhereId);
        tlsClient(WebSocketClientTls.trusting(elsewhereId.trustManagers()).withClientCertificate(agentId.keyManagers()));

        WebSocketClientTransportTest.awaitRetries(client, 2);
        assertTrue(agent.connected.isEmpty());
        assertTrue(controller.handshakes.isEmpty());
    }

    @Test
    void without_host_name_verification_a_trusted_certificate_for_another_host_is_accepted() throws Exception {
        tlsController(elsewhereId);
        tlsClient(WebSocketClientTls.trusting(elsewhereId.trustManagers()).withClientCertificate(agentId.keyManagers())
                .withoutHostnameVerification());
        agent.nextConnected();
    }

}
