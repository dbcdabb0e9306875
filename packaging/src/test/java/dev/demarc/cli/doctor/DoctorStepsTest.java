package dev.demarc.cli.doctor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.demarc.agent.AgentTls;
import dev.demarc.hal.Platforms;
import dev.demarc.tr181.platform.Platform;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every step of doctor on a simulated gateway, failing each in turn, with the real probes: the
 * DNS server, the MQTT broker's TCP port and the controller's TLS server run on 127.0.0.1 in the
 * test. For each case the test checks which step failed first and on which side it lies.
 */
class DoctorStepsTest {

    @TempDir
    Path dir;

    private TestDnsServer dns;
    private TestServers broker;
    private TestServers controller;
    private SocketEndpointProbe probe;
    private DoctorTestPki pki;

    @BeforeEach
    void servers() throws Exception {
        pki = DoctorTestPki.get();
        dns = new TestDnsServer().name("localhost", "127.0.0.1");
        broker = TestServers.tcp();
        controller = TestServers.tls(pki.serverContext(DoctorTestPki.VALID), false);
        probe = new SocketEndpointProbe(AgentTls.load(pki.caPem(), null, null).trust(), Optional.empty());
    }

    @AfterEach
    void stop() throws Exception {
        dns.close();
        broker.close();
        controller.close();
        probe.close();
    }

    private ConfiguredEndpoints endpoints(int brokerPort) {
        return ConfiguredEndpoints.fromParameters("the test", Map.of(
                "Device.MQTT.Client.1.Enable", "true",
                "Device.MQTT.Client.1.BrokerAddress", "127.0.0.1",
                "Device.MQTT.Client.1.BrokerPort", Integer.toString(brokerPort),
                "Device.LocalAgent.Controller.1.Enable", "true",
                "Device.LocalAgent.Controller.1.MTP.1.Enable", "true",
                "Device.LocalAgent.Controller.1.MTP.1.Protocol", "WebSocket",
                "Device.LocalAgent.Controller.1.MTP.1.WebSocket.Host", "localhost",
                "Device.LocalAgent.Controller.1.MTP.1.WebSocket.Port", Integer.toString(controller.port())));
    }

    private DoctorReport run(SimulatedGateway gateway, int brokerPort) throws Exception {
        try (Platform platform = Platforms.open("simulated:" + gateway.write(dir)).value()) {
            return Doctor.run(Doctor.builder(platform)
                    .endpoints(endpoints(brokerPort))
                    .endpointProbe(probe)
                    .dnsPort(dns.port())
                    .probeTimeout(Duration.ofSeconds(2))
                    .agent(AgentState.notRunning("looked at /nowhere/control.sock"))
                    .build());
        }
    }

    private static Map<String, CheckStatus> statuses(DoctorReport r) {
        return r.results().stream().collect(Collectors.toMap(c -> c.step() + (c.step().equals("endpoint")
                ? " " + c.name() : ""), CheckResult::status, (a, b) -> a, java.util.LinkedHashMap::new));
    }

    private static CheckResult controllerStep(DoctorReport r) {
        return r.results().stream().filter(c -> c.name().startsWith("USP controller localhost:")).findFirst()
                .orElseThrow();
    }

    private static void assertFirstFailure(DoctorReport r, String step, Side side) {
        CheckResult first = r.firstFailure().orElseThrow(() -> new AssertionError("no failure: " + r.results()));
        assertEquals(step, first.step(), r.results().toString());
        assertEquals(Optional.of(side), first.side());
        assertEquals(1, r.exitCode());
        assertTrue(r.verdict().contains(side.where()), r.verdict());
    }

    @Test
    void a_healthy_gateway_passes_every_step() throws Exception {
        DoctorReport r = run(new SimulatedGateway(), broker.port());
        assertEquals(List.of("wan.carrier", "wan.address", "gateway.ping", "dns", "clock", "endpoint", "endpoint",
                "agent.controllers"), r.results().stream().map(CheckResult::step).toList());
        assertEquals(List.of(CheckStatus.PASS, CheckStatus.PASS, CheckStatus.PASS, CheckStatus.PASS, CheckStatus.PASS,
                CheckStatus.PASS, CheckStatus.PASS, CheckStatus.SKIP),
                r.results().stream().map(CheckResult::status).toList(), r.results().toString());
        assertEquals(0, r.exitCode());
        assertTrue(r.results().get(1).measured().contains("lease 22 h 30 min left")
                || r.results().get(1).measured().contains("lease 22 h 29 min left"), r.results().get(1).measured());
        assertTrue(r.results().get(3).measured().startsWith("127.0.0.1: localhost -> 127.0.0.1"),
                r.results().get(3).measured());
        assertTrue(controllerStep(r).measured().contains("days left"), controllerStep(r).measured());
        assertTrue(r.verdict().contains(Side.CUSTOMER.where()), r.verdict());
    }

