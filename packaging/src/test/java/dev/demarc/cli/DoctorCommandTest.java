package dev.demarc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.demarc.agent.RunningAgent;
import dev.demarc.cli.doctor.DoctorCommandFixtures;
import dev.demarc.core.text.JsonReader;
import dev.demarc.core.text.JsonValue;
import dev.demarc.tr181.platform.DeviceIdentity;
import dev.demarc.tr181.platform.StaticDeviceInfo;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code demarc doctor} end to end: the command line with its options, on a simulated gateway,
 * with the servers of a factory-defaults file or of a real agent running in this JVM (read over its
 * control socket), against a DNS server, an MQTT broker's port and a controller's TLS server on
 * 127.0.0.1; text and {@code --json} output (parsed back) and exit codes.
 */
class DoctorCommandTest {

    @TempDir
    Path tmp;

    private DoctorCommandFixtures servers;

    @BeforeEach
    void servers() throws Exception {
        servers = new DoctorCommandFixtures(tmp);
    }

    @AfterEach
    void stop() throws Exception {
        servers.close();
    }

    record Run(int exitCode, String out, String err) {
        JsonValue.Obj json() {
            return JsonReader.parseObject("doctor", out).value();
        }

        /** Each step's status, an endpoint's by its name, in order. */
        Map<String, String> statuses() {
            Map<String, String> m = new LinkedHashMap<>();
            for (JsonValue.Obj c : json().array("checks").objects()) {
                String step = c.string("step").orElseThrow();
                m.put(step.equals("endpoint") || step.equals("agent.controllers") ? c.string("name").orElseThrow()
                        : step, c.string("status").orElseThrow());
            }
            return m;
        }
    }

    private Run doctor(String... args) {
        List<String> all = new ArrayList<>(List.of("doctor", "--dns-port", Integer.toString(servers.dns.port()),
                "--tls-ca", servers.pki.caPem().toString(), "--probe-timeout", "2"));
        all.addAll(Arrays.asList(args));
        if (!all.contains("--control-socket")) {
            all.addAll(List.of("--control-socket", tmp.resolve("no-agent.sock").toString()));
        }
        CommandLine cmd = DemarcCommand.newCommandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cmd.setOut(new PrintWriter(out, true));
        cmd.setErr(new PrintWriter(err, true));
        int code = cmd.execute(all.toArray(String[]::new));
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void without_an_agent_the_defaults_files_servers_are_checked_and_all_pass() throws Exception {
        Path defaults = servers.defaults(servers.broker.port());
        Run r = doctor("--platform", servers.platform(servers.gateway()), "--defaults", defaults.toString(), "--json");
        assertEquals(0, r.exitCode(), r.err() + r.out());
        JsonValue.Obj o = r.json();
        assertEquals("the factory defaults " + defaults, o.string("configuration").orElseThrow());
        Map<String, String> s = r.statuses();
        assertEquals(List.of("wan.carrier", "wan.address", "gateway.ping", "dns", "clock",
                "USP controller localhost:" + servers.controller.port() + " (TLS)",
                "MQTT broker 127.0.0.1:" + servers.broker.port(), "Agent's controllers"), List.copyOf(s.keySet()));
        assertEquals(List.of("pass", "pass", "pass", "pass", "pass", "pass", "pass", "skip"), List.copyOf(s.values()),
                r.out());
        JsonValue.Obj summary = o.object("summary").orElseThrow();
        assertEquals(JsonValue.NULL, summary.get("firstFailure").orElseThrow());
        assertEquals(7, summary.number("passed").getAsLong());
        JsonValue.Obj agentStep = o.array("checks").objects().get(7);
        assertTrue(agentStep.string("measured").orElseThrow().startsWith("no agent running: looked at "
                + tmp.resolve("no-agent.sock")), agentStep.toString());
    }

    @Test
    void a_failed_step_prints_its_meaning_and_exits_with_1() throws Exception {
        Run r = doctor("--platform", servers.platform(servers.gateway().noCarrier()), "--defaults",
                servers.defaults(servers.broker.port()).toString());
        assertEquals(1, r.exitCode(), r.err());
        assertTrue(r.out().contains("\nFAIL  WAN link carrier "), r.out());
        assertTrue(r.out().contains("eth1: no carrier"), r.out());
        assertTrue(r.out().contains("        means: nothing answers at the other end of the WAN cable"), r.out());
        assertTrue(r.out().contains("        side:  the provider's network\n"), r.out());
        assertTrue(r.out().contains("The first failure, WAN link carrier, lies on the provider's side of the"
                + " demarcation point"), r.out());
        assertEquals("", r.err());
    }

    @Test
    void an_expired_certificate_and_a_closed_port_each_fail_their_server() throws Exception {
        int closed;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = s.getLocalPort();
        }
        servers.serveController(dev.demarc.cli.doctor.DoctorCommandFixtures.EXPIRED);
        Run r = doctor("--platform", servers.platform(servers.gateway()), "--defaults",
                servers.defaults(closed).toString(), "--json");
        assertEquals(1, r.exitCode(), r.out());
        Map<String, String> s = r.statuses();
        assertEquals("fail", s.get("USP controller localhost:" + servers.controller.port() + " (TLS)"), r.out());
        assertEquals("fail", s.get("MQTT broker 127.0.0.1:" + closed), r.out());
        JsonValue.Obj first = r.json().object("summary").orElseThrow().object("firstFailure").orElseThrow();
        assertEquals("endpoint", first.string("step").orElseThrow());
        assertEquals("provider", first.string("side").orElseThrow());
    }

