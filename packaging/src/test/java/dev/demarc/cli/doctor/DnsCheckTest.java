package dev.demarc.cli.doctor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.demarc.tr181.platform.DnsServerState;
import dev.demarc.tr181.platform.WanState;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The DNS step against DNS servers the test runs on 127.0.0.1 (and a 127.0.0.2 where none listens). */
class DnsCheckTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(2);
    private static final DnsServerState LOCAL = new DnsServerState("127.0.0.1", "wan", DnsServerState.Type.DHCPV4);
    private static final DnsServerState NOBODY = new DnsServerState("127.0.0.2", "wan", DnsServerState.Type.STATIC);

    @Test
    void the_names_are_the_servers_host_names_else_the_root() {
        ConfiguredEndpoints e = new ConfiguredEndpoints("x", true, List.of(
                new Endpoint(Endpoint.Kind.MQTT_BROKER, "Device.MQTT.Client.1.", "mqtt.example.net", 1883, false),
                new Endpoint(Endpoint.Kind.USP_CONTROLLER, "c", "192.0.2.1", 443, true),
                new Endpoint(Endpoint.Kind.ACS, "a", "2001:db8::1", 443, true)), List.of());
        assertEquals(List.of("mqtt.example.net"), DnsCheck.names(List.of(), e));
        assertEquals(List.of(DnsProbe.ROOT), DnsCheck.names(List.of(), ConfiguredEndpoints.none("x")));
        assertEquals(List.of("given.example"), DnsCheck.names(List.of("given.example"), e));
    }

    @Test
    void a_server_that_resolves_every_name_passes() throws Exception {
        try (TestDnsServer dns = new TestDnsServer().name("mqtt.example.net", "192.0.2.7")) {
            CheckResult r = DnsCheck.check(WanFixtures.withDns(List.of(LOCAL)), List.of("mqtt.example.net", "."),
                    new UdpDnsProbe(), dns.port(), TIMEOUT);
            assertEquals(CheckStatus.PASS, r.status(), r.toString());
            assertTrue(r.measured().matches("127\\.0\\.0\\.1: mqtt\\.example\\.net -> 192\\.0\\.2\\.7 \\(\\d+ ms\\), "
                    + "the root answered \\(\\d+ ms\\)"), r.measured());
        }
    }

    @Test
    void a_server_saying_the_root_does_not_exist_filters_names_and_warns() throws Exception {
        try (TestDnsServer dns = new TestDnsServer().mode(TestDnsServer.Mode.NXDOMAIN)) {
            CheckResult r = DnsCheck.check(WanFixtures.withDns(List.of(LOCAL)), List.of(DnsProbe.ROOT),
                    new UdpDnsProbe(), dns.port(), TIMEOUT);
            assertEquals(CheckStatus.WARN, r.status(), r.toString());
            assertTrue(r.meaning().contains("filters names"), r.meaning());
            assertTrue(r.next().contains("--dns-name"), r.next());
        }
    }

    @Test
    void a_name_that_does_not_exist_is_not_a_dns_failure() throws Exception {
        try (TestDnsServer dns = new TestDnsServer()) {
            CheckResult r = DnsCheck.check(WanFixtures.withDns(List.of(LOCAL)), List.of("typo.example"),
                    new UdpDnsProbe(), dns.port(), TIMEOUT);
            assertEquals(CheckStatus.PASS, r.status(), r.toString());
            assertTrue(r.measured().contains("typo.example: no such name"), r.measured());
        }
    }

    @Test
    void one_server_down_of_two_warns() throws Exception {
        try (TestDnsServer dns = new TestDnsServer().name("a.example", "192.0.2.1")) {
            CheckResult r = DnsCheck.check(WanFixtures.withDns(List.of(LOCAL, NOBODY)), List.of("a.example"),
                    new UdpDnsProbe(), dns.port(), TIMEOUT);
            assertEquals(CheckStatus.WARN, r.status(), r.toString());
            assertTrue(r.meaning().startsWith("DNS server 127.0.0.2 does not answer"), r.meaning());
            assertTrue(r.measured().contains("127.0.0.2 (static): a.example: "), r.measured());
        }
    }

    @Test
    void no_server_answering_fails_on_the_providers_side() throws Exception {
        try (TestDnsServer dns = new TestDnsServer().mode(TestDnsServer.Mode.SILENT)) {
            CheckResult r = DnsCheck.check(WanFixtures.withDns(List.of(LOCAL)), List.of("a.example"),
                    new UdpDnsProbe(), dns.port(), Duration.ofMillis(300));
            assertEquals(CheckStatus.FAIL, r.status());
            assertEquals(Optional.of(Side.PROVIDER), r.side());
            assertTrue(r.measured().contains("no answer"), r.measured());
        }
        try (TestDnsServer dns = new TestDnsServer().mode(TestDnsServer.Mode.SERVFAIL)) {
            CheckResult r = DnsCheck.check(WanFixtures.withDns(List.of(LOCAL)), List.of("a.example"),
                    new UdpDnsProbe(), dns.port(), TIMEOUT);
            assertEquals(CheckStatus.FAIL, r.status());
            assertTrue(r.measured().contains("SERVFAIL"), r.measured());
        }
    }

    @Test
    void no_server_at_all_fails() {
        CheckResult r = DnsCheck.check(WanFixtures.withDns(List.of()), List.of("."), new UdpDnsProbe(), 53, TIMEOUT);
        assertEquals(CheckStatus.FAIL, r.status());
        assertEquals("no DNS server configured", r.measured());
        assertEquals(Optional.of(Side.PROVIDER), r.side()); // the lease gave none
        assertEquals(Optional.of(Side.GATEWAY), DnsCheck.check(WanState.EMPTY, List.of("."), new UdpDnsProbe(), 53,
                TIMEOUT).side());
    }
}
