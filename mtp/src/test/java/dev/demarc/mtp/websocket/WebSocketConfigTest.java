package dev.demarc.mtp.websocket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Configuration: documented defaults, every value checked, no key material in toString. */
class WebSocketConfigTest {

    @Test
    void server_defaults_are_the_documented_ones() {
        WebSocketServerConfig c = WebSocketServerConfig.builder().build();
        assertEquals(java.util.List.of("127.0.0.1"), c.bindAddresses());
        assertEquals(8443, c.port());
        assertEquals("/usp", c.path());
        assertEquals(Optional.empty(), c.tls());
        assertEquals(Duration.ofSeconds(60), c.keepAliveInterval());
        assertEquals(1 << 20, c.maxRecordSize());
        assertEquals(16, c.maxConnections());
        assertEquals(Duration.ofSeconds(10), c.handshakeTimeout());
        assertEquals("", c.agentEndpointId());
    }

    @Test
    void client_defaults_are_the_documented_ones() {
        WebSocketClientConfig c = WebSocketClientConfig.builder("controller.example", 443)
                .agentEndpointId("proto::agent").build();
        assertEquals("/", c.path());
        assertEquals(SessionRetryPolicy.DEFAULT, c.retry());
        assertEquals(Duration.ofSeconds(60), c.keepAliveInterval());
        assertEquals("ws://controller.example:443/", c.peerAddress());
        assertEquals("ws://controller.example:443/?eid=proto::agent", c.requestUri().toString());
    }

    @Test
    void a_tr181_path_without_leading_slash_is_taken_as_absolute() {
        assertEquals("/usp", WebSocketServerConfig.builder().path("usp").build().path());
        assertEquals("/", WebSocketServerConfig.builder().path("").build().path());
    }

    @Test
    void tls_and_ipv6_hosts_shape_the_uri() {
        WebSocketClientConfig c = WebSocketClientConfig.builder("::1", 8443).path("/usp")
                .tls(WebSocketClientTls.systemTrust()).agentEndpointId("doc::agent%21").build();
        assertEquals("wss://[::1]:8443/usp", c.peerAddress());
        assertEquals("wss://[::1]:8443/usp?eid=doc::agent%2521", c.requestUri().toString());
    }

    @Test
    void bad_values_are_refused_when_built() {
        assertThrows(IllegalArgumentException.class, () -> WebSocketServerConfig.builder().port(65536).build());
        assertThrows(IllegalArgumentException.class, () -> WebSocketServerConfig.builder().path("/a b").build());
        assertThrows(IllegalArgumentException.class, () -> WebSocketServerConfig.builder().path("/a?b").build());
        assertThrows(IllegalArgumentException.class, () -> WebSocketServerConfig.builder().maxRecordSize(10).build());
        assertThrows(IllegalArgumentException.class,
                () -> WebSocketServerConfig.builder().keepAliveInterval(Duration.ZERO).build());
        assertThrows(IllegalArgumentException.class, () -> WebSocketServerConfig.builder().maxConnections(0).build());
        assertThrows(IllegalArgumentException.class, () -> WebSocketServerConfig.builder().bindAddress(" ").build());
        assertThrows(IllegalArgumentException.class,
                () -> WebSocketServerConfig.builder().bindAddresses(java.util.List.of()).build());
        assertThrows(IllegalArgumentException.class,
                () -> WebSocketServerConfig.builder().bindAddresses(java.util.List.of("127.0.0.1", "127.0.0.1")).build());
        assertThrows(IllegalArgumentException.class, () -> WebSocketServerConfig.builder()
                .bindAddresses(java.util.stream.IntStream.range(0, WebSocketServerConfig.MAX_BIND_ADDRESSES + 1)
                        .mapToObj(i -> "127.0.1." + i).toList()).build());

        assertThrows(IllegalArgumentException.class,
                () -> WebSocketClientConfig.builder("ctrl", 80).build()); // no agent Endpoint ID
        assertThrows(IllegalArgumentException.class,
                () -> WebSocketClientConfig.builder("ctrl", 0).agentEndpointId("proto::a").build());
        assertThrows(IllegalArgumentException.class,
                () -> WebSocketClientConfig.builder("user@ctrl", 80).agentEndpointId("proto::a").build());
        assertThrows(IllegalArgumentException.class,
                () -> WebSocketClientConfig.builder("h".repeat(257), 80).agentEndpointId("proto::a").build());
    }

    @Test
    void tls_settings_print_no_key_material(@TempDir Path dir) throws Exception {
        TestCertificates.Identity id = TestCertificates.generate(dir, "agent", "ip:127.0.0.1");
        WebSocketServerTls server = WebSocketServerTls.of(id.keyManagers()).withClientTrust(id.trustManagers());
        WebSocketClientTls client = WebSocketClientTls.trusting(id.trustManagers())
                .withClientCertificate(id.keyManagers());
        for (String text : new String[] {server.toString(), client.toString(),
                WebSocketServerConfig.builder().tls(server).build().toString()}) {
            assertFalse(text.contains("KeyManagerFactory"), text);
            assertFalse(text.contains(new String(TestCertificates.PASSWORD)), text);
            assertTrue(text.contains("configured"), text);
        }
        assertTrue(server.requireClientCertificate(), "TR-369 R-MTP.1: a client certificate is required");
        assertFalse(server.withoutClientCertificate().requireClientCertificate());
    }
}