    @Test
    void with_a_running_agent_its_servers_and_controller_connections_are_checked() throws Exception {
        int closed;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = s.getLocalPort();
        }
        Path socket = tmp.resolve("agent.sock");
        Path agentDefaults = Files.write(tmp.resolve("agent.defaults"), List.of(
                "Device.MQTT.Client.1.Enable = true",
                "Device.MQTT.Client.1.BrokerAddress = 127.0.0.1",
                "Device.MQTT.Client.1.BrokerPort = " + closed,
                "Device.LocalAgent.MTP.1.Enable = true",
                "Device.LocalAgent.MTP.1.Protocol = MQTT",
                "Device.LocalAgent.MTP.1.MQTT.Reference = Device.MQTT.Client.1",
                "Device.LocalAgent.MTP.1.MQTT.ResponseTopicConfigured = usp/agent/doctor",
                "Device.LocalAgent.Controller.1.EndpointID = proto::controller-1",
                "Device.LocalAgent.Controller.1.Enable = true",
                "Device.LocalAgent.Controller.1.MTP.1.Enable = true",
                "Device.LocalAgent.Controller.1.MTP.1.Protocol = MQTT",
                "Device.LocalAgent.Controller.1.MTP.1.MQTT.Topic = usp/controller/1"));
        try (RunningAgent agent = RunningAgent.start(RunningAgent.Settings.builder(tmp.resolve("data"))
                .defaultsFile(agentDefaults)
                .endpointId("os::00D09E-DOCTOR1")
                .platform(new StaticDeviceInfo(DeviceIdentity.unknown()))
                .controlSocket(socket)
                .build())) {
            Run r = doctor("--platform", servers.platform(servers.gateway()), "--control-socket", socket.toString(),
                    "--defaults", servers.defaults(servers.broker.port()).toString(), "--json");
            assertEquals(1, r.exitCode(), r.err() + r.out());
            JsonValue.Obj o = r.json();
            assertTrue(o.string("configuration").orElseThrow().startsWith("the running agent os::00D09E-DOCTOR1 on "
                    + socket), o.string("configuration").orElseThrow());
            Map<String, String> s = r.statuses();
            // the agent's broker, not the defaults file's servers
            assertEquals("fail", s.get("MQTT broker 127.0.0.1:" + closed), r.out());
            assertTrue(s.keySet().stream().noneMatch(k -> k.startsWith("USP controller")), s.toString());
            assertEquals("fail", s.get("Controller proto::controller-1"), r.out());
            JsonValue.Obj controllerStep = o.array("checks").objects().stream()
                    .filter(c -> c.string("name").orElseThrow().equals("Controller proto::controller-1")).findFirst()
                    .orElseThrow();
            assertTrue(controllerStep.string("measured").orElseThrow().contains(
                    "MTP.1. MQTT: not connected, Device.MQTT.Client.1.Status "), controllerStep.toString());
            assertTrue(s.keySet().stream().noneMatch(k -> k.contains("self::demarc-cli")), s.toString());
            JsonValue.Obj first = o.object("summary").orElseThrow().object("firstFailure").orElseThrow();
            assertEquals("endpoint", first.string("step").orElseThrow());
        }
    }

    @Test
    void usage_errors_exit_with_2() throws Exception {
        assertEquals(2, doctor("--tls-cert", tmp.resolve("c.pem").toString()).exitCode());
        assertEquals(2, doctor("--ping-count", "0", "--platform", servers.platform(servers.gateway())).exitCode());
        Path bad = Files.writeString(tmp.resolve("bad.defaults"), "this is not an assignment\n");
        Run r = doctor("--defaults", bad.toString(), "--platform", servers.platform(servers.gateway()));
        assertEquals(2, r.exitCode());
        assertTrue(r.err().contains("bad.defaults:1"), r.err());
        assertEquals(2, doctor("--tls-ca", tmp.resolve("missing.pem").toString()).exitCode());
    }
}