    @Test
    void no_carrier_is_the_first_failure_on_the_providers_side() throws Exception {
        DoctorReport r = run(new SimulatedGateway().noCarrier(), broker.port());
        assertFirstFailure(r, "wan.carrier", Side.PROVIDER);
    }

    @Test
    void no_lease_fails_the_address_step() throws Exception {
        DoctorReport r = run(new SimulatedGateway().noLease(), broker.port());
        assertEquals(CheckStatus.PASS, statuses(r).get("wan.carrier"));
        assertFirstFailure(r, "wan.address", Side.PROVIDER);
        assertEquals("wan: no IPv4 address; DHCP client Selecting", r.firstFailure().orElseThrow().measured());
    }

    @Test
    void a_silent_gateway_fails_the_ping_step() throws Exception {
        DoctorReport r = run(new SimulatedGateway().gatewaySilent(), broker.port());
        assertFirstFailure(r, "gateway.ping", Side.PROVIDER);
        assertTrue(r.firstFailure().orElseThrow().measured().contains("100% loss"));
    }

    @Test
    void a_silent_dns_server_fails_the_dns_step() throws Exception {
        dns.mode(TestDnsServer.Mode.SILENT);
        DoctorReport r = run(new SimulatedGateway(), broker.port());
        assertFirstFailure(r, "dns", Side.PROVIDER);
        // the controller's name resolves through the system's resolver, not the simulated WAN's server
        assertEquals(CheckStatus.PASS, controllerStep(r).status());
    }

    @Test
    void no_dns_server_fails_the_dns_step() throws Exception {
        DoctorReport r = run(new SimulatedGateway().noDnsServer(), broker.port());
        assertFirstFailure(r, "dns", Side.PROVIDER);
        assertEquals("no DNS server configured", r.firstFailure().orElseThrow().measured());
    }

    @Test
    void ntp_failing_to_synchronize_fails_the_clock_step() throws Exception {
        DoctorReport r = run(new SimulatedGateway().ntp("Error_FailedToSynchronize"), broker.port());
        assertFirstFailure(r, "clock", Side.GATEWAY);
    }

    @Test
    void a_broker_where_nothing_listens_fails_its_endpoint_step() throws Exception {
        int closed;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = s.getLocalPort();
        }
        DoctorReport r = run(new SimulatedGateway(), closed);
        assertFirstFailure(r, "endpoint", Side.PROVIDER);
        assertTrue(r.firstFailure().orElseThrow().name().startsWith("MQTT broker 127.0.0.1:" + closed),
                r.firstFailure().orElseThrow().name());
    }

    @Test
    void an_expired_controller_certificate_fails_its_endpoint_step() throws Exception {
        controller.close();
        controller = TestServers.tls(pki.serverContext(DoctorTestPki.EXPIRED), false);
        DoctorReport r = run(new SimulatedGateway(), broker.port());
        assertFirstFailure(r, "endpoint", Side.PROVIDER);
        assertTrue(r.firstFailure().orElseThrow().name().startsWith("USP controller localhost:"),
                r.firstFailure().orElseThrow().name());
        assertTrue(r.firstFailure().orElseThrow().meaning().contains("expired"));
    }

    @Test
    void several_failures_report_the_first_and_measure_the_rest() throws Exception {
        DoctorReport r = run(new SimulatedGateway().gatewaySilent().ntp("Error_FailedToSynchronize"), broker.port());
        assertFirstFailure(r, "gateway.ping", Side.PROVIDER);
        assertEquals(2, r.count(CheckStatus.FAIL));
        assertEquals(CheckStatus.PASS, statuses(r).get("dns"));
    }
}
