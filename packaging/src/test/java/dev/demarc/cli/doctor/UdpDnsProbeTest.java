package dev.demarc.cli.doctor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The DNS probe against a DNS server the test runs on 127.0.0.1. */
class UdpDnsProbeTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private final UdpDnsProbe probe = new UdpDnsProbe();

    @Test
    void a_name_resolves_to_its_ipv4_addresses() throws Exception {
        try (TestDnsServer dns = new TestDnsServer().name("mqtt.example.net", "192.0.2.7", "192.0.2.8")) {
            DnsAnswer a = probe.query(dns.address(), "mqtt.example.net", TIMEOUT);
            assertEquals(DnsAnswer.Outcome.ANSWERED, a.outcome(), a.toString());
            assertEquals(List.of("192.0.2.7", "192.0.2.8"), a.addresses());
        }
    }

    @Test
    void a_name_with_only_ipv6_addresses_is_asked_again_for_aaaa() throws Exception {
        try (TestDnsServer dns = new TestDnsServer().name("v6.example.net", "2001:db8::7")) {
            DnsAnswer a = probe.query(dns.address(), "v6.example.net", TIMEOUT);
            assertEquals(DnsAnswer.Outcome.ANSWERED, a.outcome(), a.toString());
            assertEquals(List.of(InetAddress.getByName("2001:db8::7").getHostAddress()), a.addresses());
            assertEquals(2, dns.queries.get());
        }
    }

    @Test
    void the_root_query_asks_for_the_root_name_servers() throws Exception {
        try (TestDnsServer dns = new TestDnsServer()) {
            DnsAnswer a = probe.query(dns.address(), DnsProbe.ROOT, TIMEOUT);
            assertEquals(DnsAnswer.Outcome.ANSWERED, a.outcome(), a.toString());
        }
    }

    @Test
    void an_unknown_name_is_a_name_error() throws Exception {
        try (TestDnsServer dns = new TestDnsServer()) {
            assertEquals(DnsAnswer.Outcome.NAME_ERROR, probe.query(dns.address(), "nowhere.example", TIMEOUT).outcome());
        }
    }

    @Test
    void servfail_and_refused_are_told_apart() throws Exception {
        try (TestDnsServer dns = new TestDnsServer().name("a.example", "192.0.2.1")) {
            dns.mode(TestDnsServer.Mode.SERVFAIL);
            assertEquals(DnsAnswer.Outcome.SERVER_FAILURE, probe.query(dns.address(), "a.example", TIMEOUT).outcome());
            dns.mode(TestDnsServer.Mode.REFUSED);
            assertEquals(DnsAnswer.Outcome.REFUSED, probe.query(dns.address(), "a.example", TIMEOUT).outcome());
        }
    }

    @Test
    void a_silent_server_is_a_timeout() throws Exception {
        try (TestDnsServer dns = new TestDnsServer().mode(TestDnsServer.Mode.SILENT)) {
            DnsAnswer a = probe.query(dns.address(), "a.example", Duration.ofMillis(300));
            assertEquals(DnsAnswer.Outcome.TIMEOUT, a.outcome());
            assertEquals(1, dns.queries.get());
        }
    }

    @Test
    void a_port_where_nothing_listens_is_unreachable_or_silent() throws Exception {
        int port;
        try (DatagramSocket s = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            port = s.getLocalPort();
        }
        DnsAnswer a = probe.query(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), "a.example",
                Duration.ofSeconds(2));
        assertTrue(a.outcome() == DnsAnswer.Outcome.UNREACHABLE || a.outcome() == DnsAnswer.Outcome.TIMEOUT,
                a.toString());
    }

    @Test
    void names_are_encoded_as_labels_and_bad_names_refused() {
        assertArrayEquals(new byte[] {3, 'w', 'w', 'w', 7, 'e', 'x', 'a', 'm', 'p', 'l', 'e', 3, 'o', 'r', 'g', 0},
                UdpDnsProbe.encodeName("www.example.org."));
        assertEquals(1, UdpDnsProbe.encodeName(".").length);
        assertThrows(IllegalArgumentException.class, () -> UdpDnsProbe.encodeName("a..b"));
        assertThrows(IllegalArgumentException.class, () -> UdpDnsProbe.encodeName("x".repeat(64) + ".example"));
        assertEquals(DnsAnswer.Outcome.BAD_ANSWER,
                probe.query(new InetSocketAddress(InetAddress.getLoopbackAddress(), 53), "a..b", TIMEOUT).outcome());
    }

    @Test
    void a_malformed_answer_is_a_bad_answer_not_an_exception() {
        // an answer claiming one record that is not there
        ByteBuffer b = ByteBuffer.allocate(12);
        b.putShort((short) 1).putShort((short) 0x8180).putShort((short) 0).putShort((short) 1).putInt(0);
        assertEquals(DnsAnswer.Outcome.BAD_ANSWER, UdpDnsProbe.parse(ByteBuffer.wrap(b.array()), 1, 0).outcome());
        // a query, not an answer
        ByteBuffer q = ByteBuffer.allocate(12);
        q.putShort((short) 1).putShort((short) 0x0100);
        assertEquals(DnsAnswer.Outcome.BAD_ANSWER, UdpDnsProbe.parse(ByteBuffer.wrap(q.array()), 1, 0).outcome());
    }
}
