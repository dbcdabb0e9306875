package dev.demarc.cli.doctor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.demarc.agent.AgentTls;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The reachability probe and the endpoint step against servers the test runs on 127.0.0.1: a
 * plain TCP listener, TLS servers with valid, expired, expiring, not yet valid, wrongly named and
 * untrusted certificates, a server that wants a client certificate, and a closed port.
 */
class SocketEndpointProbeTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static DoctorTestPki pki;
    private static SocketEndpointProbe probe;

    @BeforeAll
    static void pki() throws Exception {
        pki = DoctorTestPki.get();
        AgentTls tls = AgentTls.load(pki.caPem(), null, null);
        probe = new SocketEndpointProbe(tls.trust(), Optional.empty());
    }

    private static Endpoint broker(int port, boolean tls) {
        return new Endpoint(Endpoint.Kind.MQTT_BROKER, "Device.MQTT.Client.1.", "localhost", port, tls);
    }

    private static CheckResult tlsServer(String certificate) throws Exception {
        try (TestServers server = TestServers.tls(pki.serverContext(certificate), false)) {
            Endpoint e = broker(server.port(), true);
            return EndpointCheck.check(e, probe.probe(e, TIMEOUT), Instant.now(), EndpointCheck.DEFAULT_WARN_DAYS);
        }
    }

    @Test
    void a_plain_tcp_listener_passes_with_the_connect_time() throws Exception {
        try (TestServers server = TestServers.tcp()) {
            Endpoint e = broker(server.port(), false);
            ProbeOutcome o = probe.probe(e, TIMEOUT);
            assertEquals(ProbeOutcome.Failure.NONE, o.failure(), o.toString());
            assertTrue(o.connectMillis() >= 0);
            CheckResult r = EndpointCheck.check(e, o, Instant.now(), 30);
            assertEquals(CheckStatus.PASS, r.status(), r.toString());
            assertTrue(r.measured().contains("TCP connect to 127.0.0.1"), r.measured());
            assertTrue(r.measured().contains("no TLS configured"), r.measured());
        }
    }

    @Test
    void a_closed_port_is_refused_on_the_providers_side() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        Endpoint e = broker(port, false);
        ProbeOutcome o = probe.probe(e, TIMEOUT);
        assertEquals(ProbeOutcome.Failure.REFUSED, o.failure(), o.toString());
        CheckResult r = EndpointCheck.check(e, o, Instant.now(), 30);
        assertEquals(CheckStatus.FAIL, r.status());
        assertEquals(Optional.of(Side.PROVIDER), r.side());
        assertTrue(r.meaning().contains("nothing listens on port " + port), r.meaning());
    }

    @Test
    void a_valid_certificate_passes_with_its_days_left() throws Exception {
        CheckResult r = tlsServer(DoctorTestPki.VALID);
        assertEquals(CheckStatus.PASS, r.status(), r.toString());
        assertTrue(r.measured().contains("TLSv1."), r.measured());
        assertTrue(r.measured().contains("issued by CN=Demarc Doctor Test CA"), r.measured());
        assertTrue(r.measured().matches(".*\\((363|364|365) days left\\).*"), r.measured());
    }

    @Test
    void a_certificate_about_to_expire_is_a_warning() throws Exception {
        CheckResult r = tlsServer(DoctorTestPki.EXPIRING);
        assertEquals(CheckStatus.WARN, r.status(), r.toString());
        assertTrue(r.meaning().matches("the server's certificate expires in (9|10) days.*"), r.meaning());
        assertEquals(Optional.of(Side.PROVIDER), r.side());
    }

    @Test
    void an_expired_certificate_fails_and_says_when_it_expired() throws Exception {
        CheckResult r = tlsServer(DoctorTestPki.EXPIRED);
        assertEquals(CheckStatus.FAIL, r.status(), r.toString());
        assertTrue(r.meaning().contains("expired"), r.meaning());
        assertTrue(r.measured().matches(".*expired \\d{4}-\\d\\d-\\d\\d.*days ago.*"), r.measured());
        assertEquals(Optional.of(Side.PROVIDER), r.side());
    }

    @Test
    void a_certificate_not_valid_yet_points_at_the_gateways_clock() throws Exception {
        CheckResult r = tlsServer(DoctorTestPki.NOT_YET_VALID);
        assertEquals(CheckStatus.FAIL, r.status(), r.toString());
        assertTrue(r.meaning().contains("clock"), r.meaning());
        assertEquals(Optional.of(Side.GATEWAY), r.side());
    }

    @Test
    void a_certificate_for_another_host_is_a_host_mismatch() throws Exception {
        CheckResult r = tlsServer(DoctorTestPki.OTHER_HOST);
        assertEquals(CheckStatus.FAIL, r.status(), r.toString());
        assertTrue(r.meaning().contains("does not name localhost"), r.meaning());
        assertTrue(r.measured().contains("other.example.net"), r.measured());
    }

    @Test
    void an_untrusted_certificate_points_at_the_trusted_cas() throws Exception {
        CheckResult r = tlsServer(DoctorTestPki.SELF_SIGNED);
        assertEquals(CheckStatus.FAIL, r.status(), r.toString());
        assertTrue(r.meaning().contains("does not chain to a CA"), r.meaning());
        assertTrue(r.next().contains("--tls-ca"), r.next());
        assertEquals(Optional.of(Side.GATEWAY), r.side());
    }

    @Test
    void a_server_wanting_a_client_certificate_says_so() throws Exception {
        try (TestServers server = TestServers.tls(pki.serverContext(DoctorTestPki.VALID), true)) {
            Endpoint e = broker(server.port(), true);
            ProbeOutcome o = probe.probe(e, TIMEOUT);
            CheckResult r = EndpointCheck.check(e, o, Instant.now(), 30);
            assertEquals(ProbeOutcome.Failure.TLS_HANDSHAKE, o.failure(), o.toString());
            assertTrue(o.detail().contains("asked for a client certificate, and got none"), o.detail());
            assertEquals(CheckStatus.FAIL, r.status());
            assertTrue(r.next().contains("--tls-cert"), r.toString());
            assertEquals(Optional.of(Side.GATEWAY), r.side());
        }
    }

    @Test
    void a_plain_tcp_server_on_a_tls_endpoint_times_out_or_fails_the_handshake() throws Exception {
        try (TestServers server = TestServers.tcp()) {
            Endpoint e = broker(server.port(), true);
            ProbeOutcome o = probe.probe(e, Duration.ofSeconds(2));
            assertTrue(o.failure() == ProbeOutcome.Failure.TIMEOUT || o.failure() == ProbeOutcome.Failure.TLS_HANDSHAKE,
                    o.toString());
            assertEquals(CheckStatus.FAIL, EndpointCheck.check(e, o, Instant.now(), 30).status());
        }
    }

    @Test
    void a_name_that_does_not_resolve_fails_before_connecting() {
        Endpoint e = new Endpoint(Endpoint.Kind.USP_CONTROLLER, "Device.LocalAgent.Controller.1.MTP.1.",
                "no-such-host.invalid", 443, true);
        ProbeOutcome o = probe.probe(e, TIMEOUT);
        assertTrue(o.failure() == ProbeOutcome.Failure.UNRESOLVED
                || o.failure() == ProbeOutcome.Failure.NO_RESOLVER_ANSWER, o.toString());
        assertEquals(-1, o.connectMillis());
        assertEquals(CheckStatus.FAIL, EndpointCheck.check(e, o, Instant.now(), 30).status());
    }
}
